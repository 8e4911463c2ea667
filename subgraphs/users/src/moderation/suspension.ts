import { UserSuspensionChanged } from '@vp/contracts';
import { badInput, type BaseContext, emitEvent, forbidden, isUuid, notFound, Role } from '@vp/kit';
import { isSuspended, User } from '../accounts/user.entity';
import { audit, AuditAction } from '../audit/audit';
import {
  revokeAllSessions,
  RevokeReason,
  type RevocationScope,
} from '../sessions/session.service';
import { requireModerator } from './moderation.service';

/**
 * Who may suspend whom: moderators suspend ordinary accounts, only admins suspend moderators, and
 * nobody suspends an admin (take the role away first: one admin cannot lock the others out).
 */
function checkMaySuspend(actor: User, target: User) {
  if (actor.id === target.id) {
    throw badInput('You cannot suspend yourself.', [
      { field: 'input.userId', message: 'This is you.' },
    ]);
  }
  if (target.roles.includes(Role.ADMIN)) {
    throw forbidden('An admin cannot be suspended; take the ADMIN role away first.');
  }
  if (target.roles.includes(Role.MODERATOR) && !actor.roles.includes(Role.ADMIN)) {
    throw forbidden('Only an admin can suspend a moderator.');
  }
}

/**
 * Suspends an account in the caller's transaction: the suspension, every session revoked at once
 * (the users subgraph refuses their tokens from now on), UserSuspensionChanged for videos, live and
 * search (they hide the account's content and refuse its uploads, streams, comments and chat), and
 * the audit entry. Suspending again replaces the end date and reason.
 */
export async function suspend(
  { em, shared, log }: RevocationScope,
  actor: User,
  ip: string | null,
  target: User,
  terms: { until: Date | null; reason: string },
) {
  checkMaySuspend(actor, target);
  const now = new Date();
  target.suspendedAt = now;
  target.suspendedUntil = terms.until;
  target.suspensionReason = terms.reason;
  await revokeAllSessions({ em, shared, log }, target.id, RevokeReason.SUSPENDED);
  emitEvent(em, UserSuspensionChanged, {
    userId: target.id,
    suspended: true,
    suspendedUntil: terms.until?.toISOString() ?? null,
    changedAt: now.toISOString(),
  });
  audit(em, {
    action: AuditAction.USER_SUSPENDED,
    actorId: actor.id,
    ip,
    targetType: 'USER',
    targetId: target.id,
    detail: { until: terms.until?.toISOString() ?? null, reason: terms.reason },
  });
  await em.flush();
}

async function targetAccount(ctx: BaseContext, userId: string) {
  const target = isUuid(userId) ? await ctx.em.findOne(User, { id: userId }) : null;
  if (!target) {
    throw notFound('The account');
  }
  return target;
}

export async function suspendUser(
  ctx: BaseContext,
  input: { userId: string; until?: Date | null; reason: string },
): Promise<User> {
  const actor = await requireModerator(ctx);
  if (input.until && input.until.getTime() <= Date.now()) {
    throw badInput('The end of a suspension must be in the future.', [
      { field: 'input.until', message: 'Must be in the future.' },
    ]);
  }
  const target = await targetAccount(ctx, input.userId);
  await ctx.em.transactional(em =>
    suspend({ em, shared: ctx.shared, log: ctx.log }, actor, ctx.client?.ip ?? null, target, {
      until: input.until ?? null,
      reason: input.reason,
    }),
  );
  return target;
}

/** Lifts a suspension now (the same people who may suspend the account may lift it). */
export async function unsuspendUser(ctx: BaseContext, userId: string): Promise<User> {
  const actor = await requireModerator(ctx);
  const target = await targetAccount(ctx, userId);
  checkMaySuspend(actor, target);
  if (!isSuspended(target)) {
    return target;
  }
  const now = new Date();
  target.suspendedAt = null;
  target.suspendedUntil = null;
  target.suspensionReason = null;
  emitEvent(ctx.em, UserSuspensionChanged, {
    userId: target.id,
    suspended: false,
    suspendedUntil: null,
    changedAt: now.toISOString(),
  });
  audit(ctx.em, {
    action: AuditAction.USER_UNSUSPENDED,
    actorId: actor.id,
    ip: ctx.client?.ip ?? null,
    targetType: 'USER',
    targetId: target.id,
  });
  await ctx.em.flush();
  return target;
}

/** What signIn says to a suspended account: FORBIDDEN, with when it ends. */
export const suspendedMessage = (user: User) =>
  user.suspendedUntil
    ? `This account is suspended until ${user.suspendedUntil.toISOString()}.`
    : 'This account is suspended until a moderator lifts the suspension.';
