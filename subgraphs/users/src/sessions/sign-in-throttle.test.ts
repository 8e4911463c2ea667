import { BACKOFF_PREFIX } from '@vp/kit';
import { describeInProcessAndRedis, errorCodes, graphql } from '@vp/kit/testing';
import Redis from 'ioredis';
import {
  GOOD_PASSWORD,
  SIGN_IN,
  startUsers,
  tokenInLink,
  type UsersHarness,
} from '../../test/harness';
import { BROAD_ATTACK_ADDRESSES, signInAddressKey } from './sign-in-limit';

const from = (address: string) => ({ 'x-forwarded-for': address });
const SIGN_IN_WITH_LINK = `mutation($token: String!) { signInWithLink(token: $token) { accessToken user { id } } }`;
const REQUEST_LINK = `mutation($email: String!) { requestSignInLink(email: $email) }`;

describeInProcessAndRedis('sign-in throttling', redisUrl => {
  let users: UsersHarness;
  beforeAll(async () => {
    users = await startUsers({ redisUrl });
  });
  afterAll(() => users.stop());

  let addressSequence = 0;
  /** A documentation address (RFC 5737) no other test uses. */
  const newAddress = () => {
    addressSequence += 1;
    return `198.51.${Math.floor(addressSequence / 250)}.${(addressSequence % 250) + 1}`;
  };

  const failFiveTimes = async (email: string, address: string) => {
    for (let attempt = 1; attempt <= 5; attempt++) {
      expect(
        errorCodes(await users.signIn(email, `wrong password ${attempt}`, from(address))),
      ).toEqual(['UNAUTHENTICATED']);
    }
  };

  it('slows down the failing address only: another address still signs in', async () => {
    const { input, user } = await users.signUp();
    const attacker = newAddress();
    await failFiveTimes(input.email, attacker);
    const sixth = await users.signIn(input.email, GOOD_PASSWORD, from(attacker));
    expect(sixth.data).toBeNull();
    expect(errorCodes(sixth)).toEqual(['RATE_LIMITED']);
    const retryAfter = sixth.errors![0].extensions!.retryAfterSeconds;
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(30);
    expect(sixth.errors![0].message).toContain(`Try again in ${retryAfter} seconds`);
    expect(
      errorCodes(await users.signIn(input.email.toUpperCase(), GOOD_PASSWORD, from(attacker))),
    ).toEqual(['RATE_LIMITED']);
    const owner = await users.signIn(input.email, GOOD_PASSWORD, from(newAddress()));
    expect(owner.data.signIn.user.id).toBe(user.id);
  });

  it('throttles an unknown email the same way', async () => {
    const email = `nobody-${Date.now()}-${Math.random()}@example.com`;
    const address = newAddress();
    await failFiveTimes(email, address);
    expect(errorCodes(await users.signIn(email, GOOD_PASSWORD, from(address)))).toEqual([
      'RATE_LIMITED',
    ]);
  });

  it('clears an address on a successful sign-in', async () => {
    const { input } = await users.signUp();
    const address = newAddress();
    for (let attempt = 1; attempt <= 4; attempt++) {
      await users.signIn(input.email, 'wrong password!', from(address));
    }
    expect(
      (await users.signIn(input.email, GOOD_PASSWORD, from(address))).data.signIn,
    ).toBeTruthy();
    await failFiveTimes(input.email, address);
    expect(errorCodes(await users.signIn(input.email, GOOD_PASSWORD, from(address)))).toEqual([
      'RATE_LIMITED',
    ]);
  });

  it('requires an emailed link once many addresses have tried, which signs the owner in', async () => {
    const { input, user } = await users.signUp();
    for (let i = 1; i < BROAD_ATTACK_ADDRESSES; i++) {
      expect(
        errorCodes(await users.signIn(input.email, 'stuffed password', from(newAddress()))),
      ).toEqual(['UNAUTHENTICATED']);
    }
    // the right password from yet another address is no longer enough, and says what to do
    const refused = await users.signIn(input.email, GOOD_PASSWORD, from(newAddress()));
    expect(refused.data).toBeNull();
    expect(refused.errors![0].extensions).toMatchObject({
      code: 'FORBIDDEN',
      reason: 'SIGN_IN_LINK_REQUIRED',
    });
    expect((await users.query(REQUEST_LINK, { email: input.email.toUpperCase() })).data).toEqual({
      requestSignInLink: true,
    });
    // the first message is sign-up's verification
    const mail = await users.mailTo(input.email, 2);
    expect(mail.subject).toBe('Your sign-in link');
    const token = tokenInLink(mail.text, 'sign-in-link');
    const signedIn = await users.query(SIGN_IN_WITH_LINK, { token }, undefined, from(newAddress()));
    expect(signedIn.data.signInWithLink.user.id).toBe(user.id);
    // single use
    expect(errorCodes(await users.query(SIGN_IN_WITH_LINK, { token }))).toEqual(['BAD_USER_INPUT']);
    // the link cleared the broad count: the password works again
    expect(
      (await users.signIn(input.email, GOOD_PASSWORD, from(newAddress()))).data.signIn.user.id,
    ).toBe(user.id);
  });

  it('answers requestSignInLink alike for unknown emails, and mails nothing', async () => {
    const email = `nobody-${Math.random()}@example.com`;
    expect((await users.query(REQUEST_LINK, { email })).data).toEqual({ requestSignInLink: true });
    expect(users.mailbox.messages(email)).toEqual([]);
    expect(errorCodes(await users.query(SIGN_IN_WITH_LINK, { token: 'made-up' }))).toEqual([
      'BAD_USER_INPUT',
    ]);
  });

  it('gets no extra attempts from aliases: a failed alias ends the document and counts', async () => {
    const { input } = await users.signUp();
    const address = newAddress();
    const aliases = [1, 2, 3, 4, 5, 6, 7]
      .map(
        n =>
          `a${n}: signIn(input: { email: $email, password: "wrong password ${n}" }) { accessToken }`,
      )
      .join('\n');
    const document = `mutation($email: String!) { ${aliases} }`;
    for (let attempt = 1; attempt <= 5; attempt++) {
      const response = await users.query(
        document,
        { email: input.email },
        undefined,
        from(address),
      );
      // signIn is non-null, so GraphQL stops a mutation at its first failed field.
      expect(response.errors!.map(error => [error.path![0], error.extensions!.code])).toEqual([
        ['a1', 'UNAUTHENTICATED'],
      ]);
    }
    const sixth = await users.query(document, { email: input.email }, undefined, from(address));
    expect(sixth.errors!.map(error => [error.path![0], error.extensions!.code])).toEqual([
      ['a1', 'RATE_LIMITED'],
    ]);
  });

  it('believes X-Forwarded-For only from a trusted proxy', async () => {
    // the harness's requests come from loopback, which TRUST_PROXY trusts by default; a spoofed
    // chain ending in an untrusted hop counts as that hop, not as the address the client wrote
    const { input } = await users.signUp();
    const hop = newAddress();
    for (let attempt = 1; attempt <= 5; attempt++) {
      await users.signIn(input.email, 'wrong', from(`${newAddress()}, ${hop}`));
    }
    expect(
      errorCodes(await users.signIn(input.email, GOOD_PASSWORD, from(`${newAddress()}, ${hop}`))),
    ).toEqual(['RATE_LIMITED']);
  });

  if (redisUrl) {
    it('counts on two instances together, and doubles the wait after it ends', async () => {
      const secondUrl = await users.startAnotherInstance();
      const { input } = await users.signUp();
      const address = newAddress();
      const onSecond = (password: string) =>
        graphql(
          secondUrl,
          SIGN_IN,
          { input: { email: input.email, password } },
          {
            headers: from(address),
          },
        );
      for (let attempt = 1; attempt <= 3; attempt++) {
        await users.signIn(input.email, 'wrong password first', from(address));
      }
      for (let attempt = 1; attempt <= 2; attempt++) {
        expect(errorCodes(await onSecond('wrong password second'))).toEqual(['UNAUTHENTICATED']);
      }
      expect(errorCodes(await onSecond(GOOD_PASSWORD))).toEqual(['RATE_LIMITED']);
      const redis = new Redis(redisUrl);
      try {
        // the wait ending is the stored instant passing: move it to now
        const key = `${BACKOFF_PREFIX}:${signInAddressKey(input.email, address)}`;
        expect(await redis.hset(key, 'until', Date.now())).toBe(0);
      } finally {
        redis.disconnect();
      }
      expect(errorCodes(await onSecond('wrong again'))).toEqual(['UNAUTHENTICATED']);
      const next = await users.signIn(input.email, GOOD_PASSWORD, from(address));
      expect(errorCodes(next)).toEqual(['RATE_LIMITED']);
      expect(next.errors![0].extensions!.retryAfterSeconds).toBeGreaterThan(30);
      expect(next.errors![0].extensions!.retryAfterSeconds).toBeLessThanOrEqual(60);
    });
  }
});
