import Redis from 'ioredis';
import {
  createTokenVerifier,
  generateSigningKeys,
  Role,
  signAccessToken,
  type Viewer,
} from './auth';
import { createSharedState, type SharedState } from './redis';
import { type Revocation, REVOCATION_TOPIC } from './revocation';
import { describeInProcessAndRedis, eventually } from './testing';

const someone = (): Viewer => ({
  id: crypto.randomUUID(),
  roles: [Role.ADMIN],
  sessionId: crypto.randomUUID(),
});

describeInProcessAndRedis('revocations', redisUrl => {
  let keys: Awaited<ReturnType<typeof generateSigningKeys>>;
  let publisher: SharedState;
  let listener: SharedState;
  beforeAll(async () => {
    keys = await generateSigningKeys();
    // two processes' shared states: users publishes on one, another subgraph verifies on the other
    publisher = await createSharedState(redisUrl);
    listener = await createSharedState(redisUrl);
  });
  afterAll(async () => {
    await publisher.close();
    await listener.close();
  });

  const refusedBy = (shared: SharedState, token: string) =>
    createTokenVerifier(
      keys.jwks,
      shared.revocations,
    )(token).then(
      () => false,
      (error: { extensions?: { code?: string } }) => error.extensions?.code === 'UNAUTHENTICATED',
    );

  it("refuses a signed-out session's tokens elsewhere, and only that session's", async () => {
    const viewer = someone();
    const { token } = await signAccessToken(keys.privateJwk, viewer);
    const otherSession = await signAccessToken(keys.privateJwk, { ...viewer, sessionId: 'other' });
    expect(await refusedBy(listener, token)).toBe(false);
    await publisher.revocations.publish({
      userId: viewer.id,
      sessionId: viewer.sessionId,
      reason: 'SIGNED_OUT',
    });
    await eventually(() => refusedBy(listener, token), { what: 'the token to be refused' });
    expect(await refusedBy(listener, otherSession.token)).toBe(false);
  });

  it('refuses tokens issued before a not-before time and accepts those issued after', async () => {
    const viewer = someone();
    const before = await signAccessToken(keys.privateJwk, viewer);
    const notBefore = Date.now();
    await publisher.revocations.publish({ userId: viewer.id, notBefore, reason: 'ROLES_CHANGED' });
    await eventually(() => refusedBy(listener, before.token), { what: 'the old token refused' });
    // within the same second as the revocation: the millisecond claim tells them apart
    await eventually(() => Date.now() > notBefore);
    const after = await signAccessToken(keys.privateJwk, { ...viewer, roles: [Role.VIEWER] });
    expect(await refusedBy(listener, after.token)).toBe(false);
  });

  it('refuses tokens carrying other roles than the current ones, whenever they were issued', async () => {
    const viewer = someone(); // an ADMIN
    const before = await signAccessToken(keys.privateJwk, viewer);
    // refreshed while the demotion was being written: issued later, still with the old roles
    const racing = await signAccessToken(keys.privateJwk, viewer);
    const changedAt = Date.now();
    await publisher.revocations.publish({
      userId: viewer.id,
      roles: [Role.VIEWER],
      changedAt,
      reason: 'ROLES_CHANGED',
    });
    await eventually(() => refusedBy(listener, before.token), { what: 'the admin token refused' });
    expect(await refusedBy(listener, racing.token)).toBe(true);
    const after = await signAccessToken(keys.privateJwk, { ...viewer, roles: [Role.VIEWER] });
    expect(await refusedBy(listener, after.token)).toBe(false);
    // an older change heard late (the CLI path's event) does not undo a newer one
    await publisher.revocations.publish({
      userId: viewer.id,
      roles: [Role.ADMIN],
      changedAt: changedAt - 1,
      reason: 'ROLES_CHANGED',
    });
    await publisher.revocations.publish({ userId: 'marker2', sessionId: 'm2', reason: 'X' });
    await eventually(() =>
      listener.revocations.isRevoked({ id: 'marker2', roles: [], sessionId: 'm2' }),
    );
    expect(await refusedBy(listener, after.token)).toBe(false);
    expect(await refusedBy(listener, before.token)).toBe(true);
  });

  it('tells listeners (the gateway closes sockets with it)', async () => {
    const heard: Revocation[] = [];
    const stop = listener.revocations.onRevocation(revocation => heard.push(revocation));
    const revocation = { userId: someone().id, notBefore: Date.now(), reason: 'SUSPENDED' };
    await publisher.revocations.publish(revocation);
    await eventually(() => heard.find(one => one.userId === revocation.userId));
    stop();
  });

  it('lets a process that starts later catch up', async () => {
    const viewer = someone();
    const { token } = await signAccessToken(keys.privateJwk, viewer);
    await publisher.revocations.publish({
      userId: viewer.id,
      sessionId: viewer.sessionId,
      reason: 'PASSWORD_RESET',
    });
    const late = await createSharedState(redisUrl);
    try {
      expect(await refusedBy(late, token)).toBe(true);
    } finally {
      await late.close();
    }
  });

  if (redisUrl) {
    it('keeps entries in Redis only while a token they name can still verify', async () => {
      const redis = new Redis(redisUrl);
      try {
        await publisher.revocations.publish({
          userId: someone().id,
          sessionId: 'x',
          reason: 'SIGNED_OUT',
        });
        const ttl = await redis.pttl(REVOCATION_TOPIC);
        expect(ttl).toBeGreaterThan(11 * 60 * 1000);
        expect(ttl).toBeLessThanOrEqual(12 * 60 * 1000);
      } finally {
        redis.disconnect();
      }
    });

    it('ignores malformed entries on the wire', async () => {
      const viewer = someone();
      const { token } = await signAccessToken(keys.privateJwk, viewer);
      publisher.pubSub.publish(REVOCATION_TOPIC, { userId: viewer.id } as never);
      await publisher.revocations.publish({ userId: 'marker', sessionId: 'm', reason: 'X' });
      await eventually(() =>
        listener.revocations.isRevoked({ id: 'marker', roles: [], sessionId: 'm' }),
      );
      expect(await refusedBy(listener, token)).toBe(false);
    });
  }
});
