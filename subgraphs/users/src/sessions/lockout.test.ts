import { RATE_LIMIT_PREFIX } from '@vp/kit';
import { describeInProcessAndRedis, errorCodes, graphql } from '@vp/kit/testing';
import Redis from 'ioredis';
import { GOOD_PASSWORD, SIGN_IN, startUsers, type UsersHarness } from '../../test/harness';
import { signInLimitKey } from './sign-in-limit';

describeInProcessAndRedis('sign-in lockout', redisUrl => {
  let users: UsersHarness;
  beforeAll(async () => {
    users = await startUsers({ redisUrl });
  });
  afterAll(() => users.stop());

  const failFiveTimes = async (email: string) => {
    for (let attempt = 1; attempt <= 5; attempt++) {
      expect(errorCodes(await users.signIn(email, `wrong password ${attempt}`))).toEqual([
        'UNAUTHENTICATED',
      ]);
    }
  };

  it('answers RATE_LIMITED on the 6th attempt after 5 failures, even with the right password', async () => {
    const { input } = await users.signUp();
    await failFiveTimes(input.email);
    const sixth = await users.signIn(input.email, GOOD_PASSWORD);
    expect(sixth.data).toBeNull();
    expect(errorCodes(sixth)).toEqual(['RATE_LIMITED']);
    const retryAfter = sixth.errors![0].extensions!.retryAfterSeconds;
    expect(retryAfter).toBeGreaterThan(14 * 60);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    expect(errorCodes(await users.signIn(input.email.toUpperCase(), GOOD_PASSWORD))).toEqual([
      'RATE_LIMITED',
    ]);
  });

  it('locks an unknown email the same way', async () => {
    const email = `nobody-${Date.now()}-${Math.random()}@example.com`;
    await failFiveTimes(email);
    const sixth = await users.signIn(email, GOOD_PASSWORD);
    expect(errorCodes(sixth)).toEqual(['RATE_LIMITED']);
    expect(sixth.errors![0].extensions!.retryAfterSeconds).toBeGreaterThan(0);
  });

  it('leaves other accounts alone', async () => {
    const locked = await users.signUp();
    const other = await users.signUp();
    await failFiveTimes(locked.input.email);
    expect((await users.signIn(other.input.email, GOOD_PASSWORD)).data.signIn.user.id).toBe(
      other.user.id,
    );
  });

  it('clears the count on a successful sign-in', async () => {
    const { input } = await users.signUp();
    for (let attempt = 1; attempt <= 4; attempt++) {
      await users.signIn(input.email, 'wrong password!');
    }
    expect((await users.signIn(input.email, GOOD_PASSWORD)).data.signIn).toBeTruthy();
    await failFiveTimes(input.email);
    expect(errorCodes(await users.signIn(input.email, GOOD_PASSWORD))).toEqual(['RATE_LIMITED']);
  });

  it('gets no extra attempts from aliases: a failed alias ends the document and counts', async () => {
    const { input } = await users.signUp();
    const aliases = [1, 2, 3, 4, 5, 6, 7]
      .map(
        n =>
          `a${n}: signIn(input: { email: $email, password: "wrong password ${n}" }) { accessToken }`,
      )
      .join('\n');
    const document = `mutation($email: String!) { ${aliases} }`;
    for (let attempt = 1; attempt <= 5; attempt++) {
      const response = await users.query(document, { email: input.email });
      // signIn is non-null, so GraphQL stops a mutation at its first failed field.
      expect(response.data).toBeNull();
      expect(response.errors!.map(error => [error.path![0], error.extensions!.code])).toEqual([
        ['a1', 'UNAUTHENTICATED'],
      ]);
    }
    const sixth = await users.query(document, { email: input.email });
    expect(sixth.errors!.map(error => [error.path![0], error.extensions!.code])).toEqual([
      ['a1', 'RATE_LIMITED'],
    ]);
    expect(errorCodes(await users.signIn(input.email, GOOD_PASSWORD))).toEqual(['RATE_LIMITED']);
  });

  it('counts an alias that follows a successful one', async () => {
    const fresh = await users.signUp();
    const response = await users.query(
      `mutation($email: String!, $right: String!) {
        ok: signIn(input: { email: $email, password: $right }) { accessToken }
        bad: signIn(input: { email: $email, password: "wrong password" }) { accessToken }
      }`,
      { email: fresh.input.email, right: GOOD_PASSWORD },
    );
    expect(response.errors!.map(error => error.path![0])).toEqual(['bad']);
    for (let attempt = 2; attempt <= 5; attempt++) {
      expect(errorCodes(await users.signIn(fresh.input.email, 'wrong password'))).toEqual([
        'UNAUTHENTICATED',
      ]);
    }
    expect(errorCodes(await users.signIn(fresh.input.email, GOOD_PASSWORD))).toEqual([
      'RATE_LIMITED',
    ]);
  });

  if (redisUrl) {
    it('counts attempts on two instances together', async () => {
      const secondUrl = await users.startAnotherInstance();
      const { input } = await users.signUp();
      const onSecond = (password: string) =>
        graphql(secondUrl, SIGN_IN, { input: { email: input.email, password } });
      for (let attempt = 1; attempt <= 3; attempt++) {
        expect(errorCodes(await users.signIn(input.email, 'wrong password first'))).toEqual([
          'UNAUTHENTICATED',
        ]);
      }
      for (let attempt = 1; attempt <= 2; attempt++) {
        expect(errorCodes(await onSecond('wrong password second'))).toEqual(['UNAUTHENTICATED']);
      }
      expect(errorCodes(await onSecond(GOOD_PASSWORD))).toEqual(['RATE_LIMITED']);
      expect(errorCodes(await users.signIn(input.email, GOOD_PASSWORD))).toEqual(['RATE_LIMITED']);
    });

    it('lets the account in again when the window ends', async () => {
      const { input } = await users.signUp();
      await failFiveTimes(input.email);
      expect(errorCodes(await users.signIn(input.email, GOOD_PASSWORD))).toEqual(['RATE_LIMITED']);
      const redis = new Redis(redisUrl);
      try {
        // The kit's Redis limiter keeps each window under "ratelimit:<key>" with the window as its
        // TTL; the window ending is Redis dropping the key.
        const key = `${RATE_LIMIT_PREFIX}:${signInLimitKey(input.email)}`;
        const ttl = await redis.pttl(key);
        expect(ttl).toBeGreaterThan(14 * 60 * 1000);
        expect(ttl).toBeLessThanOrEqual(15 * 60 * 1000);
        expect(await redis.del(key)).toBe(1);
      } finally {
        redis.disconnect();
      }
      expect((await users.signIn(input.email, GOOD_PASSWORD)).data.signIn).toBeTruthy();
    });
  }
});
