import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { type ObjectStorage } from '@vp/media';
import { serveAwsStandIn } from '@vp/media/src/testing/aws-standin';
import { avcCodecFromAnnexB } from '../transcoding/ladder';
import { parseMediaPlaylist } from '../transcoding/transcode';
import { MEDIACONVERT_EVENTS_SECRET_HEADER } from './mediaconvert.job';

/**
 * Test-only stand-in for AWS Elemental MediaConvert's REST API (what the SDK's `endpoint` is
 * pointed at). It checks each request's shape as MediaConvert would (a 400 with the reason
 * otherwise), then plays a scenario: it encodes the outputs the job asks for with ffmpeg, writes
 * them to the bucket (s3rver) under the job's destinations with MediaConvert's names, and sends
 * EventBridge's "MediaConvert Job State Change" events to the platform's events endpoint.
 *
 * - `complete`: events PROGRESSING, STATUS_UPDATE 50 %, COMPLETE; GetJob never says COMPLETE, so
 *   only the events can finish it.
 * - `fail`: events PROGRESSING then ERROR (code 1030, an unsupported codec).
 * - `late`: no event at all (lost); GetJob says COMPLETE once the outputs are written.
 */

const run = promisify(execFile);

export type Scenario = 'complete' | 'fail' | 'late';

interface Job {
  id: string;
  status: 'SUBMITTED' | 'PROGRESSING' | 'COMPLETE' | 'ERROR';
  percent: number;
  scenario: Scenario;
  body: any;
  videoId: string;
  done: Promise<void>;
}

export interface MediaConvertStandIn {
  endpoint: string;
  jobs: Job[];
  /** Requests refused for their shape, with the reason. */
  refused: string[];
  getJobCalls: Map<string, number>;
  eventsSent: { jobId: string; status: string; httpStatus: number }[];
  stop(): Promise<void>;
}

export interface StandInOptions {
  storage: ObjectStorage;
  bucket: string;
  ffmpeg: string;
  /** The platform's POST /aws/mediaconvert/events URL and its secret. */
  eventsUrl: () => string;
  eventsSecret: string;
  scenarioFor: (videoId: string) => Scenario;
}

/** What MediaConvert itself would refuse (or what our adapter must always send). */
function shapeProblem(body: any, bucket: string): string | null {
  if (typeof body?.role !== 'string' || !body.role.startsWith('arn:aws:iam::')) {
    return 'role must be an IAM role ARN';
  }
  const inputs = body.settings?.inputs;
  if (!Array.isArray(inputs) || inputs.length !== 1) {
    return 'settings.inputs must hold one input';
  }
  if (!new RegExp(`^s3://${bucket}/uploads/[^/]+/source$`).test(inputs[0].fileInput ?? '')) {
    return `fileInput must be s3://${bucket}/uploads/<id>/source`;
  }
  const groups: any[] = body.settings.outputGroups ?? [];
  const types = groups.map(group => group.outputGroupSettings?.type).join();
  if (types !== 'HLS_GROUP_SETTINGS,FILE_GROUP_SETTINGS,FILE_GROUP_SETTINGS') {
    return `unexpected output groups ${types}`;
  }
  const hls = groups[0].outputGroupSettings.hlsGroupSettings;
  if (!/^s3:\/\/[^/]+\/videos\/[^/]+\/mediaconvert\/master$/.test(hls?.destination ?? '')) {
    return 'HLS destination must be s3://<bucket>/videos/<id>/mediaconvert/master';
  }
  if (hls.segmentLength !== 4) {
    return 'segmentLength must be 4';
  }
  for (const output of groups[0].outputs) {
    const h264 = output.videoDescription?.codecSettings?.h264Settings;
    if (!/^_\d+p$/.test(output.nameModifier ?? '') || h264?.gopSize !== 2 || !h264?.maxBitrate) {
      return `HLS output ${output.nameModifier} lacks a rung name, 2 s GOP or max bitrate`;
    }
  }
  for (const group of groups.slice(1)) {
    const capture = group.outputs?.[0]?.videoDescription?.codecSettings;
    if (capture?.codec !== 'FRAME_CAPTURE' || !(capture.frameCaptureSettings?.maxCaptures > 0)) {
      return `${group.name} must be a frame capture with maxCaptures`;
    }
  }
  if (!body.userMetadata?.videoId) {
    return 'userMetadata.videoId is missing';
  }
  return null;
}

const s3Key = (uri: string, bucket: string) => uri.slice(`s3://${bucket}/`.length);

/** The job's outputs, as MediaConvert names them, written to the bucket. */
async function encode(options: StandInOptions, body: any) {
  const { storage, bucket, ffmpeg } = options;
  const dir = await mkdtemp(join(tmpdir(), 'vp-mediaconvert-'));
  try {
    const source = join(dir, 'source');
    await storage.download(s3Key(body.settings.inputs[0].fileInput, bucket), source);
    const [hls, ...captures] = body.settings.outputGroups;
    const destination: string = hls.outputGroupSettings.hlsGroupSettings.destination;
    const base = destination.slice(destination.lastIndexOf('/') + 1); // "master"
    const prefix = s3Key(destination.slice(0, destination.lastIndexOf('/') + 1), bucket);
    const out = join(dir, 'out');
    await run('mkdir', ['-p', out]);
    const variants: string[] = [];
    for (const output of hls.outputs) {
      const name = `${base}${output.nameModifier}`;
      const { width, height } = output.videoDescription;
      await run(ffmpeg, [
        ...['-nostdin', '-v', 'error', '-y', '-i', source],
        ...['-vf', `scale=${width}:${height}`, '-c:v', 'libx264', '-preset', 'ultrafast'],
        ...['-g', '60', '-keyint_min', '60', '-sc_threshold', '0', '-c:a', 'aac'],
        ...['-f', 'hls', '-hls_time', '4', '-hls_playlist_type', 'vod', '-start_number', '1'],
        ...['-hls_segment_filename', join(out, `${name}_%05d.ts`), join(out, `${name}.m3u8`)],
      ]);
      const segments = parseMediaPlaylist(await readFile(join(out, `${name}.m3u8`), 'utf8'));
      let peak = 0;
      let bits = 0;
      let seconds = 0;
      for (const segment of segments) {
        const size = (await stat(join(out, segment.uri))).size * 8;
        peak = Math.max(peak, size / Math.max(segment.duration, 2));
        bits += size;
        seconds += segment.duration;
      }
      const codec = avcCodecFromAnnexB(await readFile(join(out, segments[0].uri)));
      variants.push(
        `#EXT-X-STREAM-INF:BANDWIDTH=${Math.ceil(peak)},AVERAGE-BANDWIDTH=${Math.ceil(bits / seconds)},` +
          `CODECS="${codec},mp4a.40.2",RESOLUTION=${width}x${height},FRAME-RATE=30.000`,
        `${name}.m3u8`,
      );
    }
    // MediaConvert's master: version 3, its own attribute order, rungs in output order.
    await writeFile(
      join(out, `${base}.m3u8`),
      ['#EXTM3U', '#EXT-X-VERSION:3', '#EXT-X-INDEPENDENT-SEGMENTS', ...variants, ''].join('\n'),
    );
    for (const group of captures) {
      const groupDestination: string = group.outputGroupSettings.fileGroupSettings.destination;
      const name = groupDestination.slice(groupDestination.lastIndexOf('/') + 1);
      const { width, height, codecSettings } = group.outputs[0].videoDescription;
      const { framerateNumerator, framerateDenominator, maxCaptures } =
        codecSettings.frameCaptureSettings;
      await run(ffmpeg, [
        ...['-nostdin', '-v', 'error', '-y', '-i', source],
        ...['-vf', `fps=${framerateNumerator}/${framerateDenominator},scale=${width}:${height}`],
        ...['-frames:v', String(maxCaptures), '-start_number', '0'],
        join(out, `${name}.%07d.jpg`),
      ]);
    }
    for (const file of await readdir(out)) {
      await storage.putFile(`${prefix}${file}`, join(out, file), {
        contentType: 'application/octet-stream',
        cacheControl: 'no-store',
      });
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export async function startMediaConvertStandIn(
  options: StandInOptions,
): Promise<MediaConvertStandIn> {
  const jobs: Job[] = [];
  const byToken = new Map<string, Job>();
  const refused: string[] = [];
  const getJobCalls = new Map<string, number>();
  const eventsSent: MediaConvertStandIn['eventsSent'] = [];

  async function send(job: Job, detail: Record<string, unknown>) {
    const response = await fetch(options.eventsUrl(), {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        [MEDIACONVERT_EVENTS_SECRET_HEADER]: options.eventsSecret,
      },
      body: JSON.stringify({
        version: '0',
        id: randomUUID(),
        'detail-type': 'MediaConvert Job State Change',
        source: 'aws.mediaconvert',
        account: '123456789012',
        time: new Date().toISOString(),
        region: 'eu-west-1',
        resources: [`arn:aws:mediaconvert:eu-west-1:123456789012:jobs/${job.id}`],
        detail: {
          timestamp: Date.now(),
          accountId: '123456789012',
          queue: 'arn:aws:mediaconvert:eu-west-1:123456789012:queues/Default',
          jobId: job.id,
          userMetadata: job.body.userMetadata,
          ...detail,
        },
      }),
    });
    eventsSent.push({ jobId: job.id, status: String(detail.status), httpStatus: response.status });
  }

  async function play(job: Job) {
    job.status = 'PROGRESSING';
    if (job.scenario === 'fail') {
      await send(job, { status: 'PROGRESSING' });
      job.status = 'ERROR';
      await send(job, {
        status: 'ERROR',
        errorCode: 1030,
        errorMessage: 'Video codec [prores] is not a supported input video codec',
      });
      return;
    }
    if (job.scenario === 'complete') {
      await send(job, { status: 'PROGRESSING' });
      job.percent = 50;
      await send(job, { status: 'STATUS_UPDATE', jobProgress: { jobPercentComplete: 50 } });
    }
    await encode(options, job.body);
    if (job.scenario === 'complete') {
      // GetJob keeps saying PROGRESSING: only this event can finish the wait.
      job.status = 'COMPLETE';
      await send(job, { status: 'COMPLETE', outputGroupDetails: [] });
    } else {
      job.percent = 100;
      job.status = 'COMPLETE';
    }
  }

  const server = await serveAwsStandIn('mediaconvert', async (request, reply) => {
    const { body } = request;
    if (request.method === 'POST' && request.url === '/2017-08-29/jobs') {
      const problem = shapeProblem(body, options.bucket);
      if (problem) {
        refused.push(problem);
        reply(400, { message: problem });
        return;
      }
      const token: string | undefined = body.clientRequestToken;
      let job = token ? byToken.get(token) : undefined;
      if (!job) {
        const videoId = body.userMetadata.videoId;
        job = {
          id: `${Date.now()}-${randomUUID().slice(0, 6)}`,
          status: 'SUBMITTED',
          percent: 0,
          scenario: options.scenarioFor(videoId),
          body,
          videoId,
          done: Promise.resolve(),
        };
        jobs.push(job);
        if (token) {
          byToken.set(token, job);
        }
        const started = job;
        started.done = play(started).catch(error => {
          refused.push(`playing ${started.id} failed: ${(error as Error).message}`);
        });
      }
      reply(201, { job: { id: job.id, status: job.status, role: body.role } });
      return;
    }
    const get = /^\/2017-08-29\/jobs\/([^/?]+)$/.exec(request.url ?? '');
    if (request.method === 'GET' && get) {
      const job = jobs.find(candidate => candidate.id === get[1]);
      if (!job) {
        reply(404, { message: `Job ${get[1]} not found` });
        return;
      }
      getJobCalls.set(job.id, (getJobCalls.get(job.id) ?? 0) + 1);
      reply(200, {
        job: {
          id: job.id,
          status:
            job.scenario === 'complete' && job.status === 'COMPLETE' ? 'PROGRESSING' : job.status,
          jobPercentComplete: job.percent,
          ...(job.status === 'ERROR'
            ? {
                errorCode: 1030,
                errorMessage: 'Video codec [prores] is not a supported input video codec',
              }
            : {}),
        },
      });
      return;
    }
    reply(404, { message: `unexpected ${request.method} ${request.url}` });
  });
  return {
    endpoint: server.endpoint,
    jobs,
    refused,
    getJobCalls,
    eventsSent,
    async stop() {
      await Promise.all(jobs.map(job => job.done));
      await server.close();
    },
  };
}
