import {
  type AudioDescription,
  CreateChannelCommand,
  CreateInputCommand,
  DeleteChannelCommand,
  DeleteInputCommand,
  DescribeChannelCommand,
  MediaLiveClient,
  type Output,
  StartChannelCommand,
  StopChannelCommand,
  UpdateInputCommand,
  type VideoDescription,
} from '@aws-sdk/client-medialive';
import { AUDIO_KBPS, type LiveRung } from '../live-hls/ladder';
import { liveMediaPrefix } from '../live-hls/live-paths';
import { SEGMENT_SECONDS, PLAYLIST_SEGMENTS } from '../live-hls/live-transcoder';

export interface MediaLiveOptions {
  client: MediaLiveClient;
  /** The IAM role MediaLive assumes to write to the bucket. */
  roleArn: string;
  /** The input security group (the CIDRs allowed to push RTMP). */
  inputSecurityGroupId: string;
  /** The media bucket: HLS goes to `live/<streamId>/` there, served by CloudFront like VOD. */
  bucket: string;
  /** The rungs under the top one (the platform's LIVE_LADDER). */
  ladder: LiveRung[];
  /** The top rung MediaLive encodes (it has no video passthrough for HLS): 1080p 6 Mbps by default. */
  top?: LiveRung;
}

/** Where MediaLive's archive output writes the session: `recordings/<streamId>/part.000001.ts`…. */
export const mediaLiveRecordingPrefix = (streamId: string) => `recordings/${streamId}/`;
/** Archive files roll over every this many seconds (smaller files, and a crash loses less). */
const ARCHIVE_ROLLOVER_SECONDS = 300;

export type MediaLiveChannelState =
  | 'CREATING'
  | 'CREATE_FAILED'
  | 'IDLE'
  | 'STARTING'
  | 'RUNNING'
  | 'RECOVERING'
  | 'STOPPING'
  | 'DELETING'
  | 'DELETED'
  | 'UPDATING'
  | 'UPDATE_FAILED';

export interface MediaLiveStream {
  inputId: string;
  channelId: string;
  /** Where OBS publishes: MediaLive's RTMP endpoint, the stream key in the path. */
  rtmpUrls: string[];
}

const AUDIO = 'audio_aac';

/**
 * Production live: one MediaLive RTMP_PUSH input per stream (its destination path carries the
 * stream key) and one single-pipeline channel with an HLS output group of the same ladder as the
 * embedded ingest (2 s segments, 2 s GOP, 6 segments listed) into the media bucket under
 * `live/<streamId>/`, which CloudFront serves with the same signed-prefix policy as videos. The
 * channel is started when the stream is about to go on air and stopped (and deleted) at the end;
 * the recording is an archive output group under `recordings/<streamId>/` (not under `live/`, which
 * CloudFront serves), handed to videos when the stream ends (medialive-lifecycle.ts).
 */
export class MediaLiveChannels {
  constructor(private readonly options: MediaLiveOptions) {}

  static client(
    region: string,
    endpoint?: string,
    credentials?: { accessKeyId: string; secretAccessKey: string },
  ) {
    return new MediaLiveClient({ region, endpoint, credentials });
  }

  async create(streamId: string, streamKey: string): Promise<MediaLiveStream> {
    const { client, roleArn, inputSecurityGroupId, bucket } = this.options;
    const input = await client.send(
      new CreateInputCommand({
        Name: `live-${streamId}`,
        Type: 'RTMP_PUSH',
        InputSecurityGroups: [inputSecurityGroupId],
        // One destination for a single-pipeline channel: rtmp://<endpoint>:1935/live/<key>.
        Destinations: [{ StreamName: `live/${streamKey}` }],
        RequestId: `input-${streamId}`,
        Tags: { streamId },
      }),
    );
    const inputId = input.Input?.Id;
    if (!inputId) {
      throw new Error('MediaLive created no input');
    }
    const rungs = [this.options.top ?? { height: 1080, videoKbps: 6000 }, ...this.options.ladder];
    const videoDescriptions: VideoDescription[] = rungs.map(rung => ({
      Name: `video_${rung.height}p`,
      Height: rung.height,
      Width: Math.round((rung.height * 16) / 9 / 2) * 2,
      RespondToAfd: 'NONE',
      ScalingBehavior: 'DEFAULT',
      CodecSettings: {
        H264Settings: {
          RateControlMode: 'CBR',
          Bitrate: rung.videoKbps * 1000,
          GopSize: SEGMENT_SECONDS,
          GopSizeUnits: 'SECONDS',
          GopClosedCadence: 1,
          SceneChangeDetect: 'DISABLED',
          Profile: 'MAIN',
          AdaptiveQuantization: 'AUTO',
        },
      },
    }));
    const audioDescriptions: AudioDescription[] = [
      {
        Name: AUDIO,
        AudioSelectorName: 'default',
        CodecSettings: {
          AacSettings: {
            Bitrate: AUDIO_KBPS * 1000,
            CodingMode: 'CODING_MODE_2_0',
            SampleRate: 48000,
          },
        },
      },
    ];
    const outputs: Output[] = rungs.map(rung => ({
      OutputName: `${rung.height}p`,
      VideoDescriptionName: `video_${rung.height}p`,
      AudioDescriptionNames: [AUDIO],
      OutputSettings: {
        HlsOutputSettings: {
          NameModifier: `_${rung.height}p`,
          HlsSettings: {
            StandardHlsSettings: { AudioRenditionSets: 'program_audio', M3u8Settings: {} },
          },
        },
      },
    }));
    const channel = await client.send(
      new CreateChannelCommand({
        Name: `live-${streamId}`,
        ChannelClass: 'SINGLE_PIPELINE',
        RoleArn: roleArn,
        RequestId: `channel-${streamId}`,
        InputAttachments: [{ InputId: inputId, InputAttachmentName: `live-${streamId}` }],
        InputSpecification: { Codec: 'AVC', Resolution: 'HD', MaximumBitrate: 'MAX_10_MBPS' },
        Destinations: [
          {
            Id: 'hls',
            Settings: [{ Url: `s3ssl://${bucket}/${liveMediaPrefix(streamId)}master` }],
          },
          {
            Id: 'archive',
            Settings: [{ Url: `s3ssl://${bucket}/${mediaLiveRecordingPrefix(streamId)}part` }],
          },
        ],
        EncoderSettings: {
          TimecodeConfig: { Source: 'SYSTEMCLOCK' },
          AudioDescriptions: audioDescriptions,
          VideoDescriptions: videoDescriptions,
          OutputGroups: [
            {
              Name: 'hls',
              OutputGroupSettings: {
                HlsGroupSettings: {
                  Destination: { DestinationRefId: 'hls' },
                  SegmentLength: SEGMENT_SECONDS,
                  IndexNSegments: PLAYLIST_SEGMENTS,
                  KeepSegments: PLAYLIST_SEGMENTS + 4,
                  Mode: 'LIVE',
                  ProgramDateTime: 'INCLUDE',
                  HlsCdnSettings: { HlsS3Settings: { CannedAcl: 'BUCKET_OWNER_FULL_CONTROL' } },
                },
              },
              Outputs: outputs,
            },
            {
              // The recording: the top rung in MPEG-TS files, joined and handed to videos at the end
              // as the embedded ingest's parts are.
              Name: 'archive',
              OutputGroupSettings: {
                ArchiveGroupSettings: {
                  Destination: { DestinationRefId: 'archive' },
                  RolloverInterval: ARCHIVE_ROLLOVER_SECONDS,
                  ArchiveCdnSettings: {
                    ArchiveS3Settings: { CannedAcl: 'BUCKET_OWNER_FULL_CONTROL' },
                  },
                },
              },
              Outputs: [
                {
                  OutputName: 'recording',
                  VideoDescriptionName: `video_${rungs[0].height}p`,
                  AudioDescriptionNames: [AUDIO],
                  OutputSettings: {
                    ArchiveOutputSettings: {
                      Extension: 'ts',
                      ContainerSettings: { M2tsSettings: {} },
                    },
                  },
                },
              ],
            },
          ],
        },
        Tags: { streamId },
      }),
    );
    const channelId = channel.Channel?.Id;
    if (!channelId) {
      throw new Error('MediaLive created no channel');
    }
    return {
      inputId,
      channelId,
      rtmpUrls: (input.Input?.Destinations ?? [])
        .map(destination => destination.Url!)
        .filter(Boolean),
    };
  }

  /** The channel's state (CREATING → IDLE → STARTING → RUNNING → STOPPING → IDLE). */
  async state(channelId: string): Promise<MediaLiveChannelState> {
    const channel = await this.options.client.send(
      new DescribeChannelCommand({ ChannelId: channelId }),
    );
    if (!channel.State) {
      throw new Error(`MediaLive described channel ${channelId} without a state`);
    }
    return channel.State as MediaLiveChannelState;
  }

  /**
   * A rotated stream key: the input's RTMP path becomes the new key, so the old one stops working.
   * MediaLive refuses this while the channel runs (the caller reports it).
   */
  async rekey(inputId: string, streamKey: string) {
    await this.options.client.send(
      new UpdateInputCommand({
        InputId: inputId,
        Destinations: [{ StreamName: `live/${streamKey}` }],
      }),
    );
  }

  start(channelId: string) {
    return this.options.client.send(new StartChannelCommand({ ChannelId: channelId }));
  }

  stop(channelId: string) {
    return this.options.client.send(new StopChannelCommand({ ChannelId: channelId }));
  }

  /** After the stream ended: the channel (stopped), then its input. */
  async remove(live: Pick<MediaLiveStream, 'inputId' | 'channelId'>) {
    await this.options.client.send(new DeleteChannelCommand({ ChannelId: live.channelId }));
    await this.options.client.send(new DeleteInputCommand({ InputId: live.inputId }));
  }
}
