import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Role } from '@vp/kit';
import { describeIfFfmpeg, eventually, tokenFor } from '@vp/kit/testing';
import { startS3rver, type TestS3 } from '@vp/media/src/testing/s3rver';
import {
  COMPLETE_UPLOAD,
  type Pipeline,
  startPipeline,
  subscribe,
  uploadFile,
} from '../test-pipeline';
import { mediaBinaries } from '../transcoding/binaries';
import { makeClip, tempDir } from '../transcoding/test-clips';
import { Video, VideoStatus } from '../videos/video.entity';
import {
  MEDIACONVERT_EVENTS_PATH,
  MEDIACONVERT_EVENTS_SECRET_HEADER,
  parseMasterPlaylist,
} from './mediaconvert.job';
import {
  type MediaConvertStandIn,
  type Scenario,
  startMediaConvertStandIn,
} from './mediaconvert-standin';

jest.setTimeout(180_000);

const PROCESSING = `subscription ($id: ID!) { videoProcessing(videoId: $id) { videoId status percent failureReason } }`;
const EVENTS_SECRET = 'mediaconvert-events-secret-for-tests-0123456789';

// VIDEOS_TRANSCODER=mediaconvert against a stand-in of MediaConvert's API (request shapes checked,
// outputs encoded by ffmpeg as MediaConvert names them, EventBridge events posted back) and s3rver.
describeIfFfmpeg('transcoding through MediaConvert (VIDEOS_TRANSCODER=mediaconvert)', () => {
  let s3: TestS3;
  let standIn: MediaConvertStandIn;
  let pipeline: Pipeline;
  let token: string;
  let clip: Buffer;
  const scratch = tempDir('mediaconvert-');
  const scenarios = new Map<string, Scenario>();
  let ids: Record<Scenario, string>;
  let watchers: Record<Scenario, ReturnType<typeof subscribe>> | undefined;

  beforeAll(async () => {
    s3 = await startS3rver();
    const storage = s3.storage();
    let eventsUrl = '';
    standIn = await startMediaConvertStandIn({
      storage,
      bucket: s3.bucket,
      ffmpeg: mediaBinaries().ffmpeg,
      eventsUrl: () => eventsUrl,
      eventsSecret: EVENTS_SECRET,
      scenarioFor: videoId => scenarios.get(videoId) ?? 'complete',
    });
    // The upload's bytes land in s3rver; each scenario is known before its completeUpload.
    pipeline = await startPipeline({
      storage,
      transcodeRetryLimit: 1,
      transcoder: {
        kind: 'mediaconvert',
        region: 'eu-west-1',
        endpoint: standIn.endpoint,
        credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'test-secret' },
        roleArn: 'arn:aws:iam::123456789012:role/MediaConvertRole',
        bucket: s3.bucket,
        // Short, so the late job is found within the test; the `complete` job's GetJob never says
        // COMPLETE, so it can only finish through its events.
        pollSeconds: 2,
        eventsSecret: EVENTS_SECRET,
      },
    });
    eventsUrl = `${pipeline.origin}${MEDIACONVERT_EVENTS_PATH}`;
    token = await tokenFor(randomUUID(), [Role.CREATOR]);
    clip = readFileSync(
      makeClip(join(scratch.path, 'clip.mp4'), { width: 854, height: 480, seconds: 5 }),
    );
  });
  afterAll(async () => {
    for (const watcher of Object.values(watchers ?? {})) {
      watcher.close();
    }
    await pipeline?.stop();
    await standIn?.stop();
    await s3?.stop();
    scratch.remove();
  });

  async function uploaded(scenario: Scenario) {
    const { videoId, putStatus } = await uploadFile(pipeline, token, clip);
    expect(putStatus).toBe(200);
    scenarios.set(videoId, scenario);
    return videoId;
  }

  const statusOf = (videoId: string, status: VideoStatus) =>
    eventually(
      async () => {
        const row = await pipeline.em().findOne(Video, videoId);
        return row?.status === status ? row : null;
      },
      { what: `video ${videoId} ${status}`, timeoutMs: 120_000 },
    );

  it('runs every upload as a MediaConvert job of the same ladder, poster and storyboard', async () => {
    ids = {
      complete: await uploaded('complete'),
      fail: await uploaded('fail'),
      late: await uploaded('late'),
    };
    watchers = {
      complete: subscribe(pipeline, PROCESSING, { id: ids.complete }, token),
      fail: subscribe(pipeline, PROCESSING, { id: ids.fail }, token),
      late: subscribe(pipeline, PROCESSING, { id: ids.late }, token),
    };
    for (const id of Object.values(ids)) {
      const completed = await pipeline.query(COMPLETE_UPLOAD, { id }, token);
      expect(completed.data.completeUpload.status).toBe('PROCESSING');
    }
    await eventually(() => standIn.jobs.length === 3, { what: 'three CreateJob requests' });
    expect(standIn.refused).toEqual([]);
    const job = standIn.jobs.find(candidate => candidate.videoId === ids.complete)!;
    expect(job.body.settings.inputs[0].fileInput).toBe(
      `s3://${s3.bucket}/uploads/${ids.complete}/source`,
    );
    // The ffmpeg worker's ladder for 854×480: 360p and 480p, lowest first.
    expect(
      job.body.settings.outputGroups[0].outputs.map((output: any) => output.nameModifier),
    ).toEqual(['_360p', '_480p']);
    expect(job.body.settings.outputGroups.map((group: any) => group.name)).toEqual([
      'HLS',
      'Poster',
      'Storyboard',
    ]);
    // 5 s at one thumbnail every 2 s, 160 px wide.
    expect(job.body.settings.outputGroups[2].outputs[0].videoDescription).toMatchObject({
      width: 160,
      height: 90,
      codecSettings: { frameCaptureSettings: { framerateDenominator: 2, maxCaptures: 3 } },
    });
    expect(job.body.clientRequestToken).toBe(`${ids.complete}-0`);
  });

  it('a job that completes: finished by its events, stored in the ffmpeg layout, progress on videoProcessing', async () => {
    const video = await statusOf(ids.complete, VideoStatus.READY);
    const job = standIn.jobs.find(candidate => candidate.videoId === ids.complete)!;
    expect(video.masterPlaylistKey).toBe(`videos/${ids.complete}/master.m3u8`);
    expect(video.posterKey).toBe(`videos/${ids.complete}/poster.jpg`);
    expect(video.storyboardVttKey).toBe(`videos/${ids.complete}/storyboard.vtt`);
    expect(video.durationSeconds).toBe(5);
    expect(video.renditionList!.map(rendition => `${rendition.width}x${rendition.height}`)).toEqual(
      ['640x360', '854x480'],
    );

    const keys = (await s3.storage().list(`videos/${ids.complete}/`))
      .map(key => key.slice(`videos/${ids.complete}/`.length))
      .sort();
    // Nothing of MediaConvert's staging prefix is left; the segments are renamed seg_00000.ts….
    expect(keys).toEqual([
      '360p/index.m3u8',
      '360p/seg_00000.ts',
      '360p/seg_00001.ts',
      '480p/index.m3u8',
      '480p/seg_00000.ts',
      '480p/seg_00001.ts',
      'master.m3u8',
      'poster.jpg',
      'storyboard.jpg',
      'storyboard.vtt',
    ]);
    const download = async (key: string) => {
      const path = join(scratch.path, `${randomUUID()}`);
      await s3.storage().download(`videos/${ids.complete}/${key}`, path);
      return readFile(path);
    };
    const master = (await download('master.m3u8')).toString('utf8');
    const variants = parseMasterPlaylist(master);
    expect(variants.map(variant => variant.uri)).toEqual(['360p/index.m3u8', '480p/index.m3u8']);
    expect(variants[0].attributes.get('CODECS')).toMatch(/^avc1\.[0-9a-f]{6},mp4a\.40\.2$/);
    expect(master).toMatch(/^#EXTM3U\n#EXT-X-VERSION:6\n#EXT-X-INDEPENDENT-SEGMENTS\n/);
    const rendition = (await download('360p/index.m3u8')).toString('utf8');
    expect(rendition).toContain('\nseg_00000.ts\n');
    expect(rendition).not.toContain('master_360p');
    expect(rendition).toContain('#EXT-X-ENDLIST');
    // JPEGs: the poster, and the sprite whose third 160×90 tile the VTT points at.
    const poster = await download('poster.jpg');
    expect(poster.subarray(0, 2).toString('hex')).toBe('ffd8');
    const sprite = await download('storyboard.jpg');
    expect(sprite.subarray(0, 2).toString('hex')).toBe('ffd8');
    const vtt = (await download('storyboard.vtt')).toString('utf8');
    expect(vtt).toContain('storyboard.jpg#xywh=320,0,160,90');

    const updates = watchers!.complete.events.map(event => event.data.videoProcessing);
    const percents = updates.map(update => update.percent);
    // The 50 % STATUS_UPDATE maps to 2 + 88 × 0.5 = 46 %.
    expect(percents).toContain(46);
    expect(percents).toEqual([...percents].sort((a, b) => a - b));
    expect(updates.at(-1)).toEqual({
      videoId: ids.complete,
      status: 'READY',
      percent: 100,
      failureReason: null,
    });
    expect(
      standIn.eventsSent.filter(sent => sent.jobId === job.id).map(sent => sent.httpStatus),
    ).toEqual([204, 204, 204]);
  });

  it('a job that fails: FAILED at once (no retry), with the uploader-safe reason, staging removed', async () => {
    const video = await statusOf(ids.fail, VideoStatus.FAILED);
    expect(video.failureReason).toBe('The video could not be processed.');
    expect(standIn.jobs.filter(job => job.videoId === ids.fail)).toHaveLength(1);
    expect(await s3.storage().list(`videos/${ids.fail}/`)).toEqual([]);
    await eventually(
      () => watchers!.fail.events.some(event => event.data.videoProcessing.status === 'FAILED'),
      { what: 'FAILED on videoProcessing' },
    );
  });

  it('a job whose events never come: found COMPLETE by polling GetJob', async () => {
    const video = await statusOf(ids.late, VideoStatus.READY);
    const job = standIn.jobs.find(candidate => candidate.videoId === ids.late)!;
    expect(standIn.eventsSent.filter(sent => sent.jobId === job.id)).toEqual([]);
    expect(standIn.getJobCalls.get(job.id)).toBeGreaterThanOrEqual(1);
    expect(video.renditionList).toHaveLength(2);
    expect(await s3.storage().list(`videos/${ids.late}/mediaconvert/`)).toEqual([]);
  });

  it('refuses events without the shared secret and ignores events that are not MediaConvert job changes', async () => {
    const post = (headers: Record<string, string>, body: unknown) =>
      fetch(`${pipeline.origin}${MEDIACONVERT_EVENTS_PATH}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(body),
      });
    const forged = {
      source: 'aws.mediaconvert',
      'detail-type': 'MediaConvert Job State Change',
      detail: { jobId: 'x', status: 'COMPLETE', userMetadata: { videoId: ids.fail } },
    };
    expect((await post({}, forged)).status).toBe(401);
    expect((await post({ [MEDIACONVERT_EVENTS_SECRET_HEADER]: 'wrong' }, forged)).status).toBe(401);
    expect(
      (await post({ [MEDIACONVERT_EVENTS_SECRET_HEADER]: EVENTS_SECRET }, { source: 'aws.s3' }))
        .status,
    ).toBe(204);
    // Nothing changed for the failed video.
    expect((await pipeline.em().findOne(Video, ids.fail))?.status).toBe(VideoStatus.FAILED);
  });
});
