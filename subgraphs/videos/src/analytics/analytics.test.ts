import { randomUUID } from 'node:crypto';
import { type EntityManager } from '@mikro-orm/postgresql';
import { Role } from '@vp/kit';
import { eventTopic, ViewCounted } from '@vp/contracts';
import { errorCodes, eventually, graphql, tokenFor } from '@vp/kit/testing';
import { addEngagement } from '../stats/counters';
import { startVideosSubgraph } from '../test-server';
import { countView, countViews, foldWatchSeconds } from './view-rollup';

const VIEWS = `query ($r: [_Any!]!, $from: String!, $to: String!, $creatorId: ID, $videoId: ID) {
  _entities(representations: $r) { ... on Analytics {
    viewsByDay(from: $from, to: $to, creatorId: $creatorId, videoId: $videoId) { day views watchSeconds uniqueViewers }
    topVideos(from: $from, to: $to, first: 10) { video { id title } views watchSeconds } } } }`;
const ref = [{ __typename: 'Analytics', id: 'platform' }];
const today = () => new Date().toISOString().slice(0, 10);

// Analysts' views: rollups per day for the platform, a creator and a video, that agree with the
// per-video statistics.
describe('videos analytics', () => {
  let app: Awaited<ReturnType<typeof startVideosSubgraph>>;
  beforeAll(async () => {
    app = await startVideosSubgraph();
  });
  afterAll(() => app?.stop());

  const ask = async (variables: Record<string, unknown>, roles = [Role.ANALYST]) =>
    graphql(
      app.url,
      VIEWS,
      { r: ref, from: today(), to: today(), ...variables },
      { token: await tokenFor(randomUUID(), roles) },
    );

  /** A view counted as videos counts it: the per-video statistics, then its event's rollup. */
  async function view(videoId: string, viewerKey: string, watchSeconds = 30) {
    const em = app.em() as EntityManager;
    await em.transactional(async tx =>
      addEngagement(tx as EntityManager, videoId, { views: 1, watchSeconds }),
    );
    await countView(app.em() as EntityManager, {
      videoId,
      viewerKey,
      countedAt: new Date().toISOString(),
    });
  }

  it('counts views, unique viewers and watch time per day, for the platform, a creator and a video', async () => {
    const creator = randomUUID();
    const [first, second] = await app.seed(
      { ownerId: creator, title: 'First' },
      { ownerId: creator, title: 'Second' },
    );
    const [other] = await app.seed({ title: 'Other' });
    const before = (await ask({})).data._entities[0].viewsByDay[0];
    await view(first.id, 'user:a', 40);
    await view(first.id, 'user:a', 35); // the same viewer again (a later 30-minute window)
    await view(first.id, 'session:b', 30);
    await view(second.id, 'user:a', 60);
    await view(other.id, 'user:c', 100);
    await foldWatchSeconds(app.em() as EntityManager);

    const all = (await ask({})).data._entities[0];
    expect(all.viewsByDay[0]).toEqual({
      day: today(),
      views: before.views + 5,
      watchSeconds: before.watchSeconds + 265,
      uniqueViewers: before.uniqueViewers + 3,
    });
    const ofCreator = (await ask({ creatorId: creator })).data._entities[0].viewsByDay;
    expect(ofCreator).toEqual([{ day: today(), views: 4, watchSeconds: 165, uniqueViewers: 2 }]);
    const ofVideo = (await ask({ videoId: first.id })).data._entities[0].viewsByDay;
    expect(ofVideo).toEqual([{ day: today(), views: 3, watchSeconds: 105, uniqueViewers: 2 }]);
    // the same figures as the per-video statistics the owner reads
    const stats = await (app.em() as EntityManager).execute(
      'select sum(views)::int as views, sum(watch_seconds)::int as watch from videos.video_daily_stat where video_id in (?, ?) and day = current_date',
      [first.id, second.id],
    );
    expect(stats[0]).toEqual({ views: 4, watch: 165 });
    expect(all.topVideos.slice(0, 1)).toEqual([
      { video: { id: first.id, title: 'First' }, views: 3, watchSeconds: 105 },
    ]);
  });

  it('is fed by the view events: heartbeats that count a view reach the rollups through ViewCounted', async () => {
    const creator = randomUUID();
    const [video] = await app.seed({ ownerId: creator, title: 'Heartbeats', durationSeconds: 600 });
    const RECORD = 'mutation ($input: RecordViewInput!) { recordView(input: $input) }';
    for (const sessionId of ['player-one', 'player-two']) {
      const counted = await graphql(app.url, RECORD, {
        input: { videoId: video.id, sessionId, positionSeconds: 40, watchedSeconds: 40 },
      });
      expect(counted.errors).toBeUndefined();
    }
    // videos consumes its own ViewCounted (queue videos.ViewCounted) to keep the rollups
    expect(eventTopic(ViewCounted)).toBe('ViewCounted');
    const days = await eventually(
      async () => (await ask({ creatorId: creator })).data._entities[0].viewsByDay,
      {
        until: rows => rows[0].views === 2,
        what: 'the two views in the creator rollup',
      },
    );
    expect(days[0]).toMatchObject({ views: 2, uniqueViewers: 2 });
    await foldWatchSeconds(app.em() as EntityManager);
    const folded = (await ask({ creatorId: creator })).data._entities[0].viewsByDay[0];
    expect(folded.watchSeconds).toBe(80);
    expect((await ask({ videoId: video.id })).data._entities[0].viewsByDay[0]).toEqual({
      day: today(),
      views: 2,
      watchSeconds: 80,
      uniqueViewers: 2,
    });
  });

  it('counts a batch of events in one statement: a viewer seen twice in it is one unique viewer', async () => {
    const creator = randomUUID();
    const [video] = await app.seed({ ownerId: creator });
    const at = new Date().toISOString();
    await countViews(app.em() as EntityManager, [
      { videoId: video.id, viewerKey: 'user:x', countedAt: at },
      { videoId: video.id, viewerKey: 'user:x', countedAt: at },
      { videoId: video.id, viewerKey: 'session:y', countedAt: at },
      { videoId: randomUUID(), viewerKey: 'user:x', countedAt: at }, // a video videos no longer has
    ]);
    await countViews(app.em() as EntityManager, [
      { videoId: video.id, viewerKey: 'user:x', countedAt: at },
    ]);
    const [day] = (await ask({ creatorId: creator })).data._entities[0].viewsByDay;
    expect(day).toMatchObject({ views: 4, uniqueViewers: 2 });
  });

  it('lists every day of the range, and refuses bad ranges, bad ids and non-analysts', async () => {
    const week = await ask({ from: '2026-03-01', to: '2026-03-07' });
    expect(week.data._entities[0].viewsByDay).toHaveLength(7);
    expect(week.data._entities[0].viewsByDay[0]).toEqual({
      day: '2026-03-01',
      views: 0,
      watchSeconds: 0,
      uniqueViewers: 0,
    });
    expect(errorCodes(await ask({ from: '2025-01-01', to: '2026-06-01' }))).toContain(
      'BAD_USER_INPUT',
    );
    expect(errorCodes(await ask({ videoId: 'nope' }))).toContain('BAD_USER_INPUT');
    expect(errorCodes(await ask({}, [Role.CREATOR]))).toContain('FORBIDDEN');
    expect((await ask({}, [Role.ADMIN])).errors).toBeUndefined();
  });
});
