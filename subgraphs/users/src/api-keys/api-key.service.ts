import { randomBytes } from 'node:crypto';
import { type EntityManager } from '@mikro-orm/postgresql';
import {
  ApiScope,
  badInput,
  forbidden,
  notFound,
  Role,
  signAccessToken,
  type BaseContext,
  type SigningKeys,
} from '@vp/kit';
import { isUuid, requireAccount } from '../accounts/account-access';
import { isSuspended, type User } from '../accounts/user.entity';
import { sha256 } from '../sessions/session.service';
import { auditByViewer, AuditAction } from '../audit/audit';
import { ApiKey } from './api-key.entity';

export const API_KEY_PREFIX = 'vp_';
/** Keys an account may hold at once (revoked ones not counted). */
export const MAX_ACTIVE_KEYS = 20;
export const MAX_ALLOWED_ORIGINS = 10;
/** lastUsedAt is written at most this often per key. */
export const LAST_USED_RESOLUTION_MS = 5 * 60 * 1000;
/** The access token users signs for a key lives this long; the gateway asks again per request. */
export const KEY_TOKEN_TTL_SECONDS = 5 * 60;

const KEY_SHAPE = /^vp_[A-Za-z0-9_-]{43}$/;

export interface CreateApiKeyRequest {
  name: string;
  scopes: ApiScope[];
  allowedOrigins?: string[] | null;
}

/** An origin as browsers send it: scheme://host[:port], nothing else; http only for loopback. */
export function originProblem(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'Not a URL.';
  }
  if (url.origin === 'null' || url.origin !== value.replace(/\/$/, '')) {
    return 'An origin is scheme://host[:port], without a path.';
  }
  const loopback = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    return 'Use https (http only for localhost).';
  }
  return null;
}

/** Keys are for programs: a request made with a key cannot make or revoke keys. */
function requireSession(ctx: BaseContext) {
  if (ctx.viewer?.apiKeyId) {
    throw forbidden('API keys are managed from a signed-in session, not with an API key.');
  }
}

export async function createApiKey(ctx: BaseContext, input: CreateApiKeyRequest) {
  requireSession(ctx);
  const { user } = await requireAccount(ctx);
  const scopes = [...new Set(input.scopes)];
  const origins = [
    ...new Set((input.allowedOrigins ?? []).map(origin => origin.trim().replace(/\/$/, ''))),
  ];
  const problems = [];
  if (scopes.length === 0) {
    problems.push({ field: 'input.scopes', message: 'Choose at least one scope.' });
  }
  if (origins.length > MAX_ALLOWED_ORIGINS) {
    problems.push({
      field: 'input.allowedOrigins',
      message: `At most ${MAX_ALLOWED_ORIGINS} origins.`,
    });
  }
  origins.forEach((origin, i) => {
    const problem = originProblem(origin);
    if (problem) {
      problems.push({ field: `input.allowedOrigins.${i}`, message: problem });
    }
  });
  if (problems.length) {
    throw badInput('The key cannot be made as asked.', problems);
  }
  if (
    scopes.includes(ApiScope.ANALYTICS_READ) &&
    !user.roles.some(role => role === Role.ANALYST || role === Role.ADMIN)
  ) {
    throw forbidden('ANALYTICS_READ is only for ANALYST and ADMIN accounts.');
  }
  const active = await ctx.em.count(ApiKey, { owner: user, revokedAt: null });
  if (active >= MAX_ACTIVE_KEYS) {
    throw badInput(`An account may hold at most ${MAX_ACTIVE_KEYS} keys; revoke one first.`, [
      { field: 'input', message: `At most ${MAX_ACTIVE_KEYS} active keys.` },
    ]);
  }
  const key = API_KEY_PREFIX + randomBytes(32).toString('base64url');
  const apiKey = ctx.em.create(ApiKey, {
    owner: user,
    name: input.name,
    prefix: key.slice(0, 11),
    keyHash: sha256(key),
    scopes,
    allowedOrigins: origins,
  });
  ctx.em.persist(apiKey);
  auditByViewer(ctx, {
    action: AuditAction.API_KEY_CREATED,
    targetType: 'API_KEY',
    targetId: apiKey.id,
    detail: { prefix: apiKey.prefix, scopes: scopes.join(',') },
  });
  await ctx.em.flush();
  return { key, apiKey };
}

export async function revokeApiKey(ctx: BaseContext, id: string) {
  requireSession(ctx);
  const { user } = await requireAccount(ctx);
  const apiKey = isUuid(id) ? await ctx.em.findOne(ApiKey, { id, owner: user }) : null;
  if (!apiKey) {
    throw notFound('The API key');
  }
  if (!apiKey.revokedAt) {
    apiKey.revokedAt = new Date();
    auditByViewer(ctx, {
      action: AuditAction.API_KEY_REVOKED,
      targetType: 'API_KEY',
      targetId: apiKey.id,
      detail: { prefix: apiKey.prefix },
    });
  }
  await ctx.em.flush();
  return apiKey;
}

/** An account's keys, newest first: its own (with a session) or any account's for an ADMIN. */
export async function apiKeysOf(ctx: BaseContext, owner: User) {
  requireSession(ctx);
  const { user } = await requireAccount(ctx);
  if (user.id !== owner.id && !user.roles.includes(Role.ADMIN)) {
    throw forbidden("Only the account itself and admins may list an account's keys.");
  }
  return ctx.em.find(ApiKey, { owner: owner.id }, { orderBy: { createdAt: 'desc', id: 'desc' } });
}

/** ADMIN: a key's own cost budget (null for the gateway's default). */
export async function setApiKeyBudget(
  ctx: BaseContext,
  id: string,
  budget: { points: number; restoreRate: number } | null,
) {
  requireSession(ctx);
  const { user } = await requireAccount(ctx);
  if (!user.roles.includes(Role.ADMIN)) {
    throw forbidden('Only admins may set the budget of a key.');
  }
  const apiKey = isUuid(id) ? await ctx.em.findOne(ApiKey, { id }) : null;
  if (!apiKey) {
    throw notFound('The API key');
  }
  apiKey.budgetPoints = budget?.points ?? null;
  apiKey.budgetRestoreRate = budget?.restoreRate ?? null;
  await ctx.em.flush();
  return apiKey;
}

/** What the gateway learns of a key it was shown. */
export interface VerifiedKey {
  /** An access token for the key's owner, limited to its scopes (claims akid, scp). */
  accessToken: string;
  expiresAt: string;
  keyId: string;
  userId: string;
  scopes: string[];
  allowedOrigins: string[];
  budget: { maximumAvailable: number; restoreRate: number } | null;
}

/**
 * Tokens signed for keys, reused until a minute before they expire (a busy key costs one look-up
 * per request, not a signature). Revocation does not depend on it: the look-up refuses the key.
 */
const tokens = new Map<string, { token: string; expiresAt: Date }>();
function remember(keyId: string, token: { token: string; expiresAt: Date }) {
  if (tokens.size >= 10_000) {
    tokens.clear();
  }
  tokens.set(keyId, token);
}

/**
 * Checks a key as shown (Authorization: Bearer vp_…) and signs a short-lived access token for its
 * owner, with the owner's current roles and the key's scopes. One indexed look-up by hash per
 * call, so a revoked key is refused from the next request on. Null for an unknown or revoked key.
 */
export async function verifyApiKey(
  em: EntityManager,
  signingKey: SigningKeys['privateJwk'],
  key: string,
): Promise<VerifiedKey | null> {
  if (!KEY_SHAPE.test(key)) {
    return null;
  }
  const apiKey = await em.findOne(
    ApiKey,
    { keyHash: sha256(key), revokedAt: null },
    { populate: ['owner'] },
  );
  if (!apiKey || isSuspended(apiKey.owner)) {
    // a suspended owner's keys stop working with the suspension (and work again once it is lifted)
    return null;
  }
  const now = Date.now();
  const cached = tokens.get(apiKey.id);
  if (!apiKey.lastUsedAt || now - apiKey.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
    // coarse on purpose: one write per key every few minutes, never one per request
    await em.nativeUpdate(ApiKey, { id: apiKey.id }, { lastUsedAt: new Date(now) });
  }
  const { token, expiresAt } =
    cached && cached.expiresAt.getTime() - now > 60_000
      ? cached
      : await signAccessToken(
          signingKey,
          {
            id: apiKey.owner.id,
            roles: apiKey.owner.roles,
            sessionId: `apikey:${apiKey.id}`,
            apiKeyId: apiKey.id,
            scopes: apiKey.scopes,
          },
          KEY_TOKEN_TTL_SECONDS,
        );
  remember(apiKey.id, { token, expiresAt });
  return {
    accessToken: token,
    expiresAt: expiresAt.toISOString(),
    keyId: apiKey.id,
    userId: apiKey.owner.id,
    scopes: apiKey.scopes,
    allowedOrigins: apiKey.allowedOrigins,
    budget:
      apiKey.budgetPoints && apiKey.budgetRestoreRate
        ? { maximumAvailable: apiKey.budgetPoints, restoreRate: apiKey.budgetRestoreRate }
        : null,
  };
}
