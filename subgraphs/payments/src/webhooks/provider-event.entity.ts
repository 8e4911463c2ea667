import { randomUUID } from 'node:crypto';
import { Entity, Index, PrimaryKey, Property, Unique } from '@mikro-orm/core';

/**
 * Every authentic webhook delivery, stored raw. The unique key (Stripe: the event id; CCBill, whose
 * payloads have no event id: event type + transaction or subscription id) is inserted in the same
 * transaction as the event's effect, so a redelivery or a concurrent duplicate changes nothing.
 */
@Entity({ tableName: 'provider_event' })
@Unique({ name: 'provider_event_key_unique', properties: ['provider', 'eventKey'] })
export class ProviderEvent {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'string', length: 10 })
  provider!: 'STRIPE' | 'CCBILL';

  @Property({ type: 'string', length: 255 })
  eventKey!: string;

  @Property({ type: 'string', length: 100 })
  eventType!: string;

  /** The body exactly as received (Stripe's signature covers these bytes). */
  @Property({ type: 'text' })
  rawBody!: string;

  /**
   * The provider object this event waits for when it arrived before it (a CCBill renewal before
   * its sale, a refund before its payment): replayed when that object becomes known.
   */
  @Index()
  @Property({ type: 'string', length: 255, nullable: true })
  waitingFor: string | null = null;

  /** APPLIED, DEFERRED (see waitingFor), or IGNORED with why (unknown type, stale, no matching subscription). */
  @Property({ type: 'string', length: 100 })
  outcome: string = 'APPLIED';

  @Property({ type: 'datetime' })
  receivedAt: Date = new Date();

  /**
   * When rawBody was purged of personal data (payload-retention.ts, after 90 days): it then holds
   * the provider's ids, amounts and dates only, as JSON, and no longer verifies as the original.
   */
  @Property({ type: 'datetime', nullable: true })
  purgedAt: Date | null = null;
}
