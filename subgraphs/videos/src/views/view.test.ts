import { randomUUID } from 'node:crypto';
import { Role } from '@vp/kit';
import { errorCodes, graphql, tokenFor } from '@vp/kit/testing';
import { startVideosSubgraph } from '../test-server';
import { VideoVisibility } from '../videos/video.entity';

let subgraph: Awaited<ReturnType<typeof startVideosSubgraph>>;

beforeAll(async () => {
  subgraph = await startVideosSubgraph();
});
afterAll(() => subgraph?.stop());

const RECORD = `mutation ($input: RecordViewInput!) { recordView(input: $input) }`;
const VIDEO = `query ($id: ID!) { video(id: $id) { viewCount viewerProgress { positionSeconds completed } } }`;
const HISTORY = `query ($id: ID!, $first: Int, $after: String) { _entities(representations: [{ __typename: "User", id: $id }]) {
  ... on User {
    watchHistory(first: $first, after: $after) { edges { node { video { id } positionSeconds watchedAt completed } } pageInfo { hasNextPage endCursor } }
    continueWatching(first: 10) { edges { node { video { id } positionSeconds } } }
  } } }`;

const heartbeat = (
  videoId: string,
  watchedSeconds: number,
  options: { token?: string; sessionId?: string; positionSeconds?: number } = {},
) =>
  graphql(
    subgraph.url,
    RECORD,
    {
      input: {
        videoId,
        sessionId: options.sessionId ?? 'session-1',
        positionSeconds: options.positionSeconds ?? 10,
        watchedSeconds,
      },
    },
    { token: options.token },
  );

const viewCount = async (videoId: string, token?: string) =>
  (await graphql(subgraph.url, VIDEO, { id: videoId }, { token })).data.video.viewCount as number;

/** Moves a viewer's window back in time, as if its 30 minutes had passed. */
const expireWindows = (videoId: string) =>
  subgraph
    .em()
    .execute(
      `update videos.view_window set started_at = started_at - interval '31 minutes' where video_id = ?`,
      [videoId],
    );

describe('recordView', () => {
  it('counts a signed-out session once per 30 minutes, after 30 s were watched', async () => {
    const [video] = await subgraph.seed({ durationSeconds: 600 });
    expect((await heartbeat(video.id, 20)).data).toEqual({ recordView: true });
    expect(await viewCount(video.id)).toBe(0);
    await heartbeat(video.id, 10);
    expect(await viewCount(video.id)).toBe(1);
    await heartbeat(video.id, 60);
    await heartbeat(video.id, 60);
    expect(await viewCount(video.id)).toBe(1);
    // Another session is another viewer.
    await heartbeat(video.id, 30, { sessionId: 'session-2' });
    expect(await viewCount(video.id)).toBe(2);
    // Half an hour later the same session may count again, once it has watched enough again.
    await expireWindows(video.id);
    await heartbeat(video.id, 29);
    expect(await viewCount(video.id)).toBe(2);
    await heartbeat(video.id, 1);
    expect(await viewCount(video.id)).toBe(3);
  });

  it('counts a short video after half of it, a signed-in viewer by account whatever the session', async () => {
    const [video] = await subgraph.seed({ durationSeconds: 12 });
    const token = await tokenFor(randomUUID());
    await heartbeat(video.id, 6, { token, sessionId: 'a' });
    await heartbeat(video.id, 6, { token, sessionId: 'b' });
    expect(await viewCount(video.id)).toBe(1);
  });

  it("never counts the owner's own plays, nor their watch time", async () => {
    const owner = randomUUID();
    const [video] = await subgraph.seed({ ownerId: owner, durationSeconds: 600 });
    const token = await tokenFor(owner);
    await heartbeat(video.id, 120, { token });
    expect(await viewCount(video.id)).toBe(0);
    const [row] = await subgraph
      .em()
      .execute(`select count(*)::int as n from videos.video_daily_stat where video_id = ?`, [
        video.id,
      ]);
    expect(row.n).toBe(0);
  });

  it('counts each of 50 concurrent viewers once, however many heartbeats they send at once', async () => {
    const [video] = await subgraph.seed({ durationSeconds: 600 });
    const sessions = Array.from({ length: 50 }, (_, i) => `concurrent-${i}`);
    const responses = await Promise.all(
      sessions.flatMap(sessionId => [1, 2, 3].map(() => heartbeat(video.id, 30, { sessionId }))),
    );
    expect(responses.flatMap(response => response.errors ?? [])).toEqual([]);
    expect(await viewCount(video.id)).toBe(50);
  });

  it.each([
    ['a negative position', { positionSeconds: -1 }, 'positionSeconds'],
    ['a huge position', { positionSeconds: 1e12 }, 'positionSeconds'],
    ['negative watching', { watchedSeconds: -5 }, 'watchedSeconds'],
    ['an hour in one heartbeat', { watchedSeconds: 3600 }, 'watchedSeconds'],
    ['an empty session', { sessionId: '' }, 'sessionId'],
    ['a session with control characters', { sessionId: 'a\u0000b' }, 'sessionId'],
  ])('refuses %s with BAD_USER_INPUT and stores nothing', async (_name, change, field) => {
    const [video] = await subgraph.seed({ durationSeconds: 600 });
    const response = await graphql(subgraph.url, RECORD, {
      input: {
        videoId: video.id,
        sessionId: 's',
        positionSeconds: 1,
        watchedSeconds: 40,
        ...change,
      },
    });
    expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
    expect(response.errors![0].extensions!.problems.map((p: any) => p.field)).toEqual([
      `input.${field}`,
    ]);
    const [row] = await subgraph
      .em()
      .execute(`select count(*)::int as n from videos.view_window where video_id = ?`, [video.id]);
    expect(row.n).toBe(0);
  });

  it('refuses wrong types, bad ids and hidden videos', async () => {
    const [hidden] = await subgraph.seed({ visibility: VideoVisibility.PRIVATE });
    const wrongType = await graphql(subgraph.url, RECORD, {
      input: { videoId: hidden.id, sessionId: 's', positionSeconds: 'ten', watchedSeconds: 1 },
    });
    expect(wrongType.status).toBe(400);
    expect(errorCodes(await heartbeat('nope', 1))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await heartbeat(hidden.id, 40))).toEqual(['NOT_FOUND']);
  });
});

describe('watch history', () => {
  it("keeps a signed-in viewer's places, newest first; continueWatching leaves out finished videos", async () => {
    const user = randomUUID();
    const token = await tokenFor(user);
    const [a, b, c] = await subgraph.seed(
      { durationSeconds: 100, title: 'a' },
      { durationSeconds: 100, title: 'b' },
      { durationSeconds: 100, title: 'c' },
    );
    await heartbeat(a.id, 5, { token, positionSeconds: 40 });
    await heartbeat(b.id, 5, { token, positionSeconds: 99 });
    await heartbeat(c.id, 5, { token, positionSeconds: 500 }); // clamped to the duration
    const response = await graphql(subgraph.url, HISTORY, { id: user, first: 2 }, { token });
    expect(response.errors).toBeUndefined();
    const page = response.data._entities[0];
    expect(
      page.watchHistory.edges.map((e: any) => [
        e.node.video.id,
        e.node.positionSeconds,
        e.node.completed,
      ]),
    ).toEqual([
      [c.id, 100, true],
      [b.id, 99, true],
    ]);
    expect(page.continueWatching.edges).toEqual([
      { node: { video: { id: a.id }, positionSeconds: 40 } },
    ]);
    const next = await graphql(
      subgraph.url,
      HISTORY,
      { id: user, first: 2, after: page.watchHistory.pageInfo.endCursor },
      { token },
    );
    expect(next.data._entities[0].watchHistory.edges.map((e: any) => e.node.video.id)).toEqual([
      a.id,
    ]);
    expect(next.data._entities[0].watchHistory.pageInfo.hasNextPage).toBe(false);

    expect(
      (await graphql(subgraph.url, VIDEO, { id: a.id }, { token })).data.video.viewerProgress,
    ).toEqual({
      positionSeconds: 40,
      completed: false,
    });
    expect((await graphql(subgraph.url, VIDEO, { id: a.id })).data.video.viewerProgress).toBeNull();

    // A video made private by its owner leaves the history.
    await subgraph
      .em()
      .execute(`update videos.video set visibility = 'PRIVATE' where id = ?`, [c.id]);
    const after = await graphql(subgraph.url, HISTORY, { id: user, first: 10 }, { token });
    expect(after.data._entities[0].watchHistory.edges.map((e: any) => e.node.video.id)).toEqual([
      b.id,
      a.id,
    ]);

    expect(
      (
        await graphql(
          subgraph.url,
          `
            mutation {
              clearWatchHistory
            }
          `,
          {},
          { token },
        )
      ).data,
    ).toEqual({
      clearWatchHistory: true,
    });
    const cleared = await graphql(subgraph.url, HISTORY, { id: user, first: 10 }, { token });
    expect(cleared.data._entities[0].watchHistory.edges).toEqual([]);
  });

  it("is nobody else's business, and signed-out plays leave none", async () => {
    const user = randomUUID();
    const [video] = await subgraph.seed({ durationSeconds: 100 });
    await heartbeat(video.id, 5, { token: await tokenFor(user) });
    const stranger = await graphql(
      subgraph.url,
      HISTORY,
      { id: user, first: 5 },
      { token: await tokenFor(randomUUID(), [Role.ADMIN]) },
    );
    expect(errorCodes(stranger)).toEqual(['FORBIDDEN', 'FORBIDDEN']);
    expect(errorCodes(await graphql(subgraph.url, HISTORY, { id: user, first: 5 }))).toEqual([
      'UNAUTHENTICATED',
      'UNAUTHENTICATED',
    ]);
    await heartbeat(video.id, 5, { sessionId: 'anonymous-history' });
    const [row] = await subgraph
      .em()
      .execute(`select count(*)::int as n from videos.watch_progress where video_id = ?`, [
        video.id,
      ]);
    expect(row.n).toBe(1);
    expect(
      errorCodes(
        await graphql(
          subgraph.url,
          `
            mutation {
              clearWatchHistory
            }
          `,
        ),
      ),
    ).toEqual(['UNAUTHENTICATED']);
  });

  it('loads viewCount and viewerProgress of a whole list with one statement each', async () => {
    const seeded = await subgraph.seed(
      ...Array.from({ length: 20 }, () => ({ durationSeconds: 100 })),
    );
    const token = await tokenFor(randomUUID());
    await heartbeat(seeded[0].id, 5, { token, positionSeconds: 7 });
    subgraph.takeSql();
    const response = await graphql(
      subgraph.url,
      `
        {
          videos(first: 50) {
            edges {
              node {
                id
                viewCount
                viewerProgress {
                  positionSeconds
                }
              }
            }
          }
        }
      `,
      {},
      { token },
    );
    expect(response.errors).toBeUndefined();
    const statements = subgraph.takeSql();
    expect(statements.filter(sql => sql.includes('video_counter'))).toHaveLength(1);
    expect(statements.filter(sql => sql.includes('watch_progress'))).toHaveLength(1);
  });
});

describe('Video.stats', () => {
  const STATS = `query ($id: ID!, $from: String!, $to: String!) { video(id: $id) { stats(from: $from, to: $to) { day views watchSeconds likes comments } } }`;
  const today = () => new Date().toISOString().slice(0, 10);
  const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

  it('gives the owner, ADMINs and ANALYSTs one row per day, zeros included; FORBIDDEN to others', async () => {
    const owner = randomUUID();
    const [video] = await subgraph.seed({ ownerId: owner, durationSeconds: 600 });
    await heartbeat(video.id, 45, { sessionId: 'stats' });
    await graphql(
      subgraph.url,
      `
        mutation ($id: ID!) {
          likeVideo(id: $id) {
            id
          }
        }
      `,
      { id: video.id },
      { token: await tokenFor(randomUUID()) },
    );
    for (const roles of [[], [Role.ADMIN], [Role.ANALYST]]) {
      const response = await graphql(
        subgraph.url,
        STATS,
        { id: video.id, from: daysAgo(2), to: today() },
        { token: await tokenFor(roles.length ? randomUUID() : owner, roles) },
      );
      expect(response.errors).toBeUndefined();
      expect(response.data.video.stats).toEqual([
        { day: daysAgo(2), views: 0, watchSeconds: 0, likes: 0, comments: 0 },
        { day: daysAgo(1), views: 0, watchSeconds: 0, likes: 0, comments: 0 },
        { day: today(), views: 1, watchSeconds: 45, likes: 1, comments: 0 },
      ]);
    }
    for (const token of [await tokenFor(randomUUID(), [Role.CREATOR]), undefined]) {
      const response = await graphql(
        subgraph.url,
        STATS,
        { id: video.id, from: today(), to: today() },
        { token },
      );
      expect(errorCodes(response)).toEqual(['FORBIDDEN']);
      expect(response.data.video.stats).toBeNull();
    }
  });

  it.each([
    ['a range over 366 days', '2025-01-01', '2026-01-02'],
    ['a backwards range', '2026-12-02', '2026-12-01'],
    ['an impossible date', '2026-02-30', '2026-03-01'],
    ['not a date', 'yesterday', '2026-03-01'],
  ])('refuses %s with BAD_USER_INPUT', async (_name, from, to) => {
    const owner = randomUUID();
    const [video] = await subgraph.seed({ ownerId: owner });
    const response = await graphql(
      subgraph.url,
      STATS,
      { id: video.id, from, to },
      { token: await tokenFor(owner) },
    );
    expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
  });
});
