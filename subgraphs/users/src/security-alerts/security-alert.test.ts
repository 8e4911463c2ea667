import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { describeInProcessAndRedis, eventually } from '@vp/kit/testing';
import {
  GOOD_PASSWORD,
  REFRESH,
  startUsers,
  tokenInLink,
  type UsersHarness,
} from '../../test/harness';

const SUBSCRIPTION = `subscription { securityAlerts { id kind occurredAt userAgent ip user { id handle email } } }`;

/** A graphql-ws subscriber that collects events and its terminal error, if any. */
function subscribe(users: UsersHarness, token?: string) {
  const client: Client = createClient({
    url: `ws://127.0.0.1:${users.port}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams: token ? { authorization: `Bearer ${token}` } : {},
    retryAttempts: 0,
    lazy: false,
    // Refusals are asserted through the subscription's error sink below.
    onNonLazyError: () => {},
  });
  const events: any[] = [];
  let error: unknown;
  let settle: () => void;
  const done = new Promise<void>(resolve => (settle = resolve));
  const ready = new Promise<void>(resolve => client.on('connected', () => resolve()));
  client.subscribe(
    { query: SUBSCRIPTION },
    {
      next: value => events.push(value),
      error: err => {
        error = err;
        settle();
      },
      complete: () => settle(),
    },
  );
  return {
    events,
    done,
    ready,
    get error() {
      return error;
    },
    async next(count = 1) {
      await eventually(() => events.length >= count || error !== undefined, {
        what: `alert #${count}`,
      });
      return events[count - 1];
    },
    close: () => client.dispose(),
  };
}

// A subscription is registered a moment after `connected`; give it that moment.
const settleSubscription = () => new Promise(resolve => setTimeout(resolve, 100));

describeInProcessAndRedis('securityAlerts over graphql-ws', redisUrl => {
  let users: UsersHarness;
  beforeAll(async () => {
    users = await startUsers({ redisUrl });
  });
  afterAll(() => users.stop());

  it('tells a signed-in subscriber when the same account signs in elsewhere', async () => {
    const account = await users.signUp();
    const other = await users.signUp();
    const subscriber = subscribe(users, account.accessToken);
    const bystander = subscribe(users, other.accessToken);
    try {
      await Promise.all([subscriber.ready, bystander.ready]);
      await settleSubscription();
      await users.signIn(account.input.email, GOOD_PASSWORD, {
        'user-agent': 'SomeBrowser/1.0 (test)',
      });

      const event = await subscriber.next();
      expect(event.errors).toBeUndefined();
      expect(event.data.securityAlerts).toMatchObject({
        kind: 'NEW_SIGN_IN',
        userAgent: 'SomeBrowser/1.0 (test)',
        user: { id: account.user.id, handle: account.user.handle, email: account.input.email },
      });
      expect(event.data.securityAlerts.ip).toMatch(/127\.0\.0\.1/);
      expect(new Date(event.data.securityAlerts.occurredAt).getTime()).toBeGreaterThan(
        Date.now() - 60_000,
      );
      expect(bystander.events).toHaveLength(0);
    } finally {
      await Promise.all([subscriber.close(), bystander.close()]);
    }
  });

  it('tells the subscriber about refresh-token reuse and a password reset', async () => {
    const account = await users.signUp();
    const watcher = (await users.signIn(account.input.email, GOOD_PASSWORD)).data.signIn;
    const subscriber = subscribe(users, watcher.accessToken);
    try {
      await subscriber.ready;
      await settleSubscription();
      await users.query(REFRESH, { token: account.refreshToken });
      await users.query(REFRESH, { token: account.refreshToken });
      expect((await subscriber.next(1)).data.securityAlerts.kind).toBe('SESSION_REUSE_DETECTED');

      await users.query(`mutation($e: String!) { requestPasswordReset(email: $e) }`, {
        e: account.input.email,
      });
      const token = tokenInLink(
        (await users.mailTo(account.input.email, 2)).text,
        'reset-password',
      );
      await users.query(
        `mutation($t: String!) { resetPassword(input: { token: $t, newPassword: "a brand new passphrase" }) }`,
        {
          t: token,
        },
      );
      expect((await subscriber.next(2)).data.securityAlerts.kind).toBe('PASSWORD_CHANGED');
    } finally {
      await subscriber.close();
    }
  });

  // graphql-js answers a refused subscribe with one result carrying the error, then completes.
  const expectRefused = async (subscriber: ReturnType<typeof subscribe>) => {
    await subscriber.done;
    expect(subscriber.error).toBeUndefined();
    expect(subscriber.events).toHaveLength(1);
    expect(subscriber.events[0].data ?? null).toBeNull();
    expect(subscriber.events[0].errors.map((error: any) => error.extensions.code)).toEqual([
      'UNAUTHENTICATED',
    ]);
    await subscriber.close();
  };

  it('refuses an anonymous subscriber with UNAUTHENTICATED', async () => {
    await expectRefused(subscribe(users));
  });

  it('refuses a subscriber whose session has been signed out: its revoked token closes the connection (4403)', async () => {
    const account = await users.signUp();
    await users.query(`mutation($t: String!) { signOut(refreshToken: $t) }`, {
      t: account.refreshToken,
    });
    const subscriber = subscribe(users, account.accessToken);
    await subscriber.done;
    expect((subscriber.error as { code?: number }).code).toBe(4403);
    expect(subscriber.events).toEqual([]);
    await subscriber.close();
  });

  it('closes the connection of a subscriber with a forged token (4403)', async () => {
    const subscriber = subscribe(users, 'eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.');
    await subscriber.done;
    expect((subscriber.error as { code?: number }).code).toBe(4403);
    await subscriber.close();
  });
});
