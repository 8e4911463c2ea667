import { type EntityManager } from '@mikro-orm/postgresql';
import { type AuditRecorded } from '@vp/contracts';
import { type AuditEntry as AuditEntryInput, type BaseContext, type EventOf } from '@vp/kit';
import { AuditEntry } from './audit-entry.entity';

/** Audit actions users records itself; other subgraphs send theirs as AuditRecorded. */
export enum AuditAction {
  ROLES_CHANGED = 'ROLES_CHANGED',
  USER_SUSPENDED = 'USER_SUSPENDED',
  USER_UNSUSPENDED = 'USER_UNSUSPENDED',
  CONTENT_TAKEN_DOWN = 'CONTENT_TAKEN_DOWN',
  REPORT_RESOLVED = 'REPORT_RESOLVED',
  API_KEY_CREATED = 'API_KEY_CREATED',
  API_KEY_REVOKED = 'API_KEY_REVOKED',
  WEBHOOK_ENDPOINT_CREATED = 'WEBHOOK_ENDPOINT_CREATED',
  WEBHOOK_ENDPOINT_DELETED = 'WEBHOOK_ENDPOINT_DELETED',
}

/**
 * Adds an entry, written by the caller's next flush (so in the transaction of the action itself:
 * an action that rolls back leaves no entry, and one that commits always has one).
 */
export function audit(
  em: EntityManager,
  entry: AuditEntryInput & { actorLabel?: string | null },
  at = new Date(),
): AuditEntry {
  const row = em.create(AuditEntry, {
    action: entry.action,
    actorId: entry.actorId,
    actorLabel: entry.actorLabel ?? null,
    targetType: entry.targetType,
    targetId: entry.targetId,
    at,
    ip: entry.ip?.slice(0, 64) ?? null,
    detail: entry.detail ?? {},
  });
  em.persist(row);
  return row;
}

/** An action by the signed-in viewer of this request, from the address the kit derived. */
export const auditByViewer = (ctx: BaseContext, entry: Omit<AuditEntryInput, 'actorId' | 'ip'>) =>
  audit(ctx.em, { ...entry, actorId: ctx.viewer?.id ?? null, ip: ctx.client?.ip ?? null });

/** Stores another subgraph's entry once, whatever the redeliveries (its id is the key). */
export async function storeAuditRecorded(event: EventOf<typeof AuditRecorded>, em: EntityManager) {
  const entry = event.payload;
  await em.execute(
    `insert into "users"."audit_entry" ("id", "action", "actor_id", "actor_label", "target_type", "target_id", "at", "ip", "detail")
     values (?, ?, ?, null, ?, ?, ?, ?, ?::jsonb) on conflict ("id") do nothing`,
    [
      entry.id,
      entry.action,
      entry.actorId,
      entry.targetType,
      entry.targetId,
      entry.at,
      entry.ip,
      JSON.stringify(entry.detail),
    ],
  );
}
