import { randomUUID } from 'node:crypto';
import { eventTopic, parseEmitted, UserFollowed, UserUnfollowed } from '@vp/contracts';
import { type EventEnvelope } from '@vp/kit';
import { errorCodes, eventually, tokenFor } from '@vp/kit/testing';
import PgBoss from 'pg-boss';
import { startUsers, type UsersHarness } from '../../test/harness';

const FOLLOW = `mutation ($userId: ID!) { followUser(userId: $userId) { id followerCount viewerIsFollowing } }`;
const UNFOLLOW = `mutation ($userId: ID!) { unfollowUser(userId: $userId) { id followerCount viewerIsFollowing } }`;
const PROFILE = `query ($handle: String!) {
  user(handle: $handle) { followerCount followingCount viewerIsFollowing bio avatarUrl }
}`;

let users: UsersHarness;

beforeAll(async () => {
  users = await startUsers();
});
afterAll(() => users?.stop());

const accounts = (count: number) =>
  Promise.all(Array.from({ length: count }, () => users.signUp()));

/** What is stored: follow rows into and out of the account, and its two counters. */
async function stored(userId: string) {
  const { rows } = await users.sql.query(
    `select (select count(*) from users.follow where followee_id = $1)::int as "followers",
            (select count(*) from users.follow where follower_id = $1)::int as "following",
            (select follower_count from users.follow_counter where user_id = $1) as "followerCount",
            (select following_count from users.follow_counter where user_id = $1) as "followingCount"`,
    [userId],
  );
  return rows[0];
}

describe('followUser / unfollowUser', () => {
  it('follows once however often asked, and unfollows idempotently', async () => {
    const [fan, creator] = await accounts(2);
    const first = await users.query(FOLLOW, { userId: creator.user.id }, fan.accessToken);
    expect(first.errors).toBeUndefined();
    expect(first.data.followUser).toEqual({
      id: creator.user.id,
      followerCount: 1,
      viewerIsFollowing: true,
    });
    const again = await users.query(FOLLOW, { userId: creator.user.id }, fan.accessToken);
    expect(again.data.followUser).toEqual(first.data.followUser);
    expect(await stored(creator.user.id)).toEqual({
      followers: 1,
      following: 0,
      followerCount: 1,
      followingCount: 0,
    });
    expect(await stored(fan.user.id)).toEqual({
      followers: 0,
      following: 1,
      followerCount: 0,
      followingCount: 1,
    });
    // Others see the count, never a follow of their own; the follower sees it on the profile too.
    const anonymous = await users.query(PROFILE, { handle: creator.input.handle });
    expect(anonymous.data.user).toEqual({
      followerCount: 1,
      followingCount: 0,
      viewerIsFollowing: false,
      bio: '',
      avatarUrl: null,
    });
    const fanView = await users.query(PROFILE, { handle: fan.input.handle }, creator.accessToken);
    expect(fanView.data.user).toMatchObject({ followingCount: 1, viewerIsFollowing: false });

    for (let i = 0; i < 2; i += 1) {
      const unfollowed = await users.query(UNFOLLOW, { userId: creator.user.id }, fan.accessToken);
      expect(unfollowed.errors).toBeUndefined();
      expect(unfollowed.data.unfollowUser).toEqual({
        id: creator.user.id,
        followerCount: 0,
        viewerIsFollowing: false,
      });
    }
    expect(await stored(creator.user.id)).toEqual({
      followers: 0,
      following: 0,
      followerCount: 0,
      followingCount: 0,
    });
    expect(await stored(fan.user.id)).toMatchObject({ following: 0, followingCount: 0 });
  });

  it('counts exactly when 50 accounts follow at once, each of them twice', async () => {
    const [creator, ...fans] = await accounts(51);
    const responses = await Promise.all(
      [...fans, ...fans].map(fan =>
        users.query(FOLLOW, { userId: creator.user.id }, fan.accessToken),
      ),
    );
    expect(responses.flatMap(response => response.errors ?? [])).toEqual([]);
    expect(await stored(creator.user.id)).toEqual({
      followers: 50,
      following: 0,
      followerCount: 50,
      followingCount: 0,
    });

    // Half unfollow while the other half follow again and the creator follows each back, all at once.
    const mixed = await Promise.all([
      ...fans.map((fan, i) =>
        users.query(i % 2 ? UNFOLLOW : FOLLOW, { userId: creator.user.id }, fan.accessToken),
      ),
      ...fans.map(fan => users.query(FOLLOW, { userId: fan.user.id }, creator.accessToken)),
    ]);
    expect(mixed.flatMap(response => response.errors ?? [])).toEqual([]);
    expect(await stored(creator.user.id)).toEqual({
      followers: 25,
      following: 50,
      followerCount: 25,
      followingCount: 50,
    });
    expect(await stored(fans[0].user.id)).toEqual({
      followers: 1,
      following: 1,
      followerCount: 1,
      followingCount: 1,
    });
  });

  it('refuses anonymous callers, ended sessions, yourself, bad and unknown ids', async () => {
    const [fan, creator] = await accounts(2);
    const refusal = async (query: string, variables: Record<string, unknown>, token?: string) =>
      errorCodes(await users.query(query, variables, token));

    expect(await refusal(FOLLOW, { userId: creator.user.id })).toEqual(['UNAUTHENTICATED']);
    expect(await refusal(UNFOLLOW, { userId: creator.user.id })).toEqual(['UNAUTHENTICATED']);
    // A well-signed token whose session is not live here (never was, or was signed out).
    const stranger = await tokenFor(fan.user.id, [], randomUUID());
    expect(await refusal(FOLLOW, { userId: creator.user.id }, stranger)).toEqual([
      'UNAUTHENTICATED',
    ]);
    const self = await users.query(FOLLOW, { userId: fan.user.id }, fan.accessToken);
    expect(errorCodes(self)).toEqual(['BAD_USER_INPUT']);
    expect(self.errors![0].extensions!.problems).toEqual([
      { field: 'userId', message: 'You cannot follow yourself.' },
    ]);
    expect(await refusal(FOLLOW, { userId: fan.user.id.toUpperCase() }, fan.accessToken)).toEqual([
      'BAD_USER_INPUT',
    ]);
    expect(await refusal(UNFOLLOW, { userId: fan.user.id }, fan.accessToken)).toEqual([
      'BAD_USER_INPUT',
    ]);
    expect(await refusal(FOLLOW, { userId: 'nope' }, fan.accessToken)).toEqual(['BAD_USER_INPUT']);
    expect(await refusal(FOLLOW, { userId: randomUUID() }, fan.accessToken)).toEqual(['NOT_FOUND']);
    expect(await refusal(UNFOLLOW, { userId: randomUUID() }, fan.accessToken)).toEqual([
      'NOT_FOUND',
    ]);
    // Wrong types are refused by the schema before any resolver runs.
    expect(await refusal(FOLLOW, { userId: { id: creator.user.id } }, fan.accessToken)).toEqual([
      'BAD_USER_INPUT',
    ]);
    expect(await refusal(FOLLOW, {}, fan.accessToken)).toEqual(['BAD_USER_INPUT']);

    expect(await stored(fan.user.id)).toEqual({
      followers: 0,
      following: 0,
      followerCount: null,
      followingCount: null,
    });
    expect(await stored(creator.user.id)).toMatchObject({ followers: 0, followerCount: null });
  });
});

const LISTS = `query ($handle: String!, $first: Int!, $after: String) {
  user(handle: $handle) {
    followers(first: $first, after: $after) {
      edges { cursor node { handle } }
      pageInfo { hasNextPage endCursor }
    }
    following(first: $first) { edges { node { handle } } }
  }
}`;

describe('followers / following', () => {
  it('lists newest first, page by page, without skipping or repeating', async () => {
    const [creator, ...fans] = await accounts(5);
    for (const fan of fans) {
      // One at a time, so each follow is newer than the last.
      const response = await users.query(FOLLOW, { userId: creator.user.id }, fan.accessToken);
      expect(response.errors).toBeUndefined();
    }
    await users.query(FOLLOW, { userId: fans[0].user.id }, creator.accessToken);
    await users.query(FOLLOW, { userId: fans[2].user.id }, creator.accessToken);

    const newestFirst = fans.map(fan => fan.input.handle).reverse();
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const response: any = await users.query(LISTS, {
        handle: creator.input.handle,
        first: 2,
        after,
      });
      expect(response.errors).toBeUndefined();
      const { followers, following } = response.data.user;
      seen.push(...followers.edges.map((edge: any) => edge.node.handle));
      expect(following.edges.map((edge: any) => edge.node.handle)).toEqual([
        fans[2].input.handle,
        fans[0].input.handle,
      ]);
      after = followers.pageInfo.hasNextPage ? followers.pageInfo.endCursor : null;
      pages += 1;
    } while (after);
    expect(seen).toEqual(newestFirst);
    expect(pages).toBe(2);
  });

  it('refuses page sizes out of range and cursors from elsewhere', async () => {
    const [creator] = await accounts(1);
    const ask = (variables: Record<string, unknown>) =>
      users.query(LISTS, { handle: creator.input.handle, ...variables });
    expect(errorCodes(await ask({ first: 0 }))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await ask({ first: 101 }))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await ask({ first: 'ten' }))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await ask({ first: 2, after: 'garbage' }))).toEqual(['BAD_USER_INPUT']);
    const followingCursor = Buffer.from(
      JSON.stringify(['following', new Date().toISOString(), randomUUID()]),
    ).toString('base64url');
    expect(errorCodes(await ask({ first: 2, after: followingCursor }))).toEqual(['BAD_USER_INPUT']);
  });

  it('loads the counts and viewerIsFollowing of a whole list with one statement each', async () => {
    const [creator, viewer, ...fans] = await accounts(22);
    await Promise.all(
      fans.map(fan => users.query(FOLLOW, { userId: creator.user.id }, fan.accessToken)),
    );
    await users.query(FOLLOW, { userId: fans[3].user.id }, viewer.accessToken);
    users.takeSql();
    const response = await users.query(
      `query ($handle: String!) {
        user(handle: $handle) {
          followers(first: 50) {
            edges { node { id followerCount followingCount viewerIsFollowing } }
          }
        }
      }`,
      { handle: creator.input.handle },
      viewer.accessToken,
    );
    expect(response.errors).toBeUndefined();
    const nodes = response.data.user.followers.edges.map((edge: any) => edge.node);
    expect(nodes).toHaveLength(20);
    expect(nodes.filter((node: any) => node.viewerIsFollowing).map((node: any) => node.id)).toEqual(
      [fans[3].user.id],
    );
    expect(nodes.every((node: any) => node.followingCount === 1)).toBe(true);
    expect(nodes.find((node: any) => node.id === fans[3].user.id).followerCount).toBe(1);
    const statements = users.takeSql();
    // the channel itself, with its own follows (user-with-follows.ts), then the list
    expect(statements.filter(sql => sql.includes('"follows_viewer"'))).toHaveLength(1);
    const list = statements.filter(sql => !sql.includes('"follows_viewer"'));
    expect(list.filter(sql => sql.includes('follow_counter'))).toHaveLength(1);
    expect(list.filter(sql => /from "users"\."follow" where "follower_id"/.test(sql))).toHaveLength(
      1,
    );
    // The page of follows, then its accounts in one look-up.
    expect(list.filter(sql => /"users"\."follow"\s/.test(sql))).toHaveLength(2);
  });

  it('reads an account, its totals and whether the viewer follows it in one statement, by handle, id or reference', async () => {
    const [creator, fan, stranger] = await accounts(3);
    await users.query(FOLLOW, { userId: creator.user.id }, fan.accessToken);
    const ask = (query: string, variables: Record<string, unknown>, token?: string) =>
      users.query(query, variables, token);
    const FIELDS = 'id handle followerCount followingCount viewerIsFollowing';
    const ways = [
      {
        query: `query ($handle: String!) { user(handle: $handle) { ${FIELDS} } }`,
        variables: { handle: creator.input.handle },
        pick: (data: any) => data.user,
      },
      {
        query: `query ($id: ID!) { user(id: $id) { ${FIELDS} } }`,
        variables: { id: creator.user.id },
        pick: (data: any) => data.user,
      },
      {
        query: `query ($id: ID!) { _entities(representations: [{ __typename: "User", id: $id }]) { ... on User { ${FIELDS} } } }`,
        variables: { id: creator.user.id },
        pick: (data: any) => data._entities[0],
      },
    ];
    for (const { query, variables, pick } of ways) {
      for (const [token, follows] of [
        [fan.accessToken, true],
        [stranger.accessToken, false],
        [undefined, false],
      ] as const) {
        users.takeSql();
        const response = await ask(query, variables, token);
        expect(response.errors).toBeUndefined();
        expect(pick(response.data)).toEqual({
          id: creator.user.id,
          handle: creator.input.handle,
          followerCount: 1,
          followingCount: 0,
          viewerIsFollowing: follows,
        });
        // (a signed-in request also checks its session, in a statement of its own; the follow's
        // notification may be written meanwhile)
        const reads = users
          .takeSql()
          .filter(sql => /^select .*"users"\."(user|follow|follow_counter)"/s.test(sql))
          .filter(sql => !sql.includes('"users"."session"'));
        expect(reads).toHaveLength(1);
      }
    }
    // a name that is no account, and an id that is not one
    expect((await ask(ways[0].query, { handle: 'nobody-here' })).data.user).toBeNull();
    expect((await ask(ways[1].query, { id: 'not-a-uuid' })).data.user).toBeNull();
  });
});

// The producer's side of UserFollowed's contract (no subgraph consumes it yet).
describe('UserFollowed', () => {
  let boss: PgBoss;
  const queue = `test-listener.${eventTopic(UserFollowed)}`;

  beforeAll(async () => {
    boss = new PgBoss({ connectionString: users.databaseUrl, schema: 'pgboss', max: 2 });
    await boss.start();
    await boss.createQueue(queue);
    await boss.subscribe(eventTopic(UserFollowed), queue);
  });
  afterAll(() => boss?.stop({ graceful: false }));

  /** The queue's events by one follower (earlier tests' follows may still be on their way). */
  const fetchEvents = async (followerId: string) =>
    ((await boss.fetch<EventEnvelope<Record<string, string>>>(queue, { batchSize: 100 })) ?? [])
      .map(job => job.data)
      .filter(event => event.payload.followerId === followerId);

  it('is sent once for a new follow, as its contract says, and not for repeats or unfollows', async () => {
    const [fan, creator] = await accounts(2);
    await users.query(FOLLOW, { userId: creator.user.id }, fan.accessToken);
    const events = await eventually(() => fetchEvents(fan.user.id), {
      until: found => found.length > 0,
      what: 'the UserFollowed event',
    });
    expect(events).toHaveLength(1);
    expect(events[0].type).toBe(eventTopic(UserFollowed));
    const { rows } = await users.sql.query(
      `select created_at from users.follow where follower_id = $1 and followee_id = $2`,
      [fan.user.id, creator.user.id],
    );
    expect(parseEmitted(UserFollowed, events[0].payload)).toEqual({
      followerId: fan.user.id,
      followeeId: creator.user.id,
      followedAt: rows[0].created_at.toISOString(),
    });

    await users.query(FOLLOW, { userId: creator.user.id }, fan.accessToken);
    await users.query(UNFOLLOW, { userId: creator.user.id }, fan.accessToken);
    await users.query(FOLLOW, { userId: fan.user.id }, fan.accessToken);
    await eventually(async () => (await users.count('outbox')) === 0, {
      what: 'the outbox to be relayed',
    });
    expect(await fetchEvents(fan.user.id)).toEqual([]);
  });
});

// The producer's side of UserUnfollowed's contract (search's: src/events/follow-events.test.ts).
describe('UserUnfollowed', () => {
  let boss: PgBoss;
  const queue = `test-listener.${eventTopic(UserUnfollowed)}`;

  beforeAll(async () => {
    boss = new PgBoss({ connectionString: users.databaseUrl, schema: 'pgboss', max: 2 });
    await boss.start();
    await boss.createQueue(queue);
    await boss.subscribe(eventTopic(UserUnfollowed), queue);
  });
  afterAll(() => boss?.stop({ graceful: false }));

  const fetchEvents = async (followerId: string) =>
    ((await boss.fetch<EventEnvelope<Record<string, string>>>(queue, { batchSize: 100 })) ?? [])
      .map(job => job.data)
      .filter(event => event.payload.followerId === followerId);

  it('is sent once for a real unfollow, as its contract says, and not for an unfollow of nobody followed', async () => {
    const [fan, creator, other] = await accounts(3);
    await users.query(UNFOLLOW, { userId: other.user.id }, fan.accessToken);
    await users.query(FOLLOW, { userId: creator.user.id }, fan.accessToken);
    await users.query(UNFOLLOW, { userId: creator.user.id }, fan.accessToken);
    await users.query(UNFOLLOW, { userId: creator.user.id }, fan.accessToken);
    const events = await eventually(() => fetchEvents(fan.user.id), {
      until: found => found.length > 0,
      what: 'the UserUnfollowed event',
    });
    await eventually(async () => (await users.count('outbox')) === 0, {
      what: 'the outbox to be relayed',
    });
    const all = [...events, ...(await fetchEvents(fan.user.id))];
    expect(all).toHaveLength(1);
    expect(parseEmitted(UserUnfollowed, all[0].payload)).toEqual({
      followerId: fan.user.id,
      followeeId: creator.user.id,
      unfollowedAt: expect.any(String),
    });
  });
});

describe('followersPerDay', () => {
  const PER_DAY = `query ($handle: String!, $days: Int) { user(handle: $handle) { followersPerDay(days: $days) { day count } } }`;
  const ME_PER_DAY = `{ me { followersPerDay { day count } } }`;
  const utcDay = (daysAgo: number) =>
    new Date(Date.now() - daysAgo * 86_400_000).toISOString().slice(0, 10);

  it('counts the follows that started each UTC day and still stand, every day listed, today last', async () => {
    const [creator, ...fans] = await accounts(6);
    for (const fan of fans) {
      expect(
        (await users.query(FOLLOW, { userId: creator.user.id }, fan.accessToken)).errors,
      ).toBeUndefined();
    }
    // one started two days ago, one 40 days ago (outside the window); one fan left again
    await users.sql.query(
      `update users.follow set created_at = now() - interval '2 days' where followee_id = $1 and follower_id = $2`,
      [creator.user.id, fans[0].user.id],
    );
    await users.sql.query(
      `update users.follow set created_at = now() - interval '40 days' where followee_id = $1 and follower_id = $2`,
      [creator.user.id, fans[1].user.id],
    );
    await users.query(UNFOLLOW, { userId: creator.user.id }, fans[2].accessToken);

    const week = await users.query(
      PER_DAY,
      { handle: creator.input.handle, days: 7 },
      creator.accessToken,
    );
    expect(week.errors).toBeUndefined();
    const days: { day: string; count: number }[] = week.data.user.followersPerDay;
    expect(days.map(day => day.day)).toEqual([6, 5, 4, 3, 2, 1, 0].map(utcDay));
    const countOf = (day: string) => days.find(entry => entry.day === day)?.count;
    // near midnight UTC "now - 2 days" is still two UTC days back
    expect(countOf(utcDay(2))).toBe(1);
    expect(countOf(utcDay(0))).toBe(2);
    expect(days.reduce((sum, day) => sum + day.count, 0)).toBe(3);

    const month = await users.query(ME_PER_DAY, {}, creator.accessToken);
    expect(month.data.me.followersPerDay).toHaveLength(28);
    expect(month.data.me.followersPerDay.at(-1)).toEqual({ day: utcDay(0), count: 2 });
  });

  it('is the account’s own: others FORBIDDEN, signed out UNAUTHENTICATED, days from 1 to 366', async () => {
    const [creator, other] = await accounts(2);
    const ask = async (days: number | undefined, token?: string) => {
      const response = await users.query(PER_DAY, { handle: creator.input.handle, days }, token);
      return {
        codes: errorCodes(response),
        fields: (response.errors?.[0]?.extensions?.problems ?? []).map(
          (p: { field: string }) => p.field,
        ),
      };
    };
    expect((await ask(7, other.accessToken)).codes).toEqual(['FORBIDDEN']);
    expect((await ask(7)).codes).toEqual(['UNAUTHENTICATED']);
    expect(await ask(0, creator.accessToken)).toEqual({
      codes: ['BAD_USER_INPUT'],
      fields: ['days'],
    });
    expect(await ask(367, creator.accessToken)).toEqual({
      codes: ['BAD_USER_INPUT'],
      fields: ['days'],
    });
    expect(await ask(366, creator.accessToken)).toEqual({ codes: [], fields: [] });
  });
});
