import {
  CreateJobCommand,
  MediaConvertClient,
  type CreateJobCommandInput,
  type Output,
  type OutputGroup,
} from '@aws-sdk/client-mediaconvert';
import { type ProbeResult } from './contracts';
import { GOP_SECONDS, SEGMENT_SECONDS, planLadder, type Rung } from './ladder';

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
}

/** QVBR quality (1–10): 7 is AWS's suggestion for HD streaming. */
const QVBR_QUALITY = 7;
const AUDIO_SELECTOR = 'Audio Selector 1';

/** Output file names: `master.m3u8`, `master_720p.m3u8`, `master_720p_00001.ts`…, `poster.0000001.jpg`. */
export const MEDIACONVERT_MASTER = 'master';
export const MEDIACONVERT_POSTER = 'poster';

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
