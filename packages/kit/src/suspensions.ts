import { Entity, PrimaryKey, Property } from '@mikro-orm/core';
import { type EntityManager } from '@mikro-orm/postgresql';
import { type UserSuspensionChanged } from '@vp/contracts';
import { forbidden } from './errors';
import { isUuid } from './loaders';
import { type EventOf } from './messaging';
import { type BaseContext } from './server';

/**
 * What users last told this subgraph about an account's suspension (UserSuspensionChanged), for
 * every subgraph that takes content from accounts (videos, live): their writes are refused while it
 * lasts, whatever access token they still hold. Each such subgraph lists this entity, so the table
 * lives in its own schema, as `viewer_entitlement` does.
 */
@Entity({ tableName: 'account_suspension' })
export class AccountSuspension {
  @PrimaryKey({ type: 'uuid' })
  userId!: string;

  @Property({ type: 'boolean' })
  suspended!: boolean;

  /** Null while suspended: until lifted. */
  @Property({ type: 'datetime', nullable: true })
  suspendedUntil: Date | null = null;

  /** The event's `changedAt`: only a newer change replaces the row. */
  @Property({ type: 'datetime' })
  changedAt!: Date;
}

/** "Until lifted" as a date on content rows, so that one `> now()` test covers both kinds. */
export const UNTIL_LIFTED = new Date('9999-12-31T00:00:00.000Z');

/**
 * Applies one UserSuspensionChanged to the read model; deliveries come at least once and in any
 * order, so only a newer change counts. Returns until when the account's content is to be hidden
 * (UNTIL_LIFTED without an end; null once lifted), or undefined when the event changed nothing.
 */
export async function recordSuspensionChange(
  event: EventOf<typeof UserSuspensionChanged>,
  em: EntityManager,
): Promise<Date | null | undefined> {
  const { userId, suspended, suspendedUntil, changedAt } = event.payload;
  const table = `"${em.config.get('schema')}"."account_suspension"`;
  const applied: unknown[] = await em.execute(
    `insert into ${table} ("user_id", "suspended", "suspended_until", "changed_at")
     values (?, ?, ?, ?)
     on conflict ("user_id") do update set "suspended" = excluded."suspended",
       "suspended_until" = excluded."suspended_until", "changed_at" = excluded."changed_at"
     where "account_suspension"."changed_at" < excluded."changed_at"
     returning "user_id"`,
    [userId, suspended, suspendedUntil, changedAt],
  );
  if (applied.length === 0) {
    return undefined;
  }
  return suspended ? (suspendedUntil ? new Date(suspendedUntil) : UNTIL_LIFTED) : null;
}

/** `column` (a content row's "suspended until" copy) does not hide it now, as SQL. */
export const notSuspendedSql = (column: string) => `(${column} is null or ${column} <= now())`;

/** Whether a content row's "suspended until" copy hides it now. */
export const hiddenBySuspension = (until: Date | null, now = new Date()) =>
  until !== null && until.getTime() > now.getTime();

/**
 * The accounts suspended now, from this subgraph's read model: few at any time (a primary-key
 * table read once per request), for lists that leave their content out.
 */
export async function suspendedAccountIds(em: EntityManager): Promise<string[]> {
  const table = `"${em.config.get('schema')}"."account_suspension"`;
  const rows: { user_id: string }[] = await em.execute(
    `select "user_id" from ${table}
      where "suspended" and ("suspended_until" is null or "suspended_until" > now())`,
  );
  return rows.map(row => row.user_id);
}

/** Refuses what a suspended account may not do (upload, comment, stream, chat): FORBIDDEN with its end. */
export async function refuseSuspended(context: BaseContext, userId: string) {
  if (!isUuid(userId)) {
    return;
  }
  const suspension = await context.em.findOne(AccountSuspension, { userId });
  if (suspension?.suspended && hiddenBySuspension(suspension.suspendedUntil ?? UNTIL_LIFTED)) {
    throw forbidden(
      suspension.suspendedUntil
        ? `Your account is suspended until ${suspension.suspendedUntil.toISOString()}.`
        : 'Your account is suspended.',
    );
  }
}
