import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/** LIVE_INGEST=medialive: a stream's MediaLive input and channel (deleted with them at the end). */
@Entity({ tableName: 'medialive_channel' })
export class MediaLiveChannel {
  @PrimaryKey({ type: 'uuid' })
  streamId!: string;

  @Property({ type: 'string', length: 64 })
  inputId!: string;

  @Property({ type: 'string', length: 64 })
  channelId!: string;

  /** The input's RTMP server URL without the stream key (`rtmp://<ip>:1935/live`). */
  @Property({ type: 'string', length: 500 })
  rtmpUrl!: string;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();
}
