import { randomUUID } from 'node:crypto';
import { Audience, Role } from '@vp/kit';
import { errorCodes, graphql, tokenFor } from '@vp/kit/testing';
import {
  LiveStatus,
  SearchDocumentKind,
  SearchVisibility,
} from '../documents/search-document.entity';
import { startSearchSubgraph } from '../test-server';

let subgraph: Awaited<ReturnType<typeof startSearchSubgraph>>;
beforeAll(async () => {
  subgraph = await startSearchSubgraph();
});
afterAll(() => subgraph?.stop());

const hours = (n: number) => new Date(Date.now() - n * 3_600_000);
const viewers = (n: number) => Array.from({ length: n }, () => `s:${randomUUID()}`);

const SHORTS = `query ($sessionId: String, $first: Int, $after: String) {
  shortsFeed(sessionId: $sessionId, first: $first, after: $after) {
    edges { cursor node { id } } pageInfo { endCursor hasNextPage } } }`;
const HOME = `query ($sessionId: String, $first: Int, $after: String) {
  homeFeed(sessionId: $sessionId, first: $first, after: $after) {
    edges { node { __typename ... on Video { id } ... on LiveStream { id } } } pageInfo { endCursor hasNextPage } } }`;
const RECOMMENDED = `query ($sessionId: String, $first: Int, $after: String) {
  recommendedVideos(sessionId: $sessionId, first: $first, after: $after) {
    edges { node { id } } pageInfo { endCursor hasNextPage } } }`;

async function page(
  query: string,
  variables: Record<string, unknown>,
  token?: string,
): Promise<{ ids: string[]; endCursor: string | null; hasNextPage: boolean }> {
  const response = await graphql(subgraph.url, query, variables, { token });
  expect(response.errors).toBeUndefined();
  const connection = Object.values(response.data)[0] as any;
  return {
    ids: connection.edges.map((edge: any) =>
      edge.node.__typename === 'LiveStream' ? `live:${edge.node.id}` : edge.node.id,
    ),
    endCursor: connection.pageInfo.endCursor,
    hasNextPage: connection.pageInfo.hasNextPage,
  };
}

/** Every page of a feed, in order. */
async function walk(query: string, variables: Record<string, unknown>, token?: string) {
  const all: string[][] = [];
  let after: string | null = null;
  for (let i = 0; i < 50; i += 1) {
    const next = await page(query, { ...variables, after }, token);
    all.push(next.ids);
    if (!next.hasNextPage) {
      break;
    }
    after = next.endCursor;
  }
  return all;
}

describe('shortsFeed', () => {
  let shorts: Record<string, string>;
  const allShorts: string[] = [];

  beforeAll(async () => {
    const docs = await subgraph.add(
      { title: 'Popular short 1', kind: SearchDocumentKind.SHORT, publishedAt: hours(24 * 10) },
      { title: 'Popular short 2', kind: SearchDocumentKind.SHORT, publishedAt: hours(24 * 9) },
      { title: 'Fresh short 1', kind: SearchDocumentKind.SHORT, publishedAt: hours(2) },
      { title: 'Fresh short 2', kind: SearchDocumentKind.SHORT, publishedAt: hours(5) },
      { title: 'Old short', kind: SearchDocumentKind.SHORT, publishedAt: hours(24 * 200) },
      {
        title: 'Private short',
        kind: SearchDocumentKind.SHORT,
        visibility: SearchVisibility.PRIVATE,
      },
      { title: 'Adult short', kind: SearchDocumentKind.SHORT, audience: Audience.ADULT },
      { title: 'A regular video', kind: SearchDocumentKind.VIDEO },
    );
    const names = ['popular1', 'popular2', 'fresh1', 'fresh2', 'old', 'private', 'adult', 'video'];
    shorts = Object.fromEntries(names.map((name, i) => [name, docs[i].id]));
    allShorts.push(shorts.popular1, shorts.popular2, shorts.fresh1, shorts.fresh2, shorts.old);
    await subgraph.views(shorts.popular1, viewers(30), hours(5));
    await subgraph.views(shorts.popular2, viewers(20), hours(5));
    await subgraph.views(shorts.old, viewers(5), hours(24 * 100));
  });

  it('serves only shorts anyone may see, popular and fresh ones mixed, then older ones', async () => {
    const { ids } = await page(SHORTS, { sessionId: 'shorts-a', first: 20 });
    expect(new Set(ids)).toEqual(new Set(allShorts));
    // Two popular to one fresh, then the older ones.
    expect(ids).toEqual([
      shorts.popular1,
      shorts.fresh1,
      shorts.popular2,
      shorts.fresh2,
      shorts.old,
    ]);
  });

  it('never repeats a short across pages', async () => {
    const pages = await walk(SHORTS, { sessionId: 'shorts-b', first: 2 });
    expect(pages.map(p => p.length)).toEqual([2, 2, 1]);
    expect(pages.flat()).toEqual([
      shorts.popular1,
      shorts.fresh1,
      shorts.popular2,
      shorts.fresh2,
      shorts.old,
    ]);
  });

  it('never serves a short this session finished in the last 7 days, but one finished 8 days ago again', async () => {
    await subgraph.index(); // (documents are already there)
    const session = 'shorts-finisher';
    await subgraph
      .em()
      .getConnection()
      .execute(
        `insert into search.watch (viewer_key, video_id, views, last_viewed_at, finished_at) values
         (?, ?, 1, now() - interval '1 day', now() - interval '1 day'),
         (?, ?, 1, now() - interval '8 days', now() - interval '8 days')`,
        [`s:${session}`, shorts.popular1, `s:${session}`, shorts.fresh1],
      );
    const { ids } = await page(SHORTS, { sessionId: session, first: 20 });
    expect(ids).not.toContain(shorts.popular1);
    expect(ids).toContain(shorts.fresh1);
    // Another session (and anyone without one) still gets it.
    expect((await page(SHORTS, { sessionId: 'someone-else', first: 20 })).ids).toContain(
      shorts.popular1,
    );
  });

  it('keeps a signed-in viewer by account, whatever session they send, and drops a short they finish mid-feed', async () => {
    const user = randomUUID();
    const token = await tokenFor(user);
    const first = await page(SHORTS, { sessionId: 'one', first: 2 }, token);
    const third = allShorts.find(id => !first.ids.includes(id) && id !== shorts.fresh2)!;
    // They finish a short further down the feed before reaching it.
    await subgraph
      .em()
      .getConnection()
      .execute(
        `insert into search.watch (viewer_key, video_id, views, last_viewed_at, finished_at) values (?, ?, 1, now(), now())`,
        [`u:${user}`, third],
      );
    const rest = await page(SHORTS, { sessionId: 'two', first: 10, after: first.endCursor }, token);
    expect(rest.ids).not.toContain(third);
    expect([...first.ids, ...rest.ids]).toHaveLength(new Set([...first.ids, ...rest.ids]).size);
  });

  it("refuses another viewer's cursor, a malformed session id and bad sizes", async () => {
    const mine = await page(SHORTS, { sessionId: 'owner-of-cursor', first: 1 });
    const stolen = await graphql(subgraph.url, SHORTS, {
      sessionId: 'thief',
      first: 1,
      after: mine.endCursor,
    });
    expect(errorCodes(stolen)).toEqual(['BAD_USER_INPUT']);
    for (const variables of [
      { sessionId: 'no spaces allowed', first: 5 },
      { sessionId: 'x'.repeat(101), first: 5 },
      { sessionId: 'ok', first: 0 },
      { sessionId: 'ok', first: 101 },
      { sessionId: 'ok', first: 5, after: 'garbage' },
    ]) {
      const response = await graphql(subgraph.url, SHORTS, variables);
      expect([variables, errorCodes(response)]).toEqual([variables, ['BAD_USER_INPUT']]);
    }
  });
});

describe('homeFeed and recommendedVideos', () => {
  const fan = randomUUID();
  const creator = randomUUID();
  let fanToken: string;
  let docs: Record<string, string>;

  beforeAll(async () => {
    fanToken = await tokenFor(fan, [Role.VIEWER]);
    const [
      followedNew,
      followedLive,
      othersLive,
      trendingOne,
      freshOne,
      started,
      watchedOne,
      similar,
      adult,
    ] = await subgraph.add(
      {
        title: 'Followed creator new video',
        ownerId: creator,
        publishedAt: hours(3),
        tags: ['koi'],
      },
      {
        title: 'Followed creator live',
        kind: SearchDocumentKind.LIVE_STREAM,
        ownerId: creator,
        liveStatus: LiveStatus.LIVE,
        publishedAt: hours(1),
      },
      {
        title: 'Someone else live',
        kind: SearchDocumentKind.LIVE_STREAM,
        liveStatus: LiveStatus.LIVE,
        publishedAt: hours(1),
      },
      { title: 'Trending today', publishedAt: hours(24 * 5) },
      { title: 'Fresh today', publishedAt: hours(1) },
      { title: 'Started not finished', publishedAt: hours(24 * 3), tags: ['koi', 'pond'] },
      { title: 'Watched already', publishedAt: hours(24 * 3) },
      { title: 'Watched by the same people', publishedAt: hours(24 * 20) },
      { title: 'Adult trending', audience: Audience.ADULT, publishedAt: hours(24) },
    );
    docs = {
      followedNew: followedNew.id,
      followedLive: followedLive.id,
      othersLive: othersLive.id,
      trendingOne: trendingOne.id,
      freshOne: freshOne.id,
      started: started.id,
      watchedOne: watchedOne.id,
      similar: similar.id,
      adult: adult.id,
    };
    await subgraph
      .em()
      .getConnection()
      .execute(
        `insert into search.follow (follower_id, followee_id, following, changed_at) values (?, ?, true, now())`,
        [fan, creator],
      );
    await subgraph.views(docs.trendingOne, viewers(40), hours(2));
    await subgraph.views(docs.adult, viewers(400), hours(2));
    // The fan started one video and finished another.
    await subgraph.views(docs.started, [`u:${fan}`], hours(5));
    await subgraph.views(docs.watchedOne, [`u:${fan}`], hours(6));
    await subgraph
      .em()
      .getConnection()
      .execute(
        `update search.watch set finished_at = now() where viewer_key = ? and video_id = ?`,
        [`u:${fan}`, docs.watchedOne],
      );
    // Others who watched what the fan watched also watched `similar`.
    const others = viewers(5);
    await subgraph.views(docs.started, others, hours(10));
    await subgraph.views(docs.similar, others, hours(9));
  });

  it('gives anonymous viewers live streams, then trending and fresh videos mixed, never ADULT', async () => {
    const { ids } = await page(HOME, { first: 50 });
    expect(ids.slice(0, 2).sort()).toEqual(
      [`live:${docs.followedLive}`, `live:${docs.othersLive}`].sort(),
    );
    expect(ids.indexOf(docs.trendingOne)).toBeLessThan(ids.indexOf(docs.freshOne));
    expect(ids).toContain(docs.freshOne);
    expect(ids).not.toContain(docs.adult);
    expect(ids).toHaveLength(new Set(ids).size);
  });

  it("makes it personal when signed in: followed creators' live streams, videos to continue, their new videos, recommendations", async () => {
    const { ids } = await page(HOME, { first: 50 }, fanToken);
    expect(ids[0]).toBe(`live:${docs.followedLive}`);
    expect(ids).not.toContain(`live:${docs.othersLive}`);
    expect(ids[1]).toBe(docs.started);
    expect(ids[2]).toBe(docs.followedNew);
    expect(ids).toContain(docs.similar);
    expect(ids).toContain(docs.trendingOne);
    expect(ids).not.toContain(docs.watchedOne);
    expect(ids).not.toContain(docs.adult);
    expect(ids).toHaveLength(new Set(ids).size);
  });

  it('never repeats an item within a page or across pages', async () => {
    for (const token of [undefined, fanToken]) {
      const pages = await walk(HOME, { first: 3 }, token);
      const all = pages.flat();
      expect(all.length).toBeGreaterThan(3);
      expect(all).toHaveLength(new Set(all).size);
      // The same items as one big page, in the same order.
      expect(all).toEqual((await page(HOME, { first: 100 }, token)).ids);
    }
  });

  it('recommends from history when signed in, and trending and fresh videos otherwise', async () => {
    const mine = (await page(RECOMMENDED, { first: 50 }, fanToken)).ids;
    expect(mine[0]).toBe(docs.similar);
    expect(mine).toContain(docs.followedNew);
    expect(mine).not.toContain(docs.started);
    expect(mine).not.toContain(docs.watchedOne);
    expect(mine).not.toContain(docs.followedLive);
    const anonymous = (await page(RECOMMENDED, { first: 50 })).ids;
    expect(anonymous[0]).toBe(docs.trendingOne);
    expect(anonymous).toContain(docs.freshOne);
    expect(anonymous).not.toContain(docs.adult);
    const pages = await walk(RECOMMENDED, { first: 2 }, fanToken);
    expect(pages.flat()).toHaveLength(new Set(pages.flat()).size);
  });

  it('drops a video made private since the feed began', async () => {
    const first = await page(HOME, { first: 1 });
    const rest = (await page(HOME, { first: 100 })).ids.slice(1);
    const victim = rest.find(id => !id.startsWith('live:'))!;
    await subgraph
      .em()
      .getConnection()
      .execute(`update search.document set visibility = 'PRIVATE' where id = ?`, [victim]);
    const next = await page(HOME, { first: 100, after: first.endCursor });
    expect(next.ids).not.toContain(victim);
    await subgraph
      .em()
      .getConnection()
      .execute(`update search.document set visibility = 'PUBLIC' where id = ?`, [victim]);
  });
});
