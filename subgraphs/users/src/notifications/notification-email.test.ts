import { randomUUID } from 'node:crypto';
import { UserFollowed, VideoPublished } from '@vp/contracts';
import { eventually } from '@vp/kit/testing';
import {
  joinMessageBus,
  type MessageBus,
  PUBLIC_WEB_URL,
  startUsers,
  tokenInLink,
  type UsersHarness,
} from '../../test/harness';
import { EMAIL_QUEUE } from './notifications';

// Notification emails: mailed by the durable job to the local mailbox (the embedded default),
// which this test reads.
const SETTINGS = `mutation($input: NotificationSettingsInput!) {
  updateNotificationSettings(input: $input) { kind inApp email } }`;

type Account = Awaited<ReturnType<UsersHarness['signUp']>>;

describe('notification emails', () => {
  let users: UsersHarness;
  let bus: MessageBus;
  beforeAll(async () => {
    users = await startUsers();
    bus = await joinMessageBus(users.databaseUrl);
  });
  afterAll(async () => {
    await bus?.stop();
    await users?.stop();
  });

  /** An account whose address is verified (through the link mailed at sign-up). */
  const verifiedAccount = async () => {
    const account = await users.signUp();
    const mail = await users.mailTo(account.input.email);
    const verified = await users.query(`mutation($t: String!) { verifyEmail(token: $t) }`, {
      t: tokenInLink(mail.text, 'verify-email'),
    });
    expect(verified.data.verifyEmail).toBe(true);
    return account;
  };
  const wantEmail = async (account: Account, kind: string) => {
    const response = await users.query(
      SETTINGS,
      { input: { kind, email: true } },
      account.accessToken,
    );
    expect(response.data.updateNotificationSettings).toMatchObject({ kind, email: true });
  };
  const follow = async (follower: Account, creator: Account) => {
    const response = await users.query(
      `mutation($id: ID!) { followUser(userId: $id) { id } }`,
      { id: creator.user.id },
      follower.accessToken,
    );
    expect(response.errors).toBeUndefined();
  };
  /** The email jobs by state (none pending once every one has run). */
  const emailJobs = async () =>
    (
      await users.sql.query(
        `select "state", count(*)::int as "n" from "pgboss"."job" where "name" = $1 group by "state"`,
        [EMAIL_QUEUE],
      )
    ).rows as { state: string; n: number }[];
  const allEmailJobsDone = () =>
    eventually(emailJobs, {
      until: rows => rows.every(row => row.state === 'completed'),
      what: 'every email job to complete',
    });

  it('mails a notification of a kind set to email, once, from a durable job', async () => {
    const creator = await verifiedAccount();
    const fan = await verifiedAccount();
    await wantEmail(creator, 'NEW_FOLLOWER');
    await wantEmail(fan, 'NEW_VIDEO');

    await follow(fan, creator);
    const followed = await users.mailTo(creator.input.email, 2);
    expect(followed.subject).toBe(`@${fan.user.handle} followed you`);
    expect(followed.text).toContain(`${PUBLIC_WEB_URL}/@${fan.user.handle}`);
    expect(followed.text).toContain(`${PUBLIC_WEB_URL}/account`);

    // A follower fan-out: the batch's notifications are mailed by one job.
    const videoId = randomUUID();
    await bus.publish(VideoPublished, {
      id: videoId,
      ownerId: creator.user.id,
      visibility: 'PUBLIC',
    });
    const announced = await users.mailTo(fan.input.email, 2);
    expect(announced.subject).toBe(`@${creator.user.handle} published a new video`);
    expect(announced.text).toContain(`${PUBLIC_WEB_URL}/watch/${videoId}`);

    // The stored notifications say so; a replayed follow event mails nothing more.
    expect(await users.count('notification', 'emailed_at is not null')).toBe(2);
    await bus.publish(UserFollowed, {
      followerId: fan.user.id,
      followeeId: creator.user.id,
      followedAt: new Date().toISOString(),
    });
    await eventually(() => users.count('inbox', `consumer = 'users.UserFollowed'`), {
      until: n => n === 2,
      what: 'the replayed follow to be handled',
    });
    await allEmailJobsDone();
    expect(users.mailbox.messages(creator.input.email)).toHaveLength(2);
  });

  it('mails nothing for kinds left at email: false, nor to unverified addresses', async () => {
    const [quiet, unverified, fan] = [
      await verifiedAccount(),
      await users.signUp(),
      await users.signUp(),
    ];
    await wantEmail(unverified, 'NEW_FOLLOWER');
    const jobsBefore = (await emailJobs()).reduce((sum, row) => sum + row.n, 0);
    await follow(fan, quiet);
    await follow(fan, unverified);
    await eventually(
      () =>
        users.count('notification', 'kind = $1 and actor_id = $2', ['NEW_FOLLOWER', fan.user.id]),
      {
        until: n => n === 2,
        what: 'both follow notifications stored',
      },
    );
    // Only the unverified account wanted mail: one job, which runs and sends nothing.
    await eventually(emailJobs, {
      until: rows =>
        rows.every(row => row.state === 'completed') &&
        rows.reduce((sum, row) => sum + row.n, 0) === jobsBefore + 1,
      what: 'the one new email job to complete',
    });
    expect(users.mailbox.messages(quiet.input.email)).toHaveLength(1); // the verification link
    expect(users.mailbox.messages(unverified.input.email)).toHaveLength(1);
    expect(
      await users.count('notification', 'emailed_at is not null and actor_id = $1', [fan.user.id]),
    ).toBe(0);
  });
});
