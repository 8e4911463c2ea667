import { randomUUID } from 'node:crypto';
import {
  EntitlementChanged,
  VideoFinished,
  VideoLiked,
  ViewCounted,
  WatchHistoryCleared,
} from '@vp/contracts';
import { Audience, Role } from '@vp/kit';
import { eventually, graphql, tokenFor } from '@vp/kit/testing';
import { SearchDocumentKind } from '../documents/search-document.entity';
import { startSearchSubgraph } from '../test-server';

// The consumer's side of the contract tests of ViewCounted, VideoFinished, WatchHistoryCleared,
// VideoLiked (producer: videos' view-events.test.ts, engagement-events.test.ts) and
// EntitlementChanged (producer: payments).
let subgraph: Awaited<ReturnType<typeof startSearchSubgraph>>;
beforeAll(async () => {
  subgraph = await startSearchSubgraph();
});
afterAll(() => subgraph?.stop());

const signal = async (videoId: string) => {
  const [row] = await subgraph
    .em()
    .getConnection()
    .execute(`select view_count::int, like_count from search.signal where video_id = ?`, [videoId]);
  return row as { view_count: number; like_count: number } | undefined;
};
const watch = async (viewerKey: string, videoId: string) => {
  const [row] = await subgraph
    .em()
    .getConnection()
    .execute(
      `select views, finished_at is not null as finished, liked_at is not null as liked from search.watch where viewer_key = ? and video_id = ?`,
      [viewerKey, videoId],
    );
  return row as { views: number; finished: boolean; liked: boolean } | undefined;
};

const TRENDING = `{ trending(period: DAY, first: 100) { edges { node { id } } } }`;
const trending = async () =>
  (await graphql(subgraph.url, TRENDING)).data.trending.edges.map((edge: any) => edge.node.id);

it("counts the contract's example views and likes, into trending and the viewer's history", async () => {
  const videoId = ViewCounted.example.videoId;
  await subgraph.add({ id: videoId, title: 'Cherry blossoms' });
  await subgraph.emit(ViewCounted, { ...ViewCounted.example, countedAt: new Date().toISOString() });
  await subgraph.emit(VideoLiked, VideoLiked.example);
  expect(await signal(videoId)).toEqual({ view_count: 1, like_count: 1 });
  expect(await watch(`u:${ViewCounted.example.userId}`, videoId)).toEqual({
    views: 1,
    finished: false,
    liked: true,
  });
  // Trending follows the views within seconds (as fast as events are delivered).
  expect(await trending()).toContain(videoId);
  await subgraph.emit(VideoFinished, VideoFinished.example);
  expect(await watch(`s:${VideoFinished.example.sessionId}`, videoId)).toMatchObject({
    finished: true,
  });
});

it('keeps a short out of the shorts feed of the session that finished it', async () => {
  const [short] = await subgraph.add({ title: 'Otter short', kind: SearchDocumentKind.SHORT });
  const SHORTS = `query ($sessionId: String) { shortsFeed(sessionId: $sessionId, first: 50) { edges { node { id } } } }`;
  const feed = async (sessionId: string) =>
    (await graphql(subgraph.url, SHORTS, { sessionId })).data.shortsFeed.edges.map(
      (edge: any) => edge.node.id,
    );
  expect(await feed('otter-fan')).toContain(short.id);
  await subgraph.emit(VideoFinished, {
    videoId: short.id,
    userId: null,
    sessionId: 'otter-fan',
    finishedAt: new Date().toISOString(),
  });
  expect(await feed('otter-fan')).not.toContain(short.id);
  expect(await feed('another-session')).toContain(short.id);
});

it('forgets a cleared history, and a late view from before the clear does not bring it back', async () => {
  const user = randomUUID();
  const [video] = await subgraph.add({ title: 'Heron fishing', durationSeconds: 600 });
  const before = new Date(Date.now() - 60_000).toISOString();
  await subgraph.emit(ViewCounted, {
    videoId: video.id,
    userId: user,
    sessionId: null,
    countedAt: before,
  });
  const HOME = `{ homeFeed(first: 50) { edges { node { ... on Video { id } } } } }`;
  const home = async () =>
    (
      await graphql(subgraph.url, HOME, {}, { token: await tokenFor(user) })
    ).data.homeFeed.edges.map((edge: any) => edge.node.id);
  // Started, not finished: first in the home feed (continue watching).
  expect((await home())[0]).toBe(video.id);
  await subgraph.emit(WatchHistoryCleared, { userId: user, clearedAt: new Date().toISOString() });
  expect(await watch(`u:${user}`, video.id)).toBeUndefined();
  await subgraph.emit(ViewCounted, {
    videoId: video.id,
    userId: user,
    sessionId: null,
    countedAt: new Date(Date.now() - 30_000).toISOString(),
  });
  expect(await watch(`u:${user}`, video.id)).toBeUndefined();
  // The view still counts for everyone (trending), just not in their history.
  expect((await signal(video.id))?.view_count).toBe(2);
});

it('shows ADULT results only once the viewer is age-verified (EntitlementChanged), and never to a minor', async () => {
  const [adult] = await subgraph.add({ title: 'Burlesque backstage', audience: Audience.ADULT });
  const SEARCH = `{ search(query: "burlesque") { edges { node { ... on Video { id } } } } }`;
  const finds = async (token?: string) =>
    (await graphql(subgraph.url, SEARCH, {}, { token })).data.search.edges.map(
      (edge: any) => edge.node.id,
    );
  const adultUser = EntitlementChanged.example.userId;
  const minor = randomUUID();
  expect(await finds()).toEqual([]);
  expect(await finds(await tokenFor(adultUser, [Role.VIEWER]))).toEqual([]);
  await subgraph.emit(EntitlementChanged, EntitlementChanged.example);
  expect(await finds(await tokenFor(adultUser, [Role.VIEWER]))).toEqual([adult.id]);
  // A minor: payments never verifies them (and says so).
  await subgraph.emit(EntitlementChanged, {
    userId: minor,
    tier: 'PREMIUM_PLUS',
    ageVerified: false,
    changedAt: new Date().toISOString(),
  });
  expect(await finds(await tokenFor(minor, [Role.VIEWER]))).toEqual([]);
  expect(await finds()).toEqual([]);
  // The verification withdrawn later: gone again.
  await subgraph.emit(EntitlementChanged, {
    ...EntitlementChanged.example,
    ageVerified: false,
    changedAt: new Date().toISOString(),
  });
  await eventually(async () => finds(await tokenFor(adultUser)), {
    until: found => found.length === 0,
  });
});
