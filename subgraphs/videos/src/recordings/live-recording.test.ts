import { randomUUID } from 'node:crypto';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { type EventInput, LiveRecordingReady } from '@vp/contracts';
import { describeIfFfmpeg, eventually, tokenFor } from '@vp/kit/testing';
import { type Pipeline, startPipeline } from '../test-pipeline';
import { makeClip, tempDir } from '../transcoding/test-clips';
import { uploadKey } from '../videos/media-keys';

// The live subgraph stores a finished stream's recording as an upload and emits LiveRecordingReady;
// here it becomes the streamer's video, transcoded and waiting for them to publish it. This is the
// consumer's side of the event's contract test (the producer's: live's ingest.test.ts).
describeIfFfmpeg('a live recording handed to the video pipeline', () => {
  let pipeline: Pipeline;
  const scratch = tempDir('vp-recording-');

  beforeAll(async () => {
    pipeline = await startPipeline();
  });
  afterAll(async () => {
    await pipeline.stop();
    scratch.remove();
  });

  async function handOff(overrides: Partial<EventInput<typeof LiveRecordingReady>> = {}) {
    const videoId = randomUUID();
    const ownerId = randomUUID();
    const clip = makeClip(join(scratch.path, `${videoId}.mp4`), {
      width: 320,
      height: 180,
      seconds: 2,
    });
    await pipeline.storage.putFile(uploadKey(videoId), clip, {
      contentType: 'video/mp4',
      cacheControl: 'private',
    });
    const { size } = statSync(clip);
    const payload: EventInput<typeof LiveRecordingReady> = {
      ...LiveRecordingReady.example,
      streamId: randomUUID(),
      ownerId,
      videoId,
      title: 'Friday night stream',
      requiredPlan: 'PREMIUM',
      sourceKey: uploadKey(videoId),
      sizeBytes: size,
      ...overrides,
    };
    await pipeline.emitPeerEvent(LiveRecordingReady, payload);
    return { videoId, ownerId, payload };
  }

  const videoQuery = `query ($id: ID!) { video(id: $id) { id title status visibility requiredPlan publishedAt owner { id } } }`;

  it('becomes a private, unpublished video of the streamer that transcodes to READY', async () => {
    const { videoId, ownerId } = await handOff();
    const token = await tokenFor(ownerId);
    const video = await eventually(
      async () => {
        const answer = await pipeline.query(videoQuery, { id: videoId }, token);
        return answer.data?.video?.status === 'READY' ? answer.data.video : undefined;
      },
      { timeoutMs: 60_000, what: 'the recording to be READY' },
    );
    expect(video).toEqual({
      id: videoId,
      title: 'Friday night stream',
      status: 'READY',
      visibility: 'PRIVATE',
      requiredPlan: 'PREMIUM',
      publishedAt: null,
      owner: { id: ownerId },
    });
    const stranger = await pipeline.query(
      videoQuery,
      { id: videoId },
      await tokenFor(randomUUID()),
    );
    expect(stranger.data?.video).toBeNull();
  });

  it('creates the video once when the event is delivered again', async () => {
    const { videoId, payload } = await handOff();
    await pipeline.emitPeerEvent(LiveRecordingReady, payload);
    await eventually(() => pipeline.deliveries(LiveRecordingReady, { videoId }), {
      until: states => states.length === 2 && states.every(state => state === 'completed'),
      what: 'both deliveries to be handled',
    });
    expect(await pipeline.em().count('Video', { id: videoId })).toBe(1);
  });

  it('refuses a recording whose stored size differs from the event', async () => {
    const { videoId } = await handOff({ sizeBytes: 12345 });
    await eventually(() => pipeline.deliveries(LiveRecordingReady, { videoId }), {
      until: states => states.length === 1 && !['created', 'active'].includes(states[0]),
      what: 'the delivery to be handled',
    });
    expect(await pipeline.em().count('Video', { id: videoId })).toBe(0);
  });
});
