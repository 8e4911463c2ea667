import { randomUUID } from 'node:crypto';
import { BigIntType, Entity, Enum, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';

export enum RecordingStatus {
  RECORDING = 'RECORDING',
  HANDED_OFF = 'HANDED_OFF',
  FAILED = 'FAILED',
}
registerEnumType(RecordingStatus, {
  name: 'RecordingStatus',
  description:
    'RECORDING: the session is on air (or within its reconnect window). HANDED_OFF: stored and given ' +
    'to the video pipeline, which makes it a Video with the same id. FAILED: nothing usable was kept.',
});

/** The recording of a stream's one session; it becomes a Video whose id is this row's id. */
@ObjectType({ description: 'The recording of a live stream, which becomes a video of its owner.' })
@Entity({ tableName: 'recording' })
export class Recording {
  @Field(() => ID, {
    description:
      'Also the id of the Video it becomes: query `video(id)` once the video pipeline has it.',
  })
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'uuid', unique: 'recording_stream_id_unique' })
  streamId!: string;

  @Field(() => RecordingStatus)
  @Enum({ items: () => RecordingStatus, default: RecordingStatus.RECORDING })
  status: RecordingStatus = RecordingStatus.RECORDING;

  /** Where the file was stored (`uploads/<id>/source`), once handed off. */
  @Property({ type: 'string', length: 200, nullable: true })
  sourceKey: string | null = null;

  @Property({ type: new BigIntType('number'), nullable: true })
  sizeBytes: number | null = null;

  /** Why it failed, for operators; never shown to clients. */
  @Property({ type: 'text', nullable: true })
  failureReason: string | null = null;

  @Field()
  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}
