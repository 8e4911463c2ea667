import { type PubSub } from '@graphql-yoga/subscription';
import type Redis from 'ioredis';
import { ACCESS_TOKEN_TTL_SECONDS, type Viewer } from './auth';
import { createLogger } from './logger';

/**
 * Access tokens are self-contained: once signed, every subgraph would accept one until it expires.
 * A revocation tells every process to refuse some of them from now on: the tokens of one session
 * (sign-out, refresh-token reuse), every token of a user issued before `notBefore` (password
 * change or reset, suspension), or every token of a user carrying other roles than `roles` (a role
 * change: the next refresh carries the new roles). Exactly one of the three is given.
 */
export interface Revocation {
  userId: string;
  /** Only this session's tokens. */
  sessionId?: string;
  /** Epoch milliseconds: the user's tokens issued at or before it are refused. */
  notBefore?: number;
  /**
   * The user's roles now: a token claiming others is refused, whenever it was issued (so a token
   * refreshed while the change was being written, with the old roles, is refused too).
   */
  roles?: string[];
  /** With `roles`: when they changed (epoch ms); an older change heard later is ignored. */
  changedAt?: number;
  /** Why (SIGNED_OUT, PASSWORD_RESET, ROLES_CHANGED…): for logs and the close reason of sockets. */
  reason: string;
}

export interface Revocations {
  /** Tells every process (this one at once); remembered until every token it names has expired. */
  publish(revocation: Revocation): Promise<void>;
  /** Whether a verified token must nevertheless be refused. Synchronous: an in-memory look-up. */
  isRevoked(viewer: Viewer): boolean;
  /** Calls `listener` with every revocation heard from now on (the gateway closes sockets with it). */
  onRevocation(listener: (revocation: Revocation) => void): () => void;
  close(): Promise<void>;
}

/**
 * A revocation matters while a token issued before it may still verify: the token lifetime plus
 * the verifier's clock tolerance (maxTokenAge is the TTL + 60 s), with a minute to spare.
 */
export const REVOCATION_RETENTION_MS = (ACCESS_TOKEN_TTL_SECONDS + 120) * 1000;

/** The pub/sub topic and the Redis sorted set (score: when the entry may be forgotten). */
export const REVOCATION_TOPIC = 'auth:revocations';

const log = createLogger('revocations');

/** The in-memory denylist (sessions) and not-before map (users) one process checks tokens against. */
export function createRevocationList(now: () => number = Date.now) {
  const sessions = new Map<string, number>(); // sessionId → forget after
  const users = new Map<string, { notBefore: number; forgetAfter: number }>();
  const roles = new Map<string, { roles: string; changedAt: number; forgetAfter: number }>();
  const listeners = new Set<(revocation: Revocation) => void>();
  let nextSweep = 0;
  const sweep = () => {
    const at = now();
    if (at < nextSweep) {
      return;
    }
    nextSweep = at + 60_000;
    for (const [id, forgetAfter] of sessions) {
      if (forgetAfter <= at) {
        sessions.delete(id);
      }
    }
    for (const [id, entry] of users) {
      if (entry.forgetAfter <= at) {
        users.delete(id);
      }
    }
    for (const [id, entry] of roles) {
      if (entry.forgetAfter <= at) {
        roles.delete(id);
      }
    }
  };
  return {
    apply(revocation: Revocation, forgetAfter = now() + REVOCATION_RETENTION_MS) {
      sweep();
      if (revocation.sessionId) {
        sessions.set(
          revocation.sessionId,
          Math.max(forgetAfter, sessions.get(revocation.sessionId) ?? 0),
        );
      } else if (typeof revocation.notBefore === 'number') {
        const known = users.get(revocation.userId);
        users.set(revocation.userId, {
          notBefore: Math.max(revocation.notBefore, known?.notBefore ?? 0),
          forgetAfter: Math.max(forgetAfter, known?.forgetAfter ?? 0),
        });
      } else if (Array.isArray(revocation.roles)) {
        const known = roles.get(revocation.userId);
        const changedAt = revocation.changedAt ?? 0;
        if (known && known.changedAt > changedAt) {
          return;
        }
        roles.set(revocation.userId, {
          roles: rolesKey(revocation.roles),
          changedAt,
          forgetAfter: Math.max(forgetAfter, known?.forgetAfter ?? 0),
        });
      } else {
        return;
      }
      for (const listener of listeners) {
        try {
          listener(revocation);
        } catch (err) {
          log.error({ err }, 'revocation listener failed');
        }
      }
    },
    isRevoked(viewer: Viewer) {
      if (sessions.has(viewer.sessionId)) {
        return true;
      }
      const user = users.get(viewer.id);
      // the same millisecond counts as before: a token signed just after is refused, and refreshed
      if (user && (viewer.issuedAtMs ?? 0) <= user.notBefore) {
        return true;
      }
      const current = roles.get(viewer.id);
      return !!current && current.roles !== rolesKey(viewer.roles);
    },
    onRevocation(listener: (revocation: Revocation) => void) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
}

const rolesKey = (list: readonly string[]) => [...new Set(list)].sort().join(',');

/** Whether a socket opened with this viewer's token is one the revocation ends (the gateway's). */
export function revokes(revocation: Revocation, viewer: Viewer): boolean {
  if (revocation.userId !== viewer.id) {
    return false;
  }
  if (revocation.sessionId) {
    return revocation.sessionId === viewer.sessionId;
  }
  if (typeof revocation.notBefore === 'number') {
    return (viewer.issuedAtMs ?? 0) <= revocation.notBefore;
  }
  return Array.isArray(revocation.roles) && rolesKey(revocation.roles) !== rolesKey(viewer.roles);
}

/** Whether a revocation says what it revokes (input from the wire is checked before it is applied). */
function parseRevocation(value: unknown): Revocation | undefined {
  const candidate = (typeof value === 'string' ? safeJson(value) : value) as Partial<Revocation>;
  if (
    !candidate ||
    typeof candidate.userId !== 'string' ||
    (typeof candidate.sessionId !== 'string' &&
      typeof candidate.notBefore !== 'number' &&
      !(Array.isArray(candidate.roles) && candidate.roles.every(role => typeof role === 'string')))
  ) {
    return undefined;
  }
  return candidate as Revocation;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * Without Redis, every subgraph and the gateway of the embedded platform run in one process (the
 * launcher), each with its own shared state: they share this one list, so a revocation published
 * by users is seen by all of them at once. A separate process without Redis (a subgraph started
 * alone) only hears its own; production requires REDIS_URL.
 */
let processRevocations: Revocations | undefined;

export function inProcessRevocations(): Revocations {
  if (!processRevocations) {
    const list = createRevocationList();
    processRevocations = {
      publish: async revocation => list.apply(revocation),
      isRevoked: viewer => list.isRevoked(viewer),
      onRevocation: listener => list.onRevocation(listener),
      // shared by every shared state of the process: closing one of them leaves it in place
      close: async () => undefined,
    };
  }
  return processRevocations;
}

/**
 * With Redis: published on the shared pub/sub (every instance of every subgraph and every gateway
 * hears it within milliseconds) and kept in a sorted set until it no longer matters, from which a
 * process that starts (or reconnects) catches up. Subscribed before reading the set, so nothing
 * published in between is missed.
 */
export async function createRedisRevocations(
  commands: Redis,
  pubSub: PubSub<Record<string, [unknown] | [string, unknown]>>,
  now: () => number = Date.now,
): Promise<Revocations> {
  const list = createRevocationList(now);
  const topic = pubSub as unknown as PubSub<Record<typeof REVOCATION_TOPIC, [Revocation]>>;
  const stream = topic.subscribe(REVOCATION_TOPIC);
  void (async () => {
    for await (const message of stream) {
      const revocation = parseRevocation(message);
      if (revocation) {
        list.apply(revocation);
      }
    }
  })().catch(err => log.error({ err }, 'revocation stream ended'));
  const catchUp = async () => {
    const at = now();
    const entries = await commands.zrangebyscore(REVOCATION_TOPIC, at, '+inf', 'WITHSCORES');
    for (let i = 0; i < entries.length; i += 2) {
      const revocation = parseRevocation(entries[i]);
      if (revocation) {
        list.apply(revocation, Number(entries[i + 1]));
      }
    }
  };
  await catchUp();
  // revocations published while Redis was away reached nobody's subscription: read them again
  const catchUpAgain = () =>
    void catchUp().catch(err => log.error({ err }, 'revocation catch-up failed'));
  commands.on('ready', catchUpAgain);
  return {
    async publish(revocation) {
      list.apply(revocation);
      const forgetAfter = now() + REVOCATION_RETENTION_MS;
      await commands
        .multi()
        .zadd(REVOCATION_TOPIC, forgetAfter, JSON.stringify({ ...revocation, at: now() }))
        .zremrangebyscore(REVOCATION_TOPIC, '-inf', now())
        .pexpire(REVOCATION_TOPIC, REVOCATION_RETENTION_MS)
        .exec();
      topic.publish(REVOCATION_TOPIC, revocation);
    },
    isRevoked: viewer => list.isRevoked(viewer),
    onRevocation: listener => list.onRevocation(listener),
    async close() {
      commands.off('ready', catchUpAgain);
      // Not awaited: with Redis away the unsubscribe waits in ioredis's offline queue until the
      // connection comes back, and the caller is about to close that connection anyway.
      void stream.return()?.catch(() => undefined);
    },
  };
}
