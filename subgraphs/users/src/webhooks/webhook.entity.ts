import { randomUUID } from 'node:crypto';
import {
  ArrayType,
  Entity,
  Enum,
  Index,
  JsonType,
  ManyToOne,
  type Opt,
  PrimaryKey,
  Property,
  type Rel,
  Unique,
} from '@mikro-orm/core';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { User } from '../accounts/user.entity';

/** What a webhook endpoint can be told about: events of its owner's own channel. */
export enum WebhookEvent {
  VIDEO_PUBLISHED = 'VIDEO_PUBLISHED',
  VIDEO_DELETED = 'VIDEO_DELETED',
  LIVE_STARTED = 'LIVE_STARTED',
  LIVE_ENDED = 'LIVE_ENDED',
  TIP_RECEIVED = 'TIP_RECEIVED',
  /** sendTestWebhook's delivery; not subscribable. */
  TEST = 'TEST',
}
registerEnumType(WebhookEvent, {
  name: 'WebhookEvent',
  description:
    "Events of the key owner's own channel a webhook endpoint can receive (TEST: sendTestWebhook only).",
});

export enum WebhookDeliveryStatus {
  /** Queued, or failed and waiting for its next try. */
  PENDING = 'PENDING',
  DELIVERED = 'DELIVERED',
  /** Still failing when the retry window (3 days) ended; the endpoint was disabled. */
  FAILED = 'FAILED',
  /** Not sent: the endpoint was disabled or deleted before its turn. */
  SKIPPED = 'SKIPPED',
}
registerEnumType(WebhookDeliveryStatus, { name: 'WebhookDeliveryStatus' });

/**
 * Where an account wants its channel's events POSTed, signed per the Standard Webhooks spec with
 * `secret` (whsec_…, shown once; kept because every delivery is signed with it).
 */
@ObjectType({
  description: "Where your channel's events are POSTed, signed per the Standard Webhooks spec.",
})
@Entity({ tableName: 'webhook_endpoint' })
@Index({ properties: ['owner', 'createdAt'] })
export class WebhookEndpoint {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => User, { deleteRule: 'cascade' })
  owner!: Rel<User>;

  @Field(() => String)
  @Property({ type: 'string', length: 2048 })
  url!: string;

  @Field(() => [WebhookEvent])
  @Property({ type: ArrayType })
  events!: WebhookEvent[];

  @Property({ type: 'string', length: 100, hidden: true })
  secret!: string;

  @Field(() => Boolean, {
    description: 'False once deliveries kept failing for 3 days (its owner is emailed).',
  })
  @Property({ type: 'boolean' })
  enabled: Opt<boolean> = true;

  @Field(() => String, { nullable: true, description: 'Why it was disabled.' })
  @Property({ type: 'string', length: 500, nullable: true })
  disabledReason?: string | null = null;

  @Field(() => Date)
  @Property({ type: 'datetime' })
  createdAt: Opt<Date> = new Date();
}

/** One event for one endpoint: its log line, tried until delivered or the retry window ends. */
@ObjectType({ description: 'One event sent (or being sent) to a webhook endpoint.' })
@Entity({ tableName: 'webhook_delivery' })
@Unique({ properties: ['endpoint', 'dedupeKey'] })
@Index({ properties: ['endpoint', 'createdAt', 'id'] })
export class WebhookDelivery {
  /** Also the `webhook-id` header (msg_<id>): the receiver's key for dropping duplicates. */
  @Field(() => ID, { description: 'The webhook-id header of its requests is msg_<id>.' })
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => WebhookEndpoint, { deleteRule: 'cascade' })
  endpoint!: Rel<WebhookEndpoint>;

  @Field(() => WebhookEvent)
  @Enum({ items: () => WebhookEvent })
  event!: WebhookEvent;

  /** The same event never makes two deliveries to one endpoint (a stream going LIVE twice…). */
  @Property({ type: 'string', length: 200 })
  dedupeKey!: string;

  /** The JSON body sent, byte for byte the same on every try (the signature covers it). */
  @Property({ type: JsonType })
  payload!: Record<string, unknown>;

  @Field(() => WebhookDeliveryStatus)
  @Enum({ items: () => WebhookDeliveryStatus })
  status: Opt<WebhookDeliveryStatus> = WebhookDeliveryStatus.PENDING;

  @Field(() => Int, { description: 'Tries so far.' })
  @Property({ type: 'integer' })
  attempts: Opt<number> = 0;

  /** The receiver's HTTP status on the last try (null: no answer). */
  @Field(() => Int, { nullable: true, description: "The receiver's HTTP status on the last try." })
  @Property({ type: 'integer', nullable: true })
  responseStatus?: number | null = null;

  /** Why the last try failed, for the log (no answer, refused address…). */
  @Field(() => String, { nullable: true })
  @Property({ type: 'string', length: 500, nullable: true })
  lastError?: string | null = null;

  @Field(() => Date)
  @Property({ type: 'datetime' })
  createdAt: Opt<Date> = new Date();

  @Field(() => Date, { nullable: true })
  @Property({ type: 'datetime', nullable: true })
  deliveredAt?: Date | null = null;
}
