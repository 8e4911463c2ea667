import {
  CreateJobCommand,
  GetJobCommand,
  MediaConvertClient,
  type CreateJobCommandInput,
  type Output,
  type OutputGroup,
} from '@aws-sdk/client-mediaconvert';
import { type ProbeResult } from './contracts';
import { GOP_SECONDS, SEGMENT_SECONDS, planLadder, type Rung } from './ladder';
import { storyboardInterval, thumbnailSize } from './transcode';

/**
 * The production transcoder: an AWS Elemental MediaConvert job with the same ladder as the ffmpeg
 * worker (rungs at or below the source, H.264 High with 2 s closed GOPs and no scene-cut keyframes,
 * AAC, 4 s HLS segments) plus a poster frame capture. MediaConvert writes the master playlist itself.
 */

export interface MediaConvertJobSpec {
  /** The upload, e.g. `s3://media/uploads/<videoId>/source`. */
  inputUri: string;
  /** A prefix ending in `/`, e.g. `s3://media/videos/<videoId>/`. */
  destinationUri: string;
  /** The IAM role MediaConvert assumes to read the input and write the output. */
  roleArn: string;
  probe: Pick<ProbeResult, 'width' | 'height' | 'frameRate' | 'durationSeconds' | 'audioCodec'>;
  queueArn?: string;
  /** Echoed in the job's completion event (e.g. the video id). */
  userMetadata?: Record<string, string>;
  /**
   * MediaConvert's idempotency token: a second CreateJob with the same token (a retried request)
   * returns the first job instead of starting another.
   */
  clientRequestToken?: string;
}

/** QVBR quality (1–10): 7 is AWS's suggestion for HD streaming. */
const QVBR_QUALITY = 7;
const AUDIO_SELECTOR = 'Audio Selector 1';

/** Output file names: `master.m3u8`, `master_720p.m3u8`, `master_720p_00001.ts`…, `poster.0000001.jpg`. */
export const MEDIACONVERT_MASTER = 'master';
export const MEDIACONVERT_POSTER = 'poster';
/** The storyboard's frame captures: `storyboard.0000000.jpg`, one every storyboardInterval seconds. */
export const MEDIACONVERT_STORYBOARD = 'storyboard';

function hlsOutput(rung: Rung, withAudio: boolean): Output {
  return {
    NameModifier: `_${rung.name}`,
    ContainerSettings: { Container: 'M3U8', M3u8Settings: {} },
    OutputSettings: { HlsSettings: {} },
    VideoDescription: {
      Width: rung.width,
      Height: rung.height,
      ScalingBehavior: 'DEFAULT',
      CodecSettings: {
        Codec: 'H_264',
        H264Settings: {
          RateControlMode: 'QVBR',
          QvbrSettings: { QvbrQualityLevel: QVBR_QUALITY },
          MaxBitrate: rung.maxrateKbps * 1000,
          HrdBufferSize: rung.maxrateKbps * 2000,
          CodecProfile: 'HIGH',
          CodecLevel: 'AUTO',
          GopSize: GOP_SECONDS,
          GopSizeUnits: 'SECONDS',
          GopClosedCadence: 1,
          // Keyframes only on the GOP grid, so every rung's segments start at the same instant.
          SceneChangeDetect: 'DISABLED',
          MinIInterval: 0,
          FramerateControl: 'INITIALIZE_FROM_SOURCE',
        },
      },
    },
    ...(withAudio
      ? {
          AudioDescriptions: [
            {
              AudioSourceName: AUDIO_SELECTOR,
              CodecSettings: {
                Codec: 'AAC',
                AacSettings: {
                  Bitrate: rung.audioKbps * 1000,
                  CodingMode: 'CODING_MODE_2_0',
                  SampleRate: 48000,
                },
              },
            },
          ],
        }
      : {}),
  };
}

/** One JPEG at about 10 % in: a capture every tenth of the duration, the second one is the poster. */
function posterGroup(spec: MediaConvertJobSpec, rung: Rung): OutputGroup {
  return {
    Name: 'Poster',
    OutputGroupSettings: {
      Type: 'FILE_GROUP_SETTINGS',
      FileGroupSettings: { Destination: `${spec.destinationUri}${MEDIACONVERT_POSTER}` },
    },
    Outputs: [
      {
        ContainerSettings: { Container: 'RAW' },
        Extension: 'jpg',
        VideoDescription: {
          Width: rung.width,
          Height: rung.height,
          CodecSettings: {
            Codec: 'FRAME_CAPTURE',
            FrameCaptureSettings: {
              FramerateNumerator: 1,
              FramerateDenominator: Math.max(1, Math.round(spec.probe.durationSeconds * 0.1)),
              MaxCaptures: 2,
              Quality: 80,
            },
          },
        },
      },
    ],
  };
}

/**
 * The storyboard's thumbnails, as separate frame captures at the ffmpeg worker's interval and size
 * (MediaConvert's own trick play writes I-frame playlists, not a sprite): the worker tiles them into
 * `storyboard.jpg` and writes the VTT, so the player gets the same storyboard from either path.
 */
function storyboardGroup(spec: MediaConvertJobSpec): OutputGroup {
  const interval = storyboardInterval(spec.probe.durationSeconds);
  const thumb = thumbnailSize(spec.probe);
  return {
    Name: 'Storyboard',
    OutputGroupSettings: {
      Type: 'FILE_GROUP_SETTINGS',
      FileGroupSettings: { Destination: `${spec.destinationUri}${MEDIACONVERT_STORYBOARD}` },
    },
    Outputs: [
      {
        ContainerSettings: { Container: 'RAW' },
        Extension: 'jpg',
        VideoDescription: {
          Width: thumb.width,
          Height: thumb.height,
          ScalingBehavior: 'STRETCH_TO_OUTPUT',
          CodecSettings: {
            Codec: 'FRAME_CAPTURE',
            FrameCaptureSettings: {
              FramerateNumerator: 1,
              FramerateDenominator: interval,
              MaxCaptures: Math.max(1, Math.ceil(spec.probe.durationSeconds / interval)),
              Quality: 70,
            },
          },
        },
      },
    ],
  };
}

/** The CreateJob request for a probed upload. */
export function buildCreateJobRequest(spec: MediaConvertJobSpec): CreateJobCommandInput {
  if (!spec.destinationUri.endsWith('/')) {
    throw new Error('destinationUri must be a prefix ending in /');
  }
  const rungs = planLadder(spec.probe);
  const withAudio = spec.probe.audioCodec !== null;
  const posterRung =
    rungs.filter(rung => Math.min(rung.width, rung.height) <= 720).pop() ?? rungs[0];
  return {
    Role: spec.roleArn,
    ...(spec.queueArn ? { Queue: spec.queueArn } : {}),
    ...(spec.clientRequestToken ? { ClientRequestToken: spec.clientRequestToken } : {}),
    UserMetadata: spec.userMetadata,
    StatusUpdateInterval: 'SECONDS_10',
    Settings: {
      TimecodeConfig: { Source: 'ZEROBASED' },
      Inputs: [
        {
          FileInput: spec.inputUri,
          TimecodeSource: 'ZEROBASED',
          VideoSelector: { Rotate: 'AUTO' },
          ...(withAudio
            ? { AudioSelectors: { [AUDIO_SELECTOR]: { DefaultSelection: 'DEFAULT' } } }
            : {}),
        },
      ],
      OutputGroups: [
        {
          Name: 'HLS',
          OutputGroupSettings: {
            Type: 'HLS_GROUP_SETTINGS',
            HlsGroupSettings: {
              Destination: `${spec.destinationUri}${MEDIACONVERT_MASTER}`,
              SegmentLength: SEGMENT_SECONDS,
              MinSegmentLength: 0,
              SegmentControl: 'SEGMENTED_FILES',
              DirectoryStructure: 'SINGLE_DIRECTORY',
              ManifestDurationFormat: 'FLOATING_POINT',
              OutputSelection: 'MANIFESTS_AND_SEGMENTS',
              CodecSpecification: 'RFC_4281',
              StreamInfResolution: 'INCLUDE',
            },
          },
          // Lowest first, as in the ffmpeg worker's master playlist.
          Outputs: rungs.map(rung => hlsOutput(rung, withAudio)),
        },
        posterGroup(spec, posterRung),
        storyboardGroup(spec),
      ],
    },
  };
}

export interface MediaConvertClientConfig {
  region: string;
  /** The account's MediaConvert endpoint (or a local one in tests). */
  endpoint?: string;
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
}

/** VIDEOS_TRANSCODER=mediaconvert: where jobs go and how the worker learns they ended. */
export interface MediaConvertTranscoderConfig extends MediaConvertClientConfig {
  kind: 'mediaconvert';
  /** The IAM role MediaConvert assumes (read uploads/, write videos/ in the media bucket). */
  roleArn: string;
  queueArn?: string;
  /** The media bucket (S3Storage's): MediaConvert reads and writes `s3://<bucket>/…`. */
  bucket: string;
  /** GetJob every this many seconds while waiting (the fallback for lost events). */
  pollSeconds: number;
  /** The shared secret EventBridge's API destination sends in `x-mediaconvert-events-secret`. */
  eventsSecret?: string;
}

export function createMediaConvertClient(config: MediaConvertClientConfig): MediaConvertClient {
  return new MediaConvertClient({
    region: config.region,
    ...(config.endpoint ? { endpoint: config.endpoint } : {}),
    ...(config.credentials ? { credentials: config.credentials } : {}),
  });
}

/** Submits the job; MediaConvert reports completion through EventBridge (status + userMetadata). */
export async function submitMediaConvertJob(
  client: MediaConvertClient,
  spec: MediaConvertJobSpec,
): Promise<{ jobId: string }> {
  const response = await client.send(new CreateJobCommand(buildCreateJobRequest(spec)));
  const jobId = response.Job?.Id;
  if (!jobId) {
    throw new Error('MediaConvert answered without a job id');
  }
  return { jobId };
}

/** Where a MediaConvert job is; `percent` while it runs, `error` when it ended in ERROR or CANCELED. */
export interface MediaConvertJobState {
  jobId: string;
  status: 'SUBMITTED' | 'PROGRESSING' | 'COMPLETE' | 'ERROR' | 'CANCELED';
  percent?: number;
  error?: string;
}

const STATUSES = new Set(['SUBMITTED', 'PROGRESSING', 'COMPLETE', 'ERROR', 'CANCELED']);

/** GetJob: the polling fallback for events that never arrived. */
export async function getMediaConvertJob(
  client: MediaConvertClient,
  jobId: string,
  signal?: AbortSignal,
): Promise<MediaConvertJobState> {
  const { Job: job } = await client.send(new GetJobCommand({ Id: jobId }), { abortSignal: signal });
  if (!job?.Status || !STATUSES.has(job.Status)) {
    throw new Error(`MediaConvert answered GetJob ${jobId} without a known status`);
  }
  return {
    jobId,
    status: job.Status as MediaConvertJobState['status'],
    percent: job.JobPercentComplete,
    error: job.ErrorMessage ? `${job.ErrorCode ?? ''} ${job.ErrorMessage}`.trim() : undefined,
  };
}

/**
 * An EventBridge "MediaConvert Job State Change" event (what EventBridge delivers to an API
 * destination or an SQS queue), or null for anything else. STATUS_UPDATE carries the percent
 * (every StatusUpdateInterval); INPUT_INFORMATION and the like say nothing the worker needs.
 */
export function mediaConvertEventState(event: unknown): MediaConvertJobState | null {
  if (typeof event !== 'object' || event === null) {
    return null;
  }
  const { source, 'detail-type': detailType, detail } = event as Record<string, any>;
  if (
    source !== 'aws.mediaconvert' ||
    detailType !== 'MediaConvert Job State Change' ||
    typeof detail?.jobId !== 'string'
  ) {
    return null;
  }
  const jobId: string = detail.jobId;
  switch (detail.status) {
    case 'STATUS_UPDATE':
    case 'PROGRESSING': {
      const percent = Number(detail.jobProgress?.jobPercentComplete);
      return {
        jobId,
        status: 'PROGRESSING',
        ...(Number.isFinite(percent) ? { percent } : {}),
      };
    }
    case 'COMPLETE':
      return { jobId, status: 'COMPLETE', percent: 100 };
    case 'ERROR':
    case 'CANCELED':
      return {
        jobId,
        status: detail.status,
        error:
          `${detail.errorCode ?? ''} ${detail.errorMessage ?? detail.status.toLowerCase()}`.trim(),
      };
    default:
      return null;
  }
}

/** A job that ended in ERROR or CANCELED: MediaConvert said why, and trying it again will not help. */
export class MediaConvertJobFailed extends Error {
  constructor(
    readonly jobId: string,
    readonly detail: string,
  ) {
    super(`MediaConvert job ${jobId} failed: ${detail}`);
    Object.setPrototypeOf(this, new.target.prototype);
  }
}

export interface WaitOptions {
  client: MediaConvertClient;
  jobId: string;
  /** The job's events as they arrive (from the events endpoint); may end or never yield. */
  events: AsyncIterable<MediaConvertJobState>;
  /** GetJob every this many seconds, whatever the events do: an event lost is only late. */
  pollSeconds: number;
  onProgress?: (percent: number) => void;
  signal: AbortSignal;
}

/**
 * Resolves when the job is COMPLETE, learned from whichever comes first: an event or a poll.
 * Rejects with MediaConvertJobFailed on ERROR/CANCELED, or with the abort reason.
 */
export function waitForMediaConvertJob(options: WaitOptions): Promise<MediaConvertJobState> {
  const { client, jobId, events, pollSeconds, onProgress, signal } = options;
  return new Promise<MediaConvertJobState>((resolve, reject) => {
    let settled = false;
    let timer: NodeJS.Timeout | undefined;
    const iterator = events[Symbol.asyncIterator]();
    const finish = (error: unknown, state?: MediaConvertJobState) => {
      if (settled) {
        return;
      }
      settled = true;
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      void iterator.return?.();
      if (error) {
        reject(error);
      } else {
        resolve(state!);
      }
    };
    const take = (state: MediaConvertJobState) => {
      if (state.jobId !== jobId) {
        return;
      }
      if (state.status === 'COMPLETE') {
        finish(null, state);
      } else if (state.status === 'ERROR' || state.status === 'CANCELED') {
        finish(new MediaConvertJobFailed(jobId, state.error ?? state.status));
      } else if (state.percent !== undefined) {
        onProgress?.(state.percent);
      }
    };
    const onAbort = () => finish(signal.reason ?? new Error('aborted'));
    if (signal.aborted) {
      onAbort();
      return;
    }
    signal.addEventListener('abort', onAbort);
    const poll = async () => {
      try {
        take(await getMediaConvertJob(client, jobId, signal));
      } catch {
        if (signal.aborted) {
          return;
        }
        // A throttled or failed GetJob is retried at the next poll; the job itself is unaffected.
      }
      if (!settled) {
        timer = setTimeout(poll, pollSeconds * 1000);
      }
    };
    timer = setTimeout(poll, pollSeconds * 1000);
    void (async () => {
      try {
        for (;;) {
          const next = await iterator.next();
          if (next.done || settled) {
            return;
          }
          take(next.value);
        }
      } catch {
        // The event stream broke (Redis gone): polling still finishes the job.
      }
    })();
  });
}
