import { randomUUID } from 'node:crypto';
import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * One privileged action: who (an account, or an operator of the admin CLI), what, to which
 * target, when and from which client address. Rows are only ever added: the database refuses
 * UPDATE, DELETE and TRUNCATE on the table (trigger `audit_entry_append_only`, as the payments
 * ledger's), so not even a bug here can rewrite history.
 */
@Entity({ tableName: 'audit_entry' })
export class AuditEntry {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  /** ROLES_CHANGED, USER_SUSPENDED, CONTENT_TAKEN_DOWN, WITHDRAWAL_APPROVED… (README: Audit log). */
  @Property({ type: 'string', length: 60 })
  action!: string;

  @Property({ type: 'uuid', nullable: true })
  actorId: string | null = null;

  /** Who acted when it was no account: the admin CLI's operator (`operator:<login>`), a provider. */
  @Property({ type: 'string', length: 100, nullable: true })
  actorLabel: string | null = null;

  @Property({ type: 'string', length: 40 })
  targetType!: string;

  @Property({ type: 'string', length: 200 })
  targetId!: string;

  @Property({ type: 'datetime' })
  at: Date = new Date();

  /** The client address the kit derived (TRUST_PROXY); null off a request. */
  @Property({ type: 'string', length: 64, nullable: true })
  ip: string | null = null;

  @Property({ type: 'json' })
  detail: Record<string, string | number | boolean | null> = {};
}
