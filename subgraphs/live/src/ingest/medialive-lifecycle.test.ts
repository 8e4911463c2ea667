import { randomUUID } from 'node:crypto';
import { readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LiveRecordingReady } from '@vp/contracts';
import { createLogger, type EventOf, Messaging, type MikroORM, openDatabase, Role } from '@vp/kit';
import {
  describeIfFfmpeg,
  errorCodes,
  eventually,
  graphql,
  startTestSubgraph,
  tokenFor,
} from '@vp/kit/testing';
import { CloudFrontPlaybackSigner } from '@vp/media';
import { testCloudFrontKey } from '@vp/media/src/testing/aws-env';
import { startS3rver, type TestS3 } from '@vp/media/src/testing/s3rver';
import { live } from '../definition';
import { Recording, RecordingStatus } from '../recordings/recording.entity';
import { LiveStream, LiveStreamStatus } from '../streams/live-stream.entity';
import { MediaLiveChannel } from './medialive-channel.entity';
import { type MediaLiveStandIn, startMediaLiveStandIn } from './medialive-standin';

jest.setTimeout(120_000);

const CREATE = `mutation ($input: CreateLiveStreamInput!) { createLiveStream(input: $input) {
  id status ingest { rtmpUrl streamKey } } }`;
const END = `mutation ($id: ID!) { endLiveStream(id: $id) { id status } }`;
const STREAM = `query ($id: ID!) { liveStream(id: $id) { id status playback { hlsUrl expiresAt } } }`;

// LIVE_INGEST=medialive against a stand-in of MediaLive's API (request shapes and channel states)
// with s3rver as the bucket and CloudFront-signed playback.
describeIfFfmpeg('live streams on MediaLive (LIVE_INGEST=medialive)', () => {
  let s3: TestS3;
  let standIn: MediaLiveStandIn;
  let subgraph: Awaited<ReturnType<typeof startTestSubgraph>>;
  let owner: string;
  let token: string;
  // Stands in for the videos subgraph: what it would receive.
  let videosOrm: MikroORM;
  let videos: Messaging;
  const recordingsReady: EventOf<typeof LiveRecordingReady>[] = [];

  beforeAll(async () => {
    s3 = await startS3rver();
    standIn = await startMediaLiveStandIn({
      storage: s3.storage(),
      bucket: s3.bucket,
      ffmpeg: 'ffmpeg',
    });
    subgraph = await startTestSubgraph(live, {
      storage: s3.storage(),
      signer: new CloudFrontPlaybackSigner({
        domain: 'media.cdn.test',
        keyPairId: 'K2TESTKEYPAIR',
        privateKey: testCloudFrontKey(),
      }),
      mediaLive: {
        region: 'eu-west-1',
        endpoint: standIn.endpoint,
        credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'test-secret' },
        roleArn: 'arn:aws:iam::123456789012:role/MediaLiveRole',
        inputSecurityGroupId: '1234567',
        bucket: s3.bucket,
        pollSeconds: 1,
        startTimeoutSeconds: 4,
        // Long enough for the first test to end its stream itself; the third waits it out.
        publisherGoneSeconds: 10,
      },
    });
    owner = randomUUID();
    token = await tokenFor(owner, [Role.CREATOR]);
    videosOrm = await openDatabase({
      schema: live.dbSchema,
      databaseUrl: subgraph.databaseUrl,
      entities: live.entities,
      migrations: live.migrations,
      migrate: false,
    });
    videos = await Messaging.start({
      consumer: 'videos-stand-in',
      databaseUrl: subgraph.databaseUrl,
      orm: videosOrm,
      log: createLogger('test', 'silent'),
    });
    await videos.onEvent(LiveRecordingReady, async event => {
      recordingsReady.push(event);
    });
  });
  afterAll(async () => {
    await videos?.stop();
    await videosOrm?.close();
    await subgraph?.stop();
    await standIn?.stop();
    await s3?.stop();
  });

  const create = async () => {
    const response = await graphql(
      subgraph.url,
      CREATE,
      { input: { title: 'On MediaLive' } },
      { token },
    );
    return response;
  };
  const streamRow = (id: string) => subgraph.em().findOne(LiveStream, { id });

  it('creates the input and channel with the stream, goes LIVE on the first playlist, plays through CloudFront, and hands the recording to videos through S3', async () => {
    standIn.scenarios.push('starts');
    const created = await create();
    expect(created.errors).toBeUndefined();
    const { id, status, ingest } = created.data.createLiveStream;
    expect(status).toBe('SCHEDULED');
    // OBS gets the input's RTMP server and the key apart, as with the embedded ingest.
    expect(ingest.rtmpUrl).toBe('rtmp://203.0.113.7:1935/live');
    expect(standIn.refused).toEqual([]);
    const channel = standIn.channels.find(candidate => candidate.name === `live-${id}`)!;
    expect(standIn.inputs.get(channel.inputId)!.body.destinations).toEqual([
      { streamName: `live/${ingest.streamKey}` },
    ]);

    await eventually(async () => (await streamRow(id))?.status === LiveStreamStatus.LIVE, {
      what: 'the stream LIVE',
      timeoutMs: 60_000,
    });
    // A new key while on air: MediaLive refuses to change a running channel's input, so the
    // rotation is refused and the old key stays (in the database and on the input).
    const hashBefore = (await streamRow(id))?.streamKeyHash;
    const rotated = await graphql(
      subgraph.url,
      `
        mutation ($id: ID!) {
          rotateStreamKey(id: $id) {
            id
          }
        }
      `,
      { id },
      { token },
    );
    expect(errorCodes(rotated)).toEqual(['SERVICE_UNAVAILABLE']);
    expect((await streamRow(id))?.streamKeyHash).toBe(hashBefore);
    expect(standIn.inputs.get(channel.inputId)!.body.destinations).toEqual([
      { streamName: `live/${ingest.streamKey}` },
    ]);
    // MediaLive streams have no embedded ingest: housekeeping's heartbeat check leaves them alone.
    expect((await streamRow(id))?.ingestHeartbeatAt).toBeNull();
    const playing = await graphql(subgraph.url, STREAM, { id }, { token });
    expect(playing.errors).toBeUndefined();
    const hlsUrl = new URL(playing.data.liveStream.playback.hlsUrl);
    expect(`${hlsUrl.origin}${hlsUrl.pathname}`).toBe(
      `https://media.cdn.test/live/${id}/master.m3u8`,
    );
    expect([...hlsUrl.searchParams.keys()].sort()).toEqual(['Key-Pair-Id', 'Policy', 'Signature']);

    const ended = await graphql(subgraph.url, END, { id }, { token });
    expect(ended.data.endLiveStream.status).toBe('ENDED');
    const recording = await eventually(
      async () => {
        const row = await subgraph.em().findOne(Recording, { streamId: id });
        return row && row.status !== RecordingStatus.RECORDING ? row : null;
      },
      { what: 'the recording handed off', timeoutMs: 60_000 },
    );
    expect(recording.failureReason ?? null).toBeNull();
    expect(recording.status).toBe(RecordingStatus.HANDED_OFF);
    expect(recording.sourceKey).toBe(`uploads/${recording.id}/source`);
    // The two archive files joined into one MP4 (≈ 4 s), as videos expects an upload.
    const file = join(tmpdir(), `medialive-recording-${randomUUID()}.mp4`);
    await s3.storage().download(recording.sourceKey!, file);
    const bytes = await readFile(file);
    await rm(file, { force: true });
    expect(bytes.subarray(4, 8).toString('latin1')).toBe('ftyp');
    expect(recording.sizeBytes).toBe(bytes.length);
    // the archive's parts go once the recording is handed off (after its row says so)
    await eventually(() => s3.storage().list(`recordings/${id}/`), {
      until: keys => keys.length === 0,
      what: 'the archive parts deleted',
    });
    // Videos receives LiveRecordingReady exactly as from the embedded ingest.
    const [ready] = await eventually(
      () => recordingsReady.filter(event => event.payload.streamId === id),
      { until: events => events.length > 0, what: 'LiveRecordingReady delivered' },
    );
    expect(ready.payload).toMatchObject({
      videoId: recording.id,
      ownerId: owner,
      title: 'On MediaLive',
      sourceKey: recording.sourceKey,
      sizeBytes: bytes.length,
      contentType: 'video/mp4',
    });
    // Stopped, then deleted with its input; nothing kept here either.
    expect(channel.state).toBe('DELETED');
    expect(standIn.inputs.get(channel.inputId)!.deleted).toBe(true);
    expect(await subgraph.em().findOne(MediaLiveChannel, { streamId: id })).toBeNull();
  });

  it('a channel that never starts: given up after the start timeout, stream ENDED, recording FAILED, channel and input deleted', async () => {
    standIn.scenarios.push('never');
    const created = await create();
    const { id } = created.data.createLiveStream;
    const recording = await eventually(
      async () => {
        const row = await subgraph.em().findOne(Recording, { streamId: id });
        return row?.status === RecordingStatus.FAILED ? row : null;
      },
      { what: 'the recording FAILED', timeoutMs: 60_000 },
    );
    expect(recording.failureReason).toBe('the MediaLive channel never started');
    expect((await streamRow(id))?.status).toBe(LiveStreamStatus.ENDED);
    const channel = standIn.channels.find(candidate => candidate.name === `live-${id}`)!;
    await eventually(() => standIn.inputs.get(channel.inputId)!.deleted, {
      what: 'the input deleted',
    });
    expect(channel.state).toBe('DELETED');
    // It was started once, stopped while STARTING, and never wrote to the bucket.
    expect(
      standIn.calls.filter(call => call === `POST /prod/channels/${channel.id}/start`),
    ).toHaveLength(1);
    expect(
      standIn.calls.filter(call => call === `POST /prod/channels/${channel.id}/stop`),
    ).toHaveLength(1);
    expect(await s3.storage().list(`live/${id}/`)).toEqual([]);
    expect(standIn.refused).toEqual([]);
  });

  it('a publisher that leaves without endLiveStream: no new segment for the grace period ends the stream and hands the recording off', async () => {
    standIn.scenarios.push('starts');
    const created = await create();
    const { id } = created.data.createLiveStream;
    await eventually(async () => (await streamRow(id))?.status === LiveStreamStatus.LIVE, {
      what: 'the stream LIVE',
      timeoutMs: 60_000,
    });
    const recording = await eventually(
      async () => {
        const row = await subgraph.em().findOne(Recording, { streamId: id });
        return row && row.status !== RecordingStatus.RECORDING ? row : null;
      },
      { what: 'the recording handed off after the grace period', timeoutMs: 60_000 },
    );
    expect(recording.status).toBe(RecordingStatus.HANDED_OFF);
    const stream = await streamRow(id);
    expect(stream?.status).toBe(LiveStreamStatus.ENDED);
    // Not before the grace period: the last segment was written before the stream went LIVE.
    expect(stream!.endedAt!.getTime() - stream!.startedAt!.getTime()).toBeGreaterThanOrEqual(
      10_000,
    );
    const channel = standIn.channels.find(candidate => candidate.name === `live-${id}`)!;
    await eventually(() => standIn.inputs.get(channel.inputId)!.deleted, {
      what: 'the input deleted',
    });
    expect(channel.state).toBe('DELETED');
  });

  it('MediaLive refusing the input: SERVICE_UNAVAILABLE, and no stream is stored', async () => {
    standIn.scenarios.push('refuse');
    const before = await subgraph.em().count(LiveStream, { ownerId: owner });
    const refused = await create();
    expect(errorCodes(refused)).toEqual(['SERVICE_UNAVAILABLE']);
    expect(await subgraph.em().count(LiveStream, { ownerId: owner })).toBe(before);
    expect(await subgraph.em().count(MediaLiveChannel, {})).toBe(0);
  });
});
