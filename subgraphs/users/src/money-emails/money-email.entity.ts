import { randomUUID } from 'node:crypto';
import { Entity, PrimaryKey, Property, Unique } from '@mikro-orm/core';

/**
 * One money email payments asked for (`MoneyEmailDue`). `key` (`<kind>:<what caused it>`) is
 * unique, so an event delivered twice, or the same money movement told twice, mails once; the
 * facts are kept as payments sent them, and the address, name and language are read when the
 * job mails it. `sent_at` is set by the job in the transaction that mails it.
 */
@Entity({ tableName: 'money_email' })
@Unique({ properties: ['key'] })
export class MoneyEmail {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'string', length: 200 })
  key!: string;

  @Property({ type: 'uuid' })
  recipientId!: string;

  @Property({ type: 'string', length: 40 })
  kind!: string;

  /** The event's payload (amount, plan, period, counterpart, reference). */
  @Property({ type: 'json' })
  facts!: object;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', nullable: true })
  sentAt: Date | null = null;
}
