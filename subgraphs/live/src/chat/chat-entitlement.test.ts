import { randomUUID } from 'node:crypto';
import { type EntityManager } from '@mikro-orm/postgresql';
import { Audience, PlanTier, Role, ViewerEntitlement } from '@vp/kit';
import { errorCodes, graphql, tokenFor } from '@vp/kit/testing';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { LiveStreamStatus } from '../streams/live-stream.entity';
import { startLiveSubgraph } from '../test-server';

/**
 * Issue 16, weakness 5: the chat of an ADULT or PREMIUM stream follows the rule of its playback,
 * for history, new and deleted messages, and sending.
 */
let app: Awaited<ReturnType<typeof startLiveSubgraph>>;
beforeAll(async () => {
  app = await startLiveSubgraph();
});
afterAll(() => app?.stop());

const SEND = `mutation ($streamId: ID!, $body: String!) { sendChatMessage(streamId: $streamId, body: $body) { id } }`;
const HISTORY = `query ($streamId: ID!) { chatMessages(streamId: $streamId) { edges { node { id body } } } }`;
const ADDED = `subscription ($streamId: ID!) { chatMessageAdded(streamId: $streamId) { id } }`;
const DELETED = `subscription ($streamId: ID!) { chatMessageDeleted(streamId: $streamId) { messageId } }`;

async function entitle(userId: string, tier: PlanTier, ageVerified = false) {
  const em: EntityManager = app.em();
  em.create(ViewerEntitlement, {
    userId,
    tier,
    ageVerified,
    changedAt: new Date(),
    updatedAt: new Date(),
  });
  await em.flush();
}

/** The first thing a subscription answers: its first event, or the codes it failed with. */
function firstOf(query: string, streamId: string, token?: string) {
  const client = createClient({
    url: app.url.replace('http', 'ws'),
    webSocketImpl: WebSocket,
    connectionParams: token ? { authorization: `Bearer ${token}` } : {},
    retryAttempts: 0,
  });
  return new Promise<{ codes?: string[]; data?: unknown }>(resolve => {
    const unsubscribe = client.subscribe(
      { query, variables: { streamId } },
      {
        next: value => {
          resolve(
            value.errors
              ? { codes: value.errors.map(error => String(error.extensions?.code)) }
              : { data: value.data },
          );
          unsubscribe();
        },
        error: error => {
          const errors = Array.isArray(error) ? error : [error];
          resolve({
            codes: errors.map(
              e => (e as { extensions?: { code?: string } }).extensions?.code ?? String(e),
            ),
          });
        },
        complete: () => resolve({}),
      },
    );
  }).finally(() => client.dispose());
}

const send = (streamId: string, token?: string) =>
  graphql(app.url, SEND, { streamId, body: 'hello' }, { token });
const history = (streamId: string, token?: string) =>
  graphql(app.url, HISTORY, { streamId }, { token });

describe('a PREMIUM stream’s chat', () => {
  it('is closed to FREE and anonymous viewers with PAYMENT_REQUIRED, and open to PREMIUM ones and the owner', async () => {
    const [stream] = await app.seed({
      status: LiveStreamStatus.LIVE,
      startedAt: new Date(),
      requiredPlan: PlanTier.PREMIUM,
    });
    const free = await tokenFor(randomUUID(), [Role.VIEWER]);
    const premiumId = randomUUID();
    await entitle(premiumId, PlanTier.PREMIUM);
    const premium = await tokenFor(premiumId, [Role.VIEWER]);
    const owner = await tokenFor(stream.ownerId, [Role.CREATOR]);

    expect(errorCodes(await send(stream.id, free))).toEqual(['PAYMENT_REQUIRED']);
    expect(errorCodes(await history(stream.id, free))).toEqual(['PAYMENT_REQUIRED']);
    expect(errorCodes(await history(stream.id))).toEqual(['PAYMENT_REQUIRED']);
    expect(await firstOf(ADDED, stream.id, free)).toEqual({ codes: ['PAYMENT_REQUIRED'] });
    expect(await firstOf(ADDED, stream.id)).toEqual({ codes: ['PAYMENT_REQUIRED'] });
    expect(await firstOf(DELETED, stream.id, free)).toEqual({ codes: ['PAYMENT_REQUIRED'] });

    expect((await send(stream.id, premium)).errors).toBeUndefined();
    expect((await send(stream.id, owner)).errors).toBeUndefined();
    const read = await history(stream.id, premium);
    expect(read.errors).toBeUndefined();
    expect(read.data.chatMessages.edges).toHaveLength(2);
    // nothing a refused viewer sent was stored
    expect(
      (await history(stream.id, owner)).data.chatMessages.edges.map(
        (edge: { node: { body: string } }) => edge.node.body,
      ),
    ).toEqual(['hello', 'hello']);
  });
});

describe('an ADULT stream’s chat', () => {
  it('is closed to viewers without an age check with FORBIDDEN, and open to verified adults', async () => {
    const [stream] = await app.seed({
      status: LiveStreamStatus.LIVE,
      startedAt: new Date(),
      audience: Audience.ADULT,
    });
    const unverified = await tokenFor(randomUUID(), [Role.VIEWER]);
    const adultId = randomUUID();
    await entitle(adultId, PlanTier.FREE, true);
    const adult = await tokenFor(adultId, [Role.VIEWER]);

    expect(errorCodes(await send(stream.id, unverified))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await history(stream.id, unverified))).toEqual(['FORBIDDEN']);
    expect(await firstOf(ADDED, stream.id, unverified)).toEqual({ codes: ['FORBIDDEN'] });
    expect((await send(stream.id, adult)).errors).toBeUndefined();
    expect((await history(stream.id, adult)).errors).toBeUndefined();
  });
});

it('leaves a FREE GENERAL stream’s chat open to everyone', async () => {
  const [stream] = await app.seed({ status: LiveStreamStatus.LIVE, startedAt: new Date() });
  expect((await history(stream.id)).errors).toBeUndefined();
  expect(
    (await send(stream.id, await tokenFor(randomUUID(), [Role.VIEWER]))).errors,
  ).toBeUndefined();
});
