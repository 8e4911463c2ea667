import { randomUUID } from 'node:crypto';
import { type EntityManager } from '@mikro-orm/postgresql';
import { AuditRecorded } from '@vp/contracts';
import { emitEvent } from './messaging';

/** One privileged action for the audit log (kept by users, append-only). */
export interface AuditEntry {
  /** UPPER_SNAKE_CASE: WITHDRAWAL_APPROVED, PAYMENT_REFUNDED… */
  action: string;
  /** The account that acted; null for a provider's webhook or a job. */
  actorId: string | null;
  targetType: string;
  targetId: string;
  /** The client address the kit derived for the request (`context.client.ip`); null off a request. */
  ip?: string | null;
  detail?: Record<string, string | number | boolean | null>;
}

/**
 * Records a privileged action of a subgraph other than users in the audit log: an AuditRecorded
 * event written by the caller's flush, so the entry exists exactly when the action committed.
 * Users stores it (idempotently, by the entry's id) in its append-only `audit_entry` table.
 */
export function recordAudit(em: EntityManager, entry: AuditEntry, at = new Date()) {
  emitEvent(em, AuditRecorded, {
    id: randomUUID(),
    action: entry.action,
    actorId: entry.actorId,
    targetType: entry.targetType,
    targetId: entry.targetId,
    at: at.toISOString(),
    ip: entry.ip?.slice(0, 64) ?? null,
    detail: entry.detail ?? {},
  });
}
