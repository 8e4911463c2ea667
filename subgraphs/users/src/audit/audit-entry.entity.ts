import { randomUUID } from 'node:crypto';
import { Entity, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';

/**
 * One privileged action: who (an account, or an operator of the admin CLI), what, to which
 * target, when and from which client address. Rows are only ever added: the database refuses
 * UPDATE, DELETE and TRUNCATE on the table (trigger `audit_entry_append_only`, as the payments
 * ledger's), so not even a bug here can rewrite history.
 */
@ObjectType({
  description: 'One privileged action, as the append-only audit log keeps it (ADMIN only).',
})
@Entity({ tableName: 'audit_entry' })
export class AuditEntry {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  /** ROLES_CHANGED, USER_SUSPENDED, CONTENT_TAKEN_DOWN, WITHDRAWAL_APPROVED… (README: Trust and safety). */
  @Field({ description: 'What was done: ROLES_CHANGED, USER_SUSPENDED, CONTENT_TAKEN_DOWN…' })
  @Property({ type: 'string', length: 60 })
  action!: string;

  @Property({ type: 'uuid', nullable: true })
  actorId: string | null = null;

  /** Who acted when it was no account: the admin CLI's operator (`operator:<login>`), a provider. */
  @Field(() => String, {
    nullable: true,
    description: 'Who acted when it was no account (the admin CLI: `operator:<login>`).',
  })
  @Property({ type: 'string', length: 100, nullable: true })
  actorLabel: string | null = null;

  @Field()
  @Property({ type: 'string', length: 40 })
  targetType!: string;

  @Field()
  @Property({ type: 'string', length: 200 })
  targetId!: string;

  @Field({ description: 'When it was done.' })
  @Property({ type: 'datetime' })
  at: Date = new Date();

  /** The client address the kit derived (TRUST_PROXY); null off a request. */
  @Field(() => String, {
    nullable: true,
    description: 'The client address it came from; null off a request (the CLI, webhooks).',
  })
  @Property({ type: 'string', length: 64, nullable: true })
  ip: string | null = null;

  @Property({ type: 'json' })
  detail: Record<string, string | number | boolean | null> = {};
}
