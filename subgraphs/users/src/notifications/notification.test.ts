import { randomUUID } from 'node:crypto';
import {
  CommentAdded,
  EntitlementChanged,
  LiveStreamChanged,
  TipReceived,
  UserFollowed,
  VideoDeleted,
  VideoPublished,
} from '@vp/contracts';
import { errorCodes, eventually, subscribe } from '@vp/kit/testing';
import { joinMessageBus, startUsers, type UsersHarness } from '../../test/harness';
import { FAN_OUT_BATCH, FAN_OUT_QUEUE } from './notification.consumers';

const INBOX = `query($first: Int = 20, $after: String) { me { unreadNotificationCount
  notifications(first: $first, after: $after) { edges { node {
    id kind read createdAt actor { handle } video { id } liveStream { id } comment { id } amountJpy } }
    pageInfo { hasNextPage endCursor } } } }`;
const MARK_READ = `mutation($ids: [ID!]) { markNotificationsRead(ids: $ids) }`;
const SETTINGS = `mutation($input: NotificationSettingsInput!) {
  updateNotificationSettings(input: $input) { kind inApp email } }`;

type Account = Awaited<ReturnType<UsersHarness['signUp']>>;

describe('notifications', () => {
  let users: UsersHarness;
  let bus: Awaited<ReturnType<typeof joinMessageBus>>;
  beforeAll(async () => {
    users = await startUsers();
    bus = await joinMessageBus(users.databaseUrl);
  });
  afterAll(async () => {
    await bus?.stop();
    await users?.stop();
  });

  const inbox = async (account: Account) => {
    const response = await users.query(INBOX, {}, account.accessToken);
    expect(response.errors).toBeUndefined();
    return response.data.me as {
      unreadNotificationCount: number;
      notifications: { edges: { node: any }[] };
    };
  };
  const nodes = async (account: Account) =>
    (await inbox(account)).notifications.edges.map(edge => edge.node);
  /** Waits until the account has `count` notifications, and returns them, newest first. */
  const notificationsOf = (account: Account, count = 1) =>
    eventually(() => nodes(account), {
      until: found => found.length >= count,
      what: `${count} notification(s) for ${account.user.handle}`,
    });
  /** Waits until users has handled the event (its inbox row committed with what it stored). */
  const handled = (event: { id: string; type: string }) =>
    eventually(
      () =>
        users.count('inbox', 'consumer = $1 and event_id = $2', [`users.${event.type}`, event.id]),
      { what: `users to handle ${event.type} ${event.id}` },
    );
  /** The creator's fan-out jobs by state. */
  const fanOutJobs = async (creator: Account) =>
    (
      await users.sql.query(
        `select "state", count(*)::int as "n" from "pgboss"."job"
          where "name" = $1 and "data"->>'creatorId' = $2 group by "state"`,
        [FAN_OUT_QUEUE, creator.user.id],
      )
    ).rows as { state: string; n: number }[];
  const follow = async (follower: Account, creator: Account) => {
    const response = await users.query(
      `mutation($id: ID!) { followUser(userId: $id) { id } }`,
      { id: creator.user.id },
      follower.accessToken,
    );
    expect(response.errors).toBeUndefined();
  };

  it('tells a creator about a new follower, from the follow itself', async () => {
    const [creator, fan] = [await users.signUp(), await users.signUp()];
    await follow(fan, creator);
    const [notification] = await notificationsOf(creator);
    expect(notification).toMatchObject({
      kind: 'NEW_FOLLOWER',
      read: false,
      actor: { handle: fan.user.handle },
      video: null,
      liveStream: null,
      comment: null,
      amountJpy: null,
    });
    expect(new Date(notification.createdAt).getTime()).toBeGreaterThan(Date.now() - 60_000);
    expect((await inbox(creator)).unreadNotificationCount).toBe(1);
    expect(await nodes(fan)).toEqual([]);
  });

  it("tells a creator's followers about a public video and a stream going live, not the creator", async () => {
    const [creator, fan] = [await users.signUp(), await users.signUp()];
    await follow(fan, creator);
    const videoId = randomUUID();
    const streamId = randomUUID();
    await bus.publish(VideoPublished, {
      id: videoId,
      ownerId: creator.user.id,
      visibility: 'PUBLIC',
    });
    const [video] = await notificationsOf(fan);
    expect(video).toMatchObject({
      kind: 'NEW_VIDEO',
      actor: { handle: creator.user.handle },
      video: { id: videoId },
    });

    await bus.publish(LiveStreamChanged, {
      id: streamId,
      ownerId: creator.user.id,
      status: 'LIVE',
      startedAt: new Date().toISOString(),
    });
    const [live, earlier] = await notificationsOf(fan, 2);
    expect(live).toMatchObject({
      kind: 'LIVE_STARTED',
      actor: { handle: creator.user.handle },
      liveStream: { id: streamId },
      video: null,
    });
    expect(earlier.id).toBe(video.id);
    expect((await nodes(creator)).map(node => node.kind)).toEqual(['NEW_FOLLOWER']);
  });

  it('announces neither an unlisted video nor a scheduled stream', async () => {
    const [creator, fan] = [await users.signUp(), await users.signUp()];
    await follow(fan, creator);
    await handled(
      await bus.publish(VideoPublished, {
        id: randomUUID(),
        ownerId: creator.user.id,
        visibility: 'UNLISTED',
      }),
    );
    await handled(
      await bus.publish(LiveStreamChanged, {
        id: randomUUID(),
        ownerId: creator.user.id,
        status: 'SCHEDULED',
      }),
    );
    expect(await fanOutJobs(creator)).toEqual([]);
    expect(await nodes(fan)).toEqual([]);
  });

  it('announces no video deleted, and no stream ended, before the announcement arrived', async () => {
    const [creator, fan] = [await users.signUp(), await users.signUp()];
    await follow(fan, creator);
    const [videoId, streamId] = [randomUUID(), randomUUID()];
    const earlier = new Date(Date.now() - 60_000);
    // The later event of each pair is delivered first (the version is the envelope's occurredAt).
    await handled(await bus.publish(VideoDeleted, { id: videoId, ownerId: creator.user.id }));
    await handled(
      await bus.publish(
        VideoPublished,
        { id: videoId, ownerId: creator.user.id, visibility: 'PUBLIC' },
        { occurredAt: earlier },
      ),
    );
    await handled(
      await bus.publish(LiveStreamChanged, {
        id: streamId,
        ownerId: creator.user.id,
        status: 'ENDED',
        endedAt: new Date().toISOString(),
      }),
    );
    await handled(
      await bus.publish(
        LiveStreamChanged,
        {
          id: streamId,
          ownerId: creator.user.id,
          status: 'LIVE',
          startedAt: earlier.toISOString(),
        },
        { occurredAt: earlier },
      ),
    );
    expect(await fanOutJobs(creator)).toEqual([]);
    expect(await nodes(fan)).toEqual([]);
  });

  it('tells of an ADULT video or stream only the followers the age rule allows', async () => {
    const creator = await users.signUp();
    const [verified, adultByBirthDate, minor, admin, general] = [
      await users.signUp({ birthDate: '1980-02-02' }),
      await users.signUp({ birthDate: '1980-03-03' }),
      await users.signUp({ birthDate: `${new Date().getUTCFullYear() - 15}-01-01` }),
      await users.signUp(),
      await users.signUp(),
    ];
    for (const fan of [verified, adultByBirthDate, minor, admin, general]) {
      await follow(fan, creator);
    }
    await users.sql.query(`update "users"."user" set "roles" = '{VIEWER,ADMIN}' where "id" = $1`, [
      admin.user.id,
    ]);
    // Payments' verdicts: only `verified` passed the age check; the minor's check, if any, cannot
    // make them verified (payments sends ageVerified false for anyone under 18).
    for (const [account, ageVerified] of [
      [verified, true],
      [minor, false],
    ] as const) {
      await handled(
        await bus.publish(EntitlementChanged, {
          userId: account.user.id,
          tier: 'FREE',
          ageVerified,
          changedAt: new Date().toISOString(),
        }),
      );
    }
    const [adultVideo, adultStream, generalVideo] = [randomUUID(), randomUUID(), randomUUID()];
    await bus.publish(VideoPublished, {
      id: adultVideo,
      ownerId: creator.user.id,
      visibility: 'PUBLIC',
      audience: 'ADULT',
    });
    await bus.publish(LiveStreamChanged, {
      id: adultStream,
      ownerId: creator.user.id,
      status: 'LIVE',
      audience: 'ADULT',
      startedAt: new Date().toISOString(),
    });
    await bus.publish(VideoPublished, {
      id: generalVideo,
      ownerId: creator.user.id,
      visibility: 'PUBLIC',
      audience: 'GENERAL',
    });
    await eventually(() => fanOutJobs(creator), {
      until: rows => rows.length === 1 && rows[0].state === 'completed' && rows[0].n === 3,
      what: 'the three fan-outs completed',
    });
    const kindsOf = async (account: Account) =>
      (await nodes(account))
        .map(node => node.video?.id ?? node.liveStream?.id)
        .sort()
        .join(',');
    const everything = [adultVideo, adultStream, generalVideo].sort().join(',');
    expect(await kindsOf(verified)).toBe(everything);
    expect(await kindsOf(admin)).toBe(everything);
    for (const fan of [adultByBirthDate, minor, general]) {
      expect(await kindsOf(fan)).toBe(generalVideo);
    }
  });

  it("tells a video's owner about a comment and the author replied to about a reply", async () => {
    const [owner, author, replier] = [
      await users.signUp(),
      await users.signUp(),
      await users.signUp(),
    ];
    const videoId = randomUUID();
    const commentId = randomUUID();
    await bus.publish(CommentAdded, {
      commentId,
      videoId,
      videoOwnerId: owner.user.id,
      authorId: author.user.id,
      parentId: null,
      parentAuthorId: null,
    });
    expect((await notificationsOf(owner))[0]).toMatchObject({
      kind: 'COMMENT_ON_VIDEO',
      actor: { handle: author.user.handle },
      video: { id: videoId },
      comment: { id: commentId },
    });

    const replyId = randomUUID();
    await bus.publish(CommentAdded, {
      commentId: replyId,
      videoId,
      videoOwnerId: owner.user.id,
      authorId: replier.user.id,
      parentId: commentId,
      parentAuthorId: author.user.id,
    });
    expect((await notificationsOf(author))[0]).toMatchObject({
      kind: 'COMMENT_REPLY',
      actor: { handle: replier.user.handle },
      video: { id: videoId },
      comment: { id: replyId },
    });
    expect((await notificationsOf(owner, 2))[0]).toMatchObject({
      kind: 'COMMENT_ON_VIDEO',
      comment: { id: replyId },
    });
    expect(await nodes(replier)).toEqual([]);
  });

  it('tells a creator about a tip, with its amount and what was tipped', async () => {
    const [creator, tipper] = [await users.signUp(), await users.signUp()];
    const streamId = randomUUID();
    await bus.publish(TipReceived, {
      tipId: randomUUID(),
      targetId: streamId,
      targetKind: 'LIVE_STREAM',
      creatorId: creator.user.id,
      fromUserId: tipper.user.id,
      amountJpy: 500,
    });
    expect((await notificationsOf(creator))[0]).toMatchObject({
      kind: 'TIP_RECEIVED',
      actor: { handle: tipper.user.handle },
      liveStream: { id: streamId },
      video: null,
      amountJpy: 500,
    });
  });

  it('tells nobody about their own comment or tip', async () => {
    const owner = await users.signUp();
    await handled(
      await bus.publish(CommentAdded, {
        commentId: randomUUID(),
        videoId: randomUUID(),
        videoOwnerId: owner.user.id,
        authorId: owner.user.id,
        parentId: null,
        parentAuthorId: null,
      }),
    );
    await handled(
      await bus.publish(TipReceived, {
        tipId: randomUUID(),
        creatorId: owner.user.id,
        fromUserId: owner.user.id,
      }),
    );
    expect(await nodes(owner)).toEqual([]);
  });

  it('stores nothing of a kind turned off in the app, and keeps the email preference', async () => {
    const [creator, fan] = [await users.signUp(), await users.signUp()];
    const off = await users.query(
      SETTINGS,
      { input: { kind: 'NEW_FOLLOWER', inApp: false } },
      creator.accessToken,
    );
    expect(off.data.updateNotificationSettings).toEqual({
      kind: 'NEW_FOLLOWER',
      inApp: false,
      email: false,
    });
    const email = await users.query(
      SETTINGS,
      { input: { kind: 'NEW_FOLLOWER', email: true } },
      creator.accessToken,
    );
    expect(email.data.updateNotificationSettings).toEqual({
      kind: 'NEW_FOLLOWER',
      inApp: false,
      email: true,
    });
    await handled(
      await bus.publish(UserFollowed, {
        followerId: fan.user.id,
        followeeId: creator.user.id,
        followedAt: new Date().toISOString(),
      }),
    );
    expect(await nodes(creator)).toEqual([]);

    // Other kinds are untouched, and the settings read back.
    await bus.publish(TipReceived, {
      tipId: randomUUID(),
      creatorId: creator.user.id,
      fromUserId: fan.user.id,
    });
    expect((await notificationsOf(creator))[0].kind).toBe('TIP_RECEIVED');
    const settings = await users.query(
      `{ me { notificationSettings { kind inApp email } } }`,
      {},
      creator.accessToken,
    );
    expect(settings.data.me.notificationSettings).toContainEqual({
      kind: 'NEW_FOLLOWER',
      inApp: false,
      email: true,
    });
    expect(settings.data.me.notificationSettings).toContainEqual({
      kind: 'TIP_RECEIVED',
      inApp: true,
      email: false,
    });
    expect(
      errorCodes(await users.query(SETTINGS, { input: { kind: 'NEW_FOLLOWER', inApp: true } })),
    ).toEqual(['UNAUTHENTICATED']);
  });

  it('notifies once however often the same event arrives', async () => {
    const [creator, fan] = [await users.signUp(), await users.signUp()];
    const payload = {
      followerId: fan.user.id,
      followeeId: creator.user.id,
      followedAt: new Date().toISOString(),
    };
    const event = await bus.publish(UserFollowed, payload);
    await bus.messaging.queue.publish(event.type, event); // delivered twice
    const replay = await bus.publish(UserFollowed, payload); // the same follow, a new envelope
    await handled(event);
    await handled(replay);
    expect(await nodes(creator)).toHaveLength(1);
  });

  it('marks read only your own notifications, those listed or all, and counts the unread', async () => {
    const [creator, other, tipper] = [
      await users.signUp(),
      await users.signUp(),
      await users.signUp(),
    ];
    for (const recipient of [creator, creator, creator, other]) {
      await bus.publish(TipReceived, {
        tipId: randomUUID(),
        creatorId: recipient.user.id,
        fromUserId: tipper.user.id,
      });
    }
    const mine = await notificationsOf(creator, 3);
    const [theirs] = await notificationsOf(other);
    expect((await inbox(creator)).unreadNotificationCount).toBe(3);

    const markRead = (account: Account | undefined, ids?: string[]) =>
      users.query(MARK_READ, { ids }, account?.accessToken);
    expect((await markRead(creator, [theirs.id])).data.markNotificationsRead).toBe(0);
    expect((await nodes(other))[0].read).toBe(false);
    expect((await markRead(creator, [mine[0].id, theirs.id])).data.markNotificationsRead).toBe(1);
    expect((await markRead(creator, [mine[0].id])).data.markNotificationsRead).toBe(0);
    expect((await nodes(creator)).map(node => node.read)).toEqual([true, false, false]);
    expect((await inbox(creator)).unreadNotificationCount).toBe(2);

    expect((await markRead(creator)).data.markNotificationsRead).toBe(2);
    expect((await inbox(creator)).unreadNotificationCount).toBe(0);
    expect((await inbox(other)).unreadNotificationCount).toBe(1);

    expect(errorCodes(await markRead(creator, ['not-an-id']))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await markRead(undefined))).toEqual(['UNAUTHENTICATED']);
    expect((await inbox(other)).unreadNotificationCount).toBe(1);
  });

  it("pages newest first and keeps an account's notifications to itself", async () => {
    const [creator, tipper] = [await users.signUp(), await users.signUp()];
    for (let tip = 1; tip <= 3; tip += 1) {
      await bus.publish(TipReceived, {
        tipId: randomUUID(),
        creatorId: creator.user.id,
        fromUserId: tipper.user.id,
        amountJpy: tip * 100,
      });
      await notificationsOf(creator, tip);
    }
    const first = await users.query(INBOX, { first: 2 }, creator.accessToken);
    const page = first.data.me.notifications;
    expect(page.edges.map((edge: any) => edge.node.amountJpy)).toEqual([300, 200]);
    expect(page.pageInfo.hasNextPage).toBe(true);
    const second = await users.query(
      INBOX,
      { first: 2, after: page.pageInfo.endCursor },
      creator.accessToken,
    );
    expect(second.data.me.notifications.edges.map((edge: any) => edge.node.amountJpy)).toEqual([
      100,
    ]);
    expect(second.data.me.notifications.pageInfo.hasNextPage).toBe(false);

    expect(errorCodes(await users.query(INBOX))).toEqual(['UNAUTHENTICATED']);
    const stranger = await users.query(
      `query($handle: String!) { user(handle: $handle) { notifications(first: 5) { edges { node { id } } } } }`,
      { handle: creator.user.handle },
      tipper.accessToken,
    );
    expect(errorCodes(stranger)).toEqual(['FORBIDDEN']);
  });

  it('delivers a new notification live to its recipient only', async () => {
    const [recipient, bystander, fan] = [
      await users.signUp(),
      await users.signUp(),
      await users.signUp(),
    ];
    const QUERY = `subscription { notificationAdded { id kind actor { handle } amountJpy } }`;
    const live = subscribe(users.url, QUERY, {}, recipient.accessToken);
    const other = subscribe(users.url, QUERY, {}, bystander.accessToken);
    try {
      // The subscription is live once one of these tips reaches it (there is no other signal).
      await eventually(
        async () => {
          await bus.publish(TipReceived, {
            tipId: randomUUID(),
            creatorId: recipient.user.id,
            fromUserId: fan.user.id,
          });
          return live.events.length > 0;
        },
        { intervalMs: 500, what: 'the subscription to receive a tip' },
      );
      await bus.publish(UserFollowed, {
        followerId: fan.user.id,
        followeeId: recipient.user.id,
        followedAt: new Date().toISOString(),
      });
      await live.waitUntil(events =>
        events.some(event => event.data?.notificationAdded.kind === 'NEW_FOLLOWER'),
      );
      const stored = new Map((await nodes(recipient)).map(node => [node.id, node]));
      for (const event of live.events) {
        expect(event.errors).toBeUndefined();
        const { id, kind, actor } = event.data.notificationAdded;
        expect(stored.get(id)).toMatchObject({ kind, actor });
        expect(actor).toEqual({ handle: fan.user.handle });
      }
      expect(other.events).toEqual([]);

      const anonymous = subscribe(users.url, QUERY, {});
      await anonymous.waitFor(1);
      expect(errorCodes(anonymous.events[0] as any)).toEqual(['UNAUTHENTICATED']);
      await anonymous.close();
    } finally {
      await Promise.all([live.close(), other.close()]);
    }
  });

  it('fans a new video out to 2,500 followers in batched jobs', async () => {
    const creator = await users.signUp();
    const followers = 2_500;
    await users.sql.query(
      `with fans as (
         insert into "users"."user" ("id", "email", "handle", "display_name", "birth_date", "password_hash", "created_at")
         select gen_random_uuid(), 'fan' || n || '@fan-out.example.com', 'fanout_' || n, 'Fan ' || n,
                '1990-01-01', 'not a password hash', now()
           from generate_series(1, $2::int) as n
         returning "id")
       insert into "users"."follow" ("follower_id", "followee_id", "created_at")
       select "id", $1, now() from fans`,
      [creator.user.id, followers],
    );
    const videoId = randomUUID();
    await bus.publish(VideoPublished, {
      id: videoId,
      ownerId: creator.user.id,
      visibility: 'PUBLIC',
    });
    await eventually(() => users.count('notification', 'source = $1', [`video:${videoId}`]), {
      until: count => count === followers,
      what: 'a notification for every follower',
      timeoutMs: 60_000,
    });
    const jobs = await eventually(() => fanOutJobs(creator), {
      until: rows => rows.length === 1 && rows[0].state === 'completed',
      what: 'every fan-out job completed',
    });
    expect(jobs).toEqual([{ state: 'completed', n: Math.ceil(followers / FAN_OUT_BATCH) }]);
    expect(await users.count('notification', 'recipient_id = $1', [creator.user.id])).toBe(0);
  }, 90_000);
});
