import { createLogger, InboxEntry, Messaging, openDatabase } from '@vp/kit';
import { eventually, graphql } from '@vp/kit/testing';
import { startVideosSubgraph } from '../test-server';
import { HOUSEKEEPING_CRON, HOUSEKEEPING_QUEUE } from './housekeeping';

// Housekeeping of the videos subgraph: view windows long run out are deleted, on a schedule.
let subgraph: Awaited<ReturnType<typeof startVideosSubgraph>>;
let jobs: Messaging;
let jobsOrm: Awaited<ReturnType<typeof openDatabase>>;

beforeAll(async () => {
  subgraph = await startVideosSubgraph();
  // A second client of the same pg-boss, to run the job now instead of at the next tick.
  jobsOrm = await openDatabase({
    schema: 'videos',
    databaseUrl: subgraph.databaseUrl,
    entities: [InboxEntry],
    migrations: [],
    migrate: false,
  });
  jobs = await Messaging.start({
    consumer: 'housekeeping-test',
    databaseUrl: subgraph.databaseUrl,
    orm: jobsOrm,
    log: createLogger('housekeeping-test', 'warn'),
  });
});
afterAll(async () => {
  await jobs?.stop();
  await jobsOrm?.close();
  await subgraph?.stop();
});

const RECORD = `mutation ($input: RecordViewInput!) { recordView(input: $input) }`;
const heartbeat = (videoId: string, sessionId: string, watchedSeconds: number) =>
  graphql(subgraph.url, RECORD, {
    input: { videoId, sessionId, positionSeconds: 10, watchedSeconds },
  });
const viewCount = async (videoId: string) =>
  (
    await graphql(
      subgraph.url,
      `
        query ($id: ID!) {
          video(id: $id) {
            viewCount
          }
        }
      `,
      { id: videoId },
    )
  ).data.video.viewCount as number;
const windows = async (videoId: string) =>
  (
    await subgraph
      .em()
      .execute(
        `select "viewer_key" from videos.view_window where video_id = ? order by "viewer_key"`,
        [videoId],
      )
  ).map(row => (row as { viewer_key: string }).viewer_key);
const runHousekeeping = async () => {
  const jobId = await jobs.send(HOUSEKEEPING_QUEUE, {});
  await eventually(
    async () =>
      (await subgraph.em().execute(`select "state" from "pgboss"."job" where "id" = ?`, [jobId]))[0]
        ?.state,
    { until: state => state === 'completed', what: 'the housekeeping job to complete' },
  );
};

it('is scheduled as a durable pg-boss job', async () => {
  const schedules = await subgraph
    .em()
    .execute(`select "cron" from "pgboss"."schedule" where "name" = ?`, [HOUSEKEEPING_QUEUE]);
  expect(schedules).toEqual([{ cron: HOUSEKEEPING_CRON }]);
});

it('deletes view windows that ran out over an hour ago, and views still count once per window', async () => {
  const [video] = await subgraph.seed({ durationSeconds: 600 });
  for (const session of ['old', 'recent', 'current']) {
    expect((await heartbeat(video.id, session, 40)).errors).toBeUndefined();
  }
  expect(await viewCount(video.id)).toBe(3);
  const age = async (session: string, minutes: number) =>
    subgraph.em().execute(
      `update videos.view_window set started_at = now() - make_interval(mins => ?)
          where video_id = ? and viewer_key = ?`,
      [minutes, video.id, `session:${session}`],
    );
  await age('old', 61);
  // Run out (over 30 minutes) but kept for the margin of an hour.
  await age('recent', 45);

  await runHousekeeping();
  expect(await windows(video.id)).toEqual(['session:current', 'session:recent']);

  // The pruned viewer's next heartbeat opens a new window: one more view, as without pruning;
  // the current viewer's window still holds their counted view.
  await heartbeat(video.id, 'old', 40);
  await heartbeat(video.id, 'current', 40);
  expect(await viewCount(video.id)).toBe(4);
  await runHousekeeping();
  expect(await windows(video.id)).toEqual(['session:current', 'session:old', 'session:recent']);
});
