import { randomUUID } from 'node:crypto';
import {
  EntitlementChanged,
  LiveStreamChanged,
  VideoDeleted,
  VideoPublished,
  VideoUpdated,
} from '@vp/contracts';
import { errorCodes, eventually } from '@vp/kit/testing';
import { joinMessageBus, type MessageBus, startUsers, type UsersHarness } from '../../test/harness';

// The subscriptions feed: its read model fed by videos' and live's events (standing in for them
// on the same message bus), its order and pages, who may read it, and the age rule.
const FEED = `query($first: Int, $after: String) { me { feed(first: $first, after: $after) {
  edges { cursor node { __typename ... on Video { id } ... on LiveStream { id } } }
  pageInfo { hasNextPage endCursor } } } }`;

type Account = Awaited<ReturnType<UsersHarness['signUp']>>;

describe('me.feed', () => {
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

  /** Waits until users has handled the event (its inbox row committed with what it stored). */
  const handled = async (event: { id: string; type: string }) => {
    await eventually(
      () =>
        users.count('inbox', 'consumer = $1 and event_id = $2', [`users.${event.type}`, event.id]),
      { until: n => n === 1, what: `users to handle ${event.type} ${event.id}` },
    );
    return event;
  };
  const follow = async (follower: Account, creator: Account) => {
    const response = await users.query(
      `mutation($id: ID!) { followUser(userId: $id) { id } }`,
      { id: creator.user.id },
      follower.accessToken,
    );
    expect(response.errors).toBeUndefined();
  };
  const feed = async (account: Account, variables: { first?: number; after?: string } = {}) => {
    const response = await users.query(FEED, variables, account.accessToken);
    expect(response.errors).toBeUndefined();
    return response.data.me.feed as {
      edges: { cursor: string; node: { __typename: string; id: string } }[];
      pageInfo: { hasNextPage: boolean; endCursor: string | null };
    };
  };
  const ids = async (account: Account) => (await feed(account)).edges.map(edge => edge.node.id);
  const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000);

  /** A video event from videos, handled: `at` dates both the envelope and publishedAt. */
  const video = async (
    contract: typeof VideoPublished | typeof VideoUpdated | typeof VideoDeleted,
    fields: { id: string; ownerId: string } & Record<string, unknown>,
    at = new Date(),
  ) =>
    handled(
      await bus.publish(
        contract,
        { visibility: 'PUBLIC', audience: 'GENERAL', publishedAt: at.toISOString(), ...fields },
        { occurredAt: at },
      ),
    );
  const stream = async (
    fields: { id: string; ownerId: string; status: 'SCHEDULED' | 'LIVE' | 'ENDED' } & Record<
      string,
      unknown
    >,
    at = new Date(),
  ) =>
    handled(
      await bus.publish(
        LiveStreamChanged,
        {
          audience: 'GENERAL',
          startedAt: fields.status === 'SCHEDULED' ? null : at.toISOString(),
          endedAt: fields.status === 'ENDED' ? at.toISOString() : null,
          ...fields,
        },
        { occurredAt: at },
      ),
    );

  it('lists followed creators’ public videos newest first, with streams on air before them', async () => {
    const [viewer, creator, other, stranger] = [
      await users.signUp(),
      await users.signUp(),
      await users.signUp(),
      await users.signUp(),
    ];
    await follow(viewer, creator);
    await follow(viewer, other);
    const [older, newer, short, theirs, strangers] = [
      randomUUID(),
      randomUUID(),
      randomUUID(),
      randomUUID(),
      randomUUID(),
    ];
    const [onAir, ended] = [randomUUID(), randomUUID()];
    await video(VideoPublished, { id: older, ownerId: creator.user.id }, minutesAgo(50));
    await video(VideoPublished, { id: theirs, ownerId: other.user.id }, minutesAgo(40));
    await video(VideoPublished, { id: newer, ownerId: creator.user.id }, minutesAgo(30));
    await video(
      VideoPublished,
      { id: short, ownerId: other.user.id, kind: 'SHORT' },
      minutesAgo(20),
    );
    await video(VideoPublished, { id: strangers, ownerId: stranger.user.id }, minutesAgo(10));
    // A stream that went live long ago is still first while it is on air; an ended one is gone.
    await stream({ id: onAir, ownerId: creator.user.id, status: 'LIVE' }, minutesAgo(90));
    await stream({ id: ended, ownerId: other.user.id, status: 'LIVE' }, minutesAgo(80));
    await stream({ id: ended, ownerId: other.user.id, status: 'ENDED' }, minutesAgo(5));

    const page = await feed(viewer);
    expect(page.edges.map(edge => edge.node)).toEqual([
      { __typename: 'LiveStream', id: onAir },
      { __typename: 'Video', id: short },
      { __typename: 'Video', id: newer },
      { __typename: 'Video', id: theirs },
      { __typename: 'Video', id: older },
    ]);
    expect(page.pageInfo.hasNextPage).toBe(false);
    // Following nobody, or only yourself being followed, is an empty feed.
    expect(await ids(creator)).toEqual([]);

    // Unfollowing takes a creator's items out at once.
    await users.query(
      `mutation($id: ID!) { unfollowUser(userId: $id) { id } }`,
      { id: other.user.id },
      viewer.accessToken,
    );
    expect(await ids(viewer)).toEqual([onAir, newer, older]);
  });

  it('pages with stable cursors, and refuses bad page sizes and cursors', async () => {
    const [viewer, creator] = [await users.signUp(), await users.signUp()];
    await follow(viewer, creator);
    const at = minutesAgo(30);
    const videos = Array.from({ length: 5 }, () => randomUUID());
    // Two published in the same millisecond: the id breaks the tie.
    for (const [i, id] of videos.entries()) {
      await video(
        VideoPublished,
        { id, ownerId: creator.user.id },
        new Date(at.getTime() + Math.min(i, 3) * 1000),
      );
    }
    const live = randomUUID();
    await stream({ id: live, ownerId: creator.user.id, status: 'LIVE' }, minutesAgo(60));
    const all = await ids(viewer);
    expect(all).toHaveLength(6);
    expect(all[0]).toBe(live);

    const seen: string[] = [];
    let after: string | undefined;
    for (;;) {
      const page = await feed(viewer, { first: 2, after });
      seen.push(...page.edges.map(edge => edge.node.id));
      if (!page.pageInfo.hasNextPage) {
        break;
      }
      after = page.pageInfo.endCursor!;
      // Something newer arriving between pages neither shifts nor repeats what follows.
      if (seen.length === 2) {
        await video(VideoPublished, { id: randomUUID(), ownerId: creator.user.id });
      }
    }
    expect(seen).toEqual(all);

    for (const first of [0, -1, 101]) {
      const response = await users.query(FEED, { first }, viewer.accessToken);
      expect([first, errorCodes(response)]).toEqual([first, ['BAD_USER_INPUT']]);
    }
    const notANumber = await users.query(FEED, { first: 'ten' }, viewer.accessToken);
    expect(errorCodes(notANumber)).toEqual(['BAD_USER_INPUT']);
    for (const cursor of [
      'nope',
      Buffer.from(JSON.stringify(['notifications', '2026-01-01T00:00:00.000Z', live])).toString(
        'base64url',
      ),
      Buffer.from(JSON.stringify(['feed', 2, '2026-01-01T00:00:00.000Z', live])).toString(
        'base64url',
      ),
      Buffer.from(JSON.stringify(['feed', 1, 'yesterday', live])).toString('base64url'),
    ]) {
      const response = await users.query(FEED, { after: cursor }, viewer.accessToken);
      expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
    }
  });

  it('is for the account itself only', async () => {
    const [viewer, other] = [await users.signUp(), await users.signUp()];
    expect(errorCodes(await users.query(FEED))).toEqual(['UNAUTHENTICATED']);
    const theirs = await users.query(
      `query($handle: String!) { user(handle: $handle) { handle feed { edges { cursor } } } }`,
      { handle: viewer.user.handle },
      other.accessToken,
    );
    expect(errorCodes(theirs)).toEqual(['FORBIDDEN']);
    expect(theirs.data.user).toEqual({ handle: viewer.user.handle, feed: null });
  });

  it('never lists unlisted, private, draft or deleted videos, and follows later changes', async () => {
    const [viewer, creator] = [await users.signUp(), await users.signUp()];
    await follow(viewer, creator);
    const [unlisted, hidden, draft, gone, changing] = [
      randomUUID(),
      randomUUID(),
      randomUUID(),
      randomUUID(),
      randomUUID(),
    ];
    const owner = { ownerId: creator.user.id };
    await video(VideoPublished, { id: unlisted, ...owner, visibility: 'UNLISTED' });
    await video(VideoUpdated, { id: hidden, ...owner, visibility: 'PRIVATE' });
    await video(VideoUpdated, { id: draft, ...owner, publishedAt: null });
    await video(VideoPublished, { id: gone, ...owner }, minutesAgo(3));
    await video(VideoDeleted, { id: gone, ...owner }, minutesAgo(2));
    await video(VideoPublished, { id: changing, ...owner }, minutesAgo(10));
    expect(await ids(viewer)).toEqual([changing]);

    const publishedAt = minutesAgo(10).toISOString();
    await video(VideoUpdated, { id: changing, ...owner, visibility: 'PRIVATE', publishedAt });
    expect(await ids(viewer)).toEqual([]);
    await video(VideoUpdated, { id: changing, ...owner, visibility: 'PUBLIC', publishedAt });
    expect(await ids(viewer)).toEqual([changing]);
    // A video published for later is not in the feed before its time (videos' access rule).
    await video(
      VideoUpdated,
      { id: draft, ...owner, publishedAt: new Date(Date.now() + 3600_000).toISOString() },
      new Date(),
    );
    expect(await ids(viewer)).toEqual([changing]);
  });

  it('ignores replayed events and converges whatever order events arrive in', async () => {
    const [viewer, creator] = [await users.signUp(), await users.signUp()];
    await follow(viewer, creator);
    const owner = { ownerId: creator.user.id };

    // The same envelope delivered twice, and the same change re-sent in a new envelope.
    const id = randomUUID();
    const at = minutesAgo(20);
    const event = await video(VideoPublished, { id, ...owner }, at);
    await bus.messaging.queue.publish(event.type, event);
    await video(VideoPublished, { id, ...owner }, at);
    expect(await ids(viewer)).toEqual([id]);
    expect(await users.count('feed_entry', 'id = $1', [id])).toBe(1);

    // A change emitted before the latest one, delivered after it, changes nothing.
    await video(
      VideoUpdated,
      { id, ...owner, visibility: 'PRIVATE', publishedAt: at.toISOString() },
      minutesAgo(5),
    );
    await video(
      VideoUpdated,
      { id, ...owner, visibility: 'PUBLIC', publishedAt: at.toISOString() },
      minutesAgo(10),
    );
    expect(await ids(viewer)).toEqual([]);

    // Deleted before the publication arrives: never listed; and a late update after the delete
    // does not bring it back either.
    const deletedFirst = randomUUID();
    await video(VideoDeleted, { id: deletedFirst, ...owner }, minutesAgo(1));
    await video(VideoPublished, { id: deletedFirst, ...owner }, minutesAgo(4));
    await video(VideoUpdated, { id: deletedFirst, ...owner }, new Date());
    expect(await ids(viewer)).toEqual([]);

    // A stream's end delivered before its start: it stays out; a later start lists it again.
    const streamId = randomUUID();
    await stream({ id: streamId, ...owner, status: 'ENDED' }, minutesAgo(2));
    await stream({ id: streamId, ...owner, status: 'LIVE' }, minutesAgo(3));
    expect(await ids(viewer)).toEqual([]);
    await stream({ id: streamId, ...owner, status: 'LIVE' }, minutesAgo(1));
    expect(await ids(viewer)).toEqual([streamId]);

    // And a payload that does not match the contract is dead-lettered, storing nothing.
    const before = await users.count('feed_entry');
    await bus.messaging.queue.publish('VideoPublished', {
      id: randomUUID(),
      type: 'VideoPublished',
      occurredAt: new Date().toISOString(),
      payload: { ...VideoPublished.example, id: 'not-a-uuid', ownerId: creator.user.id },
    });
    await eventually(
      async () =>
        (
          await users.sql.query(
            `select count(*)::int as n from pgboss.job where name = 'users.VideoPublished.dead'`,
          )
        ).rows[0].n,
      { until: n => n >= 1, what: 'the malformed event to be dead-lettered' },
    );
    expect(await users.count('feed_entry')).toBe(before);
  });

  describe('ADULT items (the age rule of playback)', () => {
    const verdict = (userId: string, ageVerified: boolean, changedAt: Date) =>
      bus
        .publish(EntitlementChanged, {
          userId,
          tier: 'FREE',
          ageVerified,
          changedAt: changedAt.toISOString(),
        })
        .then(handled);

    it('shows them only to age-verified viewers and admins, never by birth date alone', async () => {
      const [adult, verified, admin, creator] = [
        await users.signUp({ birthDate: '1980-01-01' }),
        await users.signUp({ birthDate: '1985-05-05' }),
        await users.signUp(),
        await users.signUp(),
      ];
      for (const viewer of [adult, verified, admin]) {
        await follow(viewer, creator);
      }
      await users.sql.query(
        `update "users"."user" set "roles" = '{VIEWER,ADMIN}' where "id" = $1`,
        [admin.user.id],
      );
      const [general, adultVideo, adultStream] = [randomUUID(), randomUUID(), randomUUID()];
      const owner = { ownerId: creator.user.id };
      await video(VideoPublished, { id: general, ...owner }, minutesAgo(30));
      await video(VideoPublished, { id: adultVideo, ...owner, audience: 'ADULT' }, minutesAgo(20));
      await stream(
        { id: adultStream, ...owner, status: 'LIVE', audience: 'ADULT' },
        minutesAgo(10),
      );

      // An adult by birth date whom payments has not age-verified sees the general video only.
      expect(await ids(adult)).toEqual([general]);
      expect(await ids(admin)).toEqual([adultStream, adultVideo, general]);

      await verdict(verified.user.id, true, minutesAgo(5));
      expect(await ids(verified)).toEqual([adultStream, adultVideo, general]);
      // An older verdict delivered late changes nothing; a newer one does.
      await verdict(verified.user.id, false, minutesAgo(6));
      expect(await ids(verified)).toHaveLength(3);
      await verdict(verified.user.id, false, minutesAgo(1));
      expect(await ids(verified)).toEqual([general]);
    });
  });
});
