import { randomUUID } from 'node:crypto';
import { Check, Entity, Enum, Index, PrimaryKey, Property } from '@mikro-orm/core';
import { Audience, ConnectionType, PlanTier, PUBLIC_CACHE, UNCACHED } from '@vp/kit';
import { Directive, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';

export enum LiveStreamStatus {
  SCHEDULED = 'SCHEDULED',
  LIVE = 'LIVE',
  ENDED = 'ENDED',
}
registerEnumType(LiveStreamStatus, {
  name: 'LiveStreamStatus',
  description:
    'SCHEDULED: not started yet. LIVE: on air now. ENDED: over (a recording may follow).',
});

// The directory lists streams on air (newest first), then the upcoming ones (soonest first):
// each part reads its own partial index in its own order.
@Index({
  name: 'live_stream_on_air_idx',
  expression:
    `create index "live_stream_on_air_idx" on "live"."live_stream" ("started_at" desc, "id" desc) ` +
    `where "status" = 'LIVE'`,
})
@Index({
  name: 'live_stream_upcoming_idx',
  expression:
    `create index "live_stream_upcoming_idx" on "live"."live_stream" ("scheduled_at", "id") ` +
    `where "status" = 'SCHEDULED' and "scheduled_at" is not null`,
})
@Index({
  name: 'live_stream_owner_created_idx',
  expression: `create index "live_stream_owner_created_idx" on "live"."live_stream" ("owner_id", "created_at" desc, "id" desc)`,
})
@Check({
  name: 'live_stream_description_length_check',
  expression: 'char_length("description") <= 5000',
})
// A stream on air has a start time and an ended one an end time: the lists order by them.
@Check({
  name: 'live_stream_times_check',
  expression: `("status" <> 'LIVE' or "started_at" is not null) and ("status" <> 'ENDED' or "ended_at" is not null)`,
})
@Directive('@key(fields: "id")')
@Directive(PUBLIC_CACHE)
@ObjectType({ description: 'A live broadcast by one user.' })
@Entity({ tableName: 'live_stream' })
export class LiveStream {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  /** The owner lives in the users subgraph: only its id is stored here. */
  @Property({ type: 'uuid' })
  ownerId!: string;

  @Field({ description: 'Up to 100 characters.' })
  @Property({ type: 'string', length: 100 })
  title!: string;

  @Field({ description: 'Up to 5000 characters; empty when not given.' })
  @Property({ type: 'text', default: '' })
  description: string = '';

  @Field(() => LiveStreamStatus)
  @Enum({ items: () => LiveStreamStatus, default: LiveStreamStatus.SCHEDULED })
  status: LiveStreamStatus = LiveStreamStatus.SCHEDULED;

  @Field(() => PlanTier, { description: 'The lowest plan that may watch it.' })
  @Enum({ items: () => PlanTier, default: PlanTier.FREE })
  requiredPlan: PlanTier = PlanTier.FREE;

  @Field(() => Audience)
  @Enum({ items: () => Audience, default: Audience.GENERAL })
  audience: Audience = Audience.GENERAL;

  @Field(() => Date, {
    nullable: true,
    description: 'When it is announced to start; null when not announced.',
  })
  @Property({ type: 'datetime', nullable: true })
  scheduledAt: Date | null = null;

  @Field(() => Date, { nullable: true, description: 'When it went on air.' })
  @Property({ type: 'datetime', nullable: true })
  startedAt: Date | null = null;

  @Field(() => Date, { nullable: true, description: 'When it went off air.' })
  @Property({ type: 'datetime', nullable: true })
  endedAt: Date | null = null;

  /**
   * When the embedded ingest holding the session last said it is alive (every few seconds while
   * publishing or within the reconnect window). A LIVE stream whose heartbeat lapsed lost its
   * instance and is ended by housekeeping (streams/stream-housekeeping.ts). Null: no embedded
   * ingest holds it (not started, or MediaLive).
   */
  @Property({ type: 'datetime', nullable: true })
  ingestHeartbeatAt: Date | null = null;

  /**
   * SHA-256 of the stream key (hex). Keys are 192 random bits, so an unsalted hash is as good as a
   * slow one and can be looked up by the ingest; the key itself is never stored (see README).
   */
  @Property({
    type: 'string',
    length: 64,
    nullable: true,
    unique: 'live_stream_stream_key_hash_unique',
  })
  streamKeyHash: string | null = null;

  /** The key's last 4 characters, so the owner can tell which key OBS has. */
  @Property({ type: 'string', length: 4, nullable: true })
  streamKeyHint: string | null = null;

  /** The plaintext key, only on the instance that just issued it (create or rotate); never stored. */
  issuedStreamKey?: string;

  @Field(() => Int, {
    description:
      'Seconds each chatter waits between two messages (0 = off); moderators are exempt.',
  })
  @Property({ type: 'integer', default: 0 })
  chatSlowModeSeconds: number = 0;

  @Field(() => Int, { description: 'The most concurrent viewers this stream has had.' })
  @Property({ type: 'integer', default: 0 })
  peakViewerCount: number = 0;

  /**
   * When a moderator took the stream down (users' ContentTakenDown): ended at once, and from then
   * on seen only by its owner and admins, marked so (src/moderation/takedowns.ts).
   */
  @Directive(UNCACHED)
  @Field(() => Date, {
    nullable: true,
    description: 'When a moderator took it down (only its owner and admins still see it).',
  })
  @Property({ type: 'datetime', nullable: true })
  takenDownAt: Date | null = null;

  @Directive(UNCACHED)
  @Field(() => String, { nullable: true, description: 'Why it was taken down.' })
  @Property({ type: 'string', length: 1000, nullable: true })
  takedownReason: string | null = null;

  /** While its owner is suspended: until when (kit's UNTIL_LIFTED: until lifted). */
  @Property({ type: 'datetime', nullable: true })
  ownerSuspendedUntil: Date | null = null;

  @Field()
  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  @Field()
  @Property({ type: 'datetime', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}

/** Declared at load time: type-graphql only knows the object types that exist before the schema is built. */
export const LiveStreamConnection = ConnectionType(LiveStream);
