import { randomUUID } from 'node:crypto';
import {
  type EventPayload,
  parseEmitted,
  VideoFinished,
  ViewCounted,
  WatchHistoryCleared,
} from '@vp/contracts';
import { eventually, tokenFor } from '@vp/kit/testing';
import { type Pipeline, startPipeline } from '../test-pipeline';
import { Video, VideoStatus, VideoVisibility } from '../videos/video.entity';

jest.setTimeout(60_000);

// The producer's side of the contract tests of the watching events (the consumer's: search's
// src/events/watch-events.test.ts): what heartbeats and clearWatchHistory really emit.
let pipeline: Pipeline;
const counted: EventPayload<typeof ViewCounted>[] = [];
const finished: EventPayload<typeof VideoFinished>[] = [];
const cleared: EventPayload<typeof WatchHistoryCleared>[] = [];

beforeAll(async () => {
  pipeline = await startPipeline({ worker: false });
  await pipeline.onEvent(ViewCounted, event => counted.push(event.payload));
  await pipeline.onEvent(VideoFinished, event => finished.push(event.payload));
  await pipeline.onEvent(WatchHistoryCleared, event => cleared.push(event.payload));
});
afterAll(() => pipeline?.stop());

async function publishedVideo(ownerId: string, durationSeconds: number) {
  const em = pipeline.em();
  const video = em.create(Video, {
    ownerId,
    title: 'Watched',
    status: VideoStatus.READY,
    visibility: VideoVisibility.PUBLIC,
    durationSeconds,
    publishedAt: new Date(Date.now() - 60_000),
  } as Video);
  await em.flush();
  return video;
}

const RECORD = `mutation ($input: RecordViewInput!) { recordView(input: $input) }`;
const heartbeat = (
  videoId: string,
  input: { sessionId: string; positionSeconds: number; watchedSeconds: number },
  token?: string,
) => pipeline.query(RECORD, { input: { videoId, ...input } }, token);

it('emits ViewCounted once per counted view and VideoFinished once at the end, by session or by user', async () => {
  const owner = randomUUID();
  const fan = randomUUID();
  const fanToken = await tokenFor(fan);
  const video = await publishedVideo(owner, 20);
  // A signed-out session: counted at half of a 20 s video, finished at 95 %.
  await heartbeat(video.id, { sessionId: 'sess-a', positionSeconds: 10, watchedSeconds: 10 });
  await heartbeat(video.id, { sessionId: 'sess-a', positionSeconds: 19, watchedSeconds: 9 });
  await heartbeat(video.id, { sessionId: 'sess-a', positionSeconds: 20, watchedSeconds: 1 });
  // A signed-in fan whose session id does not matter.
  await heartbeat(video.id, { sessionId: 'x', positionSeconds: 20, watchedSeconds: 20 }, fanToken);
  // The owner's own plays send nothing.
  await heartbeat(
    video.id,
    { sessionId: 'y', positionSeconds: 20, watchedSeconds: 20 },
    await tokenFor(owner),
  );
  await eventually(() => finished.filter(event => event.videoId === video.id).length === 2, {
    what: 'two VideoFinished',
  });
  await eventually(() => pipeline.eventsSettled(), { what: 'the events to be delivered' });

  const views = counted
    .filter(event => event.videoId === video.id)
    .map(event => parseEmitted(ViewCounted, event));
  expect(views).toEqual(
    expect.arrayContaining([
      { videoId: video.id, userId: null, sessionId: 'sess-a', countedAt: expect.any(String) },
      { videoId: video.id, userId: fan, sessionId: null, countedAt: expect.any(String) },
    ]),
  );
  expect(views).toHaveLength(2);
  const ends = finished
    .filter(event => event.videoId === video.id)
    .map(event => parseEmitted(VideoFinished, event));
  expect(ends).toEqual(
    expect.arrayContaining([
      { videoId: video.id, userId: null, sessionId: 'sess-a', finishedAt: expect.any(String) },
      { videoId: video.id, userId: fan, sessionId: null, finishedAt: expect.any(String) },
    ]),
  );
  expect(ends).toHaveLength(2);
});

it('emits WatchHistoryCleared when a user clears their history', async () => {
  const user = randomUUID();
  const response = await pipeline.query(`mutation { clearWatchHistory }`, {}, await tokenFor(user));
  expect(response.data).toEqual({ clearWatchHistory: true });
  await eventually(() => cleared.some(event => event.userId === user), {
    what: 'WatchHistoryCleared',
  });
  expect(
    parseEmitted(
      WatchHistoryCleared,
      cleared.find(event => event.userId === user),
    ),
  ).toEqual({ userId: user, clearedAt: expect.any(String) });
});
