import { type EntityManager } from '@mikro-orm/postgresql';
import { UserRolesChanged } from '@vp/contracts';
import { badInput, emitEvent, notFound, Role } from '@vp/kit';
import { announceRevocation, type RevocationScope } from '../sessions/session.service';
import { normaliseEmail } from '../accounts/account-rules';
import { User } from '../accounts/user.entity';
import { audit, AuditAction } from '../audit/audit';
import { RoleChange } from './role-change.entity';

/** Who changes roles: an admin through the API, or an operator with `npm run admin`. */
export type RoleChanger = ({ adminId: string } | { operator: string }) & {
  /** The admin's client address (the API); the CLI has none. */
  ip?: string | null;
};

/**
 * Replaces an account's roles (kept in the enum's order, without repeats), and in the same
 * transaction records the change in the audit trail and publishes UserRolesChanged. Nothing is
 * written when the roles are already those. With `revocations` (a request's context), the
 * account's tokens carrying other roles are refused everywhere at once, so a demoted admin's token
 * stops working; the next refresh carries the new roles. Without (the admin CLI, another process),
 * users announces it when it consumes its own UserRolesChanged.
 */
export async function setUserRoles(
  em: EntityManager,
  user: User,
  roles: Role[],
  changedBy: RoleChanger,
  revocations?: Omit<RevocationScope, 'em'>,
): Promise<User> {
  if (roles.length === 0) {
    throw badInput('Give at least one role.', [
      { field: 'roles', message: 'Give at least one role.' },
    ]);
  }
  const previousRoles = [...user.roles];
  const next = Object.values(Role).filter(role => roles.includes(role));
  if (next.length === previousRoles.length && next.every(role => previousRoles.includes(role))) {
    return user;
  }
  user.roles = next;
  const changedAt = new Date();
  em.create(RoleChange, {
    userId: user.id,
    rolesBefore: previousRoles,
    rolesAfter: next,
    changedByUserId: 'adminId' in changedBy ? changedBy.adminId : null,
    changedByOperator: 'operator' in changedBy ? changedBy.operator : null,
    changedAt,
  });
  audit(em, {
    action: AuditAction.ROLES_CHANGED,
    actorId: 'adminId' in changedBy ? changedBy.adminId : null,
    actorLabel: 'operator' in changedBy ? `operator:${changedBy.operator}` : null,
    ip: changedBy.ip ?? null,
    targetType: 'USER',
    targetId: user.id,
    detail: {
      granted: next.filter(role => !previousRoles.includes(role)).join(',') || null,
      revoked: previousRoles.filter(role => !next.includes(role)).join(',') || null,
    },
  });
  emitEvent(em, UserRolesChanged, {
    userId: user.id,
    roles: next,
    previousRoles,
  });
  await em.flush();
  if (revocations) {
    await announceRevocation(
      { em, ...revocations },
      { userId: user.id, roles: next, changedAt: changedAt.getTime(), reason: 'ROLES_CHANGED' },
    );
  }
  return user;
}

/**
 * Adds one role to, or takes one from, the account with `email` (the admin CLI's grant-role and
 * revoke-role). `changed` is false when the account already had (or lacked) it.
 */
export async function changeRoleOf(
  em: EntityManager,
  email: string,
  role: Role,
  action: 'grant' | 'revoke',
  changedBy: RoleChanger,
): Promise<{ user: User; changed: boolean }> {
  const user = await em.findOne(User, { email: normaliseEmail(email) });
  if (!user) {
    throw notFound(`An account with the email ${email}`);
  }
  if (user.roles.includes(role) === (action === 'grant')) {
    return { user, changed: false };
  }
  const roles =
    action === 'grant' ? [...user.roles, role] : user.roles.filter(held => held !== role);
  if (roles.length === 0) {
    throw badInput(`${role} is the only role of ${user.email}; an account keeps at least one.`);
  }
  await setUserRoles(em, user, roles, changedBy);
  return { user, changed: true };
}
