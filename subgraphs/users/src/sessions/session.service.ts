import { createHash, randomBytes } from 'node:crypto';
import { type EntityManager } from '@mikro-orm/postgresql';
import { type Revocation, type SharedState, signAccessToken, unauthenticated } from '@vp/kit';
import { type User } from '../accounts/user.entity';
import { type UsersContext } from '../context';
import { publishSecurityAlert, SecurityAlertKind } from '../security-alerts/security-alerts';
import { RefreshToken } from './refresh-token.entity';
import { Session } from './session.entity';

/** A family lives this long from sign-in, however often it is refreshed. */
export const SESSION_LIFETIME_MS = 30 * 24 * 60 * 60 * 1000;
const REFRESH_TOKEN_BYTES = 32; // 256 bits

export enum RevokeReason {
  SIGNED_OUT = 'SIGNED_OUT',
  REFRESH_TOKEN_REUSED = 'REFRESH_TOKEN_REUSED',
  PASSWORD_RESET = 'PASSWORD_RESET',
  SUSPENDED = 'SUSPENDED',
}

/** What revoking needs: the database, and the shared state through which every process hears it. */
export interface RevocationScope {
  em: EntityManager;
  shared: Pick<SharedState, 'revocations'>;
  log?: { error(details: object, message: string): void };
}

/**
 * Tells every subgraph and gateway to refuse the tokens at once (they would otherwise verify until
 * they expire). The database change is already made: a failure to tell is logged, not thrown, and
 * the tokens still end at their expiry.
 */
export async function announceRevocation(scope: RevocationScope, revocation: Revocation) {
  try {
    await scope.shared.revocations.publish(revocation);
  } catch (err) {
    scope.log?.error({ err, userId: revocation.userId }, 'revocation not published');
  }
}

export interface IssuedTokens {
  accessToken: string;
  accessTokenExpiresAt: Date;
  refreshToken: string;
  user: User;
}

export const sha256 = (token: string) => createHash('sha256').update(token).digest('hex');

/** A new opaque secret: what the client keeps, and the hash that is all the database keeps. */
export function newOpaqueToken() {
  const token = randomBytes(REFRESH_TOKEN_BYTES).toString('base64url');
  return { token, hash: sha256(token) };
}

const invalidRefreshToken = () =>
  unauthenticated('The refresh token is invalid, expired or revoked. Sign in again.');

function addRefreshToken(em: EntityManager, session: Session) {
  const { token, hash } = newOpaqueToken();
  em.persist(em.create(RefreshToken, { session, tokenHash: hash, createdAt: new Date() }));
  return token;
}

async function tokensFor(ctx: UsersContext, user: User, session: Session, refreshToken: string) {
  const { token, expiresAt } = await signAccessToken(ctx.signingKey, {
    id: user.id,
    roles: user.roles,
    sessionId: session.id,
  });
  return { accessToken: token, accessTokenExpiresAt: expiresAt, refreshToken, user };
}

/** Starts a new family for a user who just proved who they are; flushed by the caller's flush. */
export function openSession(ctx: UsersContext, user: User) {
  const now = new Date();
  const session = ctx.em.create(Session, {
    user,
    createdAt: now,
    expiresAt: new Date(now.getTime() + SESSION_LIFETIME_MS),
    userAgent: ctx.client?.userAgent?.slice(0, 512) ?? null,
    ip: ctx.client?.ip?.slice(0, 64) ?? null,
  });
  ctx.em.persist(session);
  const refreshToken = addRefreshToken(ctx.em, session);
  return { session, refreshToken };
}

export async function issueTokens(
  ctx: UsersContext,
  opened: { session: Session; refreshToken: string },
): Promise<IssuedTokens> {
  return tokensFor(ctx, opened.session.user, opened.session, opened.refreshToken);
}

/** Revokes one family at once (every token of it stops working, on every subgraph). */
export async function revokeSession(
  scope: RevocationScope,
  session: { id: string; userId: string },
  reason: RevokeReason | string,
) {
  const revoked = await scope.em.nativeUpdate(
    Session,
    { id: session.id, revokedAt: null },
    { revokedAt: new Date(), revokedReason: reason },
  );
  await announceRevocation(scope, { userId: session.userId, sessionId: session.id, reason });
  return revoked;
}

/**
 * Revokes every family of the account (password reset, suspension), and every access token issued
 * until now, on every subgraph and open WebSocket.
 */
export async function revokeAllSessions(
  scope: RevocationScope,
  userId: string,
  reason: RevokeReason | string,
) {
  const now = new Date();
  const revoked = await scope.em.nativeUpdate(
    Session,
    { user: userId, revokedAt: null },
    { revokedAt: now, revokedReason: reason },
  );
  await announceRevocation(scope, { userId, notBefore: now.getTime(), reason });
  return revoked;
}

/**
 * Exchanges a refresh token for a new pair. The token is marked rotated with a conditional update,
 * so of two concurrent uses exactly one wins; any later use of it is reuse: a stolen copy is
 * presumed, and the whole family is revoked.
 */
export async function rotateRefreshToken(
  ctx: UsersContext,
  presented: string,
): Promise<IssuedTokens> {
  if (!presented || presented.length > 256) {
    throw invalidRefreshToken();
  }
  const { em } = ctx;
  const stored = await em.findOne(
    RefreshToken,
    { tokenHash: sha256(presented) },
    { populate: ['session', 'session.user'] },
  );
  if (!stored) {
    throw invalidRefreshToken();
  }
  const session = stored.session;
  if (session.revokedAt || session.expiresAt.getTime() <= Date.now()) {
    throw invalidRefreshToken();
  }
  const claimed = await em.nativeUpdate(
    RefreshToken,
    { id: stored.id, rotatedAt: null },
    { rotatedAt: new Date() },
  );
  if (claimed === 0) {
    const family = { id: session.id, userId: session.user.id };
    if ((await revokeSession(ctx, family, RevokeReason.REFRESH_TOKEN_REUSED)) > 0) {
      await publishSecurityAlert(ctx, session.user.id, SecurityAlertKind.SESSION_REUSE_DETECTED);
    }
    throw invalidRefreshToken();
  }
  const refreshToken = addRefreshToken(em, session);
  await em.flush();
  return tokensFor(ctx, session.user, session, refreshToken);
}

/** Ends the family a refresh token belongs to; unknown or already-ended tokens are fine too. */
export async function signOut(ctx: UsersContext, presented: string): Promise<boolean> {
  if (!presented || presented.length > 256) {
    return true;
  }
  const stored = await ctx.em.findOne(
    RefreshToken,
    { tokenHash: sha256(presented) },
    { populate: ['session'] },
  );
  if (stored) {
    const family = { id: stored.session.id, userId: stored.session.user.id };
    await revokeSession(ctx, family, RevokeReason.SIGNED_OUT);
  }
  return true;
}
