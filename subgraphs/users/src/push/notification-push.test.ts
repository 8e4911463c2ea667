import { randomUUID } from 'node:crypto';
import { VideoPublished } from '@vp/contracts';
import { eventually } from '@vp/kit/testing';
import {
  joinMessageBus,
  type MessageBus,
  SIGN_OUT,
  startUsers,
  type UsersHarness,
} from '../../test/harness';
import { PUSH_QUEUE } from '../notifications/notifications';
import { PUSH_RECEIPTS_QUEUE } from './push-receipts';
import { ExpoPushSender } from './expo-push-sender';
import { type ExpoPushStandIn, serveExpoPushStandIn } from './testing/expo-push-standin';

// Push notifications end to end in the users subgraph: a notification stored for an account with
// a registered phone is pushed by the durable job through ExpoPushSender, to a local stand-in of
// Expo's push API; tokens Expo reports unregistered are dropped.
const REGISTER = `mutation($input: RegisterPushDeviceInput!) {
  registerPushDevice(input: $input) { id } }`;
const SETTINGS = `mutation($input: NotificationSettingsInput!) {
  updateNotificationSettings(input: $input) { kind push } }`;

type Account = Awaited<ReturnType<UsersHarness['signUp']>>;

let sequence = 0;
const newToken = () =>
  `ExponentPushToken[push${process.env.JEST_WORKER_ID ?? 0}x${(sequence += 1)}x${Math.random().toString(36).slice(2, 10)}]`;

describe('push notifications', () => {
  let expo: ExpoPushStandIn;
  let users: UsersHarness;
  let bus: MessageBus;
  beforeAll(async () => {
    expo = await serveExpoPushStandIn({ accessToken: 'project-access-token' });
    users = await startUsers({
      pushSender: new ExpoPushSender({ url: expo.url, accessToken: 'project-access-token' }),
    });
    bus = await joinMessageBus(users.databaseUrl);
  });
  afterAll(async () => {
    await bus?.stop();
    await users?.stop();
    await expo?.close();
  });

  const register = async (account: Account, platform = 'IOS') => {
    const token = newToken();
    const response = await users.query(
      REGISTER,
      { input: { token, platform } },
      account.accessToken,
    );
    expect(response.errors).toBeUndefined();
    return token;
  };
  const follow = async (follower: Account, creator: Account) => {
    const response = await users.query(
      `mutation($id: ID!) { followUser(userId: $id) { id } }`,
      { id: creator.user.id },
      follower.accessToken,
    );
    expect(response.errors).toBeUndefined();
  };
  const pushesTo = (token: string) => expo.messages().filter(message => message.to === token);
  /** The push jobs by state. */
  const pushJobs = async () =>
    (
      await users.sql.query(
        `select "state", count(*)::int as "n" from "pgboss"."job" where "name" = $1 group by "state"`,
        [PUSH_QUEUE],
      )
    ).rows as { state: string; n: number }[];
  const jobCount = async () => (await pushJobs()).reduce((sum, row) => sum + row.n, 0);
  const allPushJobsDone = (count: number) =>
    eventually(pushJobs, {
      until: rows =>
        rows.every(row => row.state === 'completed') &&
        rows.reduce((sum, row) => sum + row.n, 0) === count,
      what: `${count} push jobs to complete`,
    });

  it("pushes a notification to every device of its recipient, and drops a token Expo doesn't know", async () => {
    const [creator, fan] = [await users.signUp(), await users.signUp()];
    const phone = await register(creator, 'IOS');
    const uninstalled = await register(creator, 'ANDROID');
    expo.unregister(uninstalled);

    await follow(fan, creator);
    const [pushed] = await eventually(() => pushesTo(phone), {
      until: found => found.length === 1,
      what: 'the follow pushed to the phone',
    });
    expect(pushed).toEqual({
      to: phone,
      title: 'New follower',
      body: `@${fan.user.handle} followed you`,
      data: { url: `vp://channel/${fan.user.handle}`, notificationId: expect.any(String) },
      sound: 'default',
    });
    // The same request carried the uninstalled phone's message; its ticket said DeviceNotRegistered.
    expect(pushesTo(uninstalled)).toHaveLength(1);
    await eventually(() => users.count('push_device', 'token = $1', [uninstalled]), {
      until: n => n === 0,
      what: 'the unregistered token dropped',
    });
    expect(await users.count('push_device', 'token = $1', [phone])).toBe(1);
    expect(
      await users.count('notification', 'id = $1 and pushed_at is not null', [
        pushed.data!.notificationId,
      ]),
    ).toBe(1);
  });

  it('reads the receipts later and drops the token of an app uninstalled after the push was accepted', async () => {
    const [creator, fan] = [await users.signUp(), await users.signUp()];
    const [kept, uninstalled] = [await register(creator), await register(creator)];
    await follow(fan, creator);
    await eventually(() => users.count('push_ticket', 'token in ($1, $2)', [kept, uninstalled]), {
      until: n => n === 2,
      what: "both pushes' tickets kept for their receipts",
    });
    expo.unregister(uninstalled);
    // the receipts job asks for tickets 15 minutes old: these are made so, and the job run now
    await users.sql.query(
      `update "users"."push_ticket" set "sent_at" = now() - interval '16 minutes'
        where "token" in ($1, $2)`,
      [kept, uninstalled],
    );
    const requestsBefore = expo.receiptRequests();
    await bus.messaging.queue.send(PUSH_RECEIPTS_QUEUE, {});
    await eventually(() => users.count('push_device', 'token = $1', [uninstalled]), {
      until: n => n === 0,
      what: 'the uninstalled phone dropped after its receipt',
    });
    expect(expo.receiptRequests()).toBeGreaterThan(requestsBefore);
    expect(await users.count('push_device', 'token = $1', [kept])).toBe(1);
    await eventually(() => users.count('push_ticket', 'token in ($1, $2)', [kept, uninstalled]), {
      until: n => n === 0,
      what: 'the tickets whose receipts were read deleted',
    });
  });

  it('pushes a follower fan-out with a link to the video', async () => {
    const [creator, fan] = [await users.signUp(), await users.signUp()];
    const phone = await register(fan);
    await follow(fan, creator);
    const videoId = randomUUID();
    await bus.publish(VideoPublished, {
      id: videoId,
      ownerId: creator.user.id,
      visibility: 'PUBLIC',
    });
    const [pushed] = await eventually(() => pushesTo(phone), {
      until: found => found.length === 1,
      what: 'the new video pushed',
    });
    expect(pushed).toMatchObject({
      title: 'New video',
      body: `@${creator.user.handle} published a new video`,
      data: { url: `vp://watch/${videoId}` },
    });
  });

  it('pushes nothing for a kind whose push is off, nor to an account without a phone', async () => {
    const [quiet, phoneless, fan] = [
      await users.signUp(),
      await users.signUp(),
      await users.signUp(),
    ];
    const phone = await register(quiet);
    const off = await users.query(
      SETTINGS,
      { input: { kind: 'NEW_FOLLOWER', push: false } },
      quiet.accessToken,
    );
    expect(off.data.updateNotificationSettings).toEqual({ kind: 'NEW_FOLLOWER', push: false });
    const jobsBefore = await jobCount();

    await follow(fan, quiet);
    await follow(fan, phoneless);
    await eventually(
      () =>
        users.count('notification', 'kind = $1 and actor_id = $2', ['NEW_FOLLOWER', fan.user.id]),
      { until: n => n === 2, what: 'both follow notifications stored' },
    );
    // Stored in the app, but no push job was even queued for them (the outbox relayed everything).
    await eventually(() => users.count('outbox'), {
      until: n => n === 0,
      what: 'the outbox relayed',
    });
    await allPushJobsDone(jobsBefore);
    expect(pushesTo(phone)).toEqual([]);
    expect(
      await users.count('notification', 'actor_id = $1 and pushed_at is not null', [fan.user.id]),
    ).toBe(0);
  });

  it("pushes nothing to a device whose session was signed out, even if the app couldn't unregister it", async () => {
    const [creator, fan] = [await users.signUp(), await users.signUp()];
    const phone = await register(creator);
    await users.query(SIGN_OUT, { token: creator.refreshToken });
    const jobsBefore = await jobCount();

    await follow(fan, creator);
    await allPushJobsDone(jobsBefore + 1);
    expect(pushesTo(phone)).toEqual([]);
  });

  it('retries with backoff when the push service fails, and pushes once', async () => {
    const [creator, fan] = [await users.signUp(), await users.signUp()];
    const phone = await register(creator);
    const jobsBefore = await jobCount();
    expo.failNext(503);

    await follow(fan, creator);
    await allPushJobsDone(jobsBefore + 1);
    expect(pushesTo(phone)).toHaveLength(1);
    const [{ retry_count: retries }] = (
      await users.sql.query(
        `select "retry_count" from "pgboss"."job" where "name" = $1 order by "created_on" desc limit 1`,
        [PUSH_QUEUE],
      )
    ).rows;
    expect(retries).toBe(1);
  });
});
