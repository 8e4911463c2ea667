import { type BucketLimits, type BucketState, type CostBuckets } from '@vp/kit';
import { GraphQLError, type DocumentNode, type GraphQLSchema } from 'graphql';
import { DEFAULT_MAX_OPERATION_COST, operationCost, tooCostly } from './cost';

/**
 * Who pays for a request and how big their bucket is: an API key (its own limits, set per key), a
 * signed-in user, or an anonymous client address, each with a bucket of its own.
 */
export interface CostPayer {
  bucket: string;
  limits: BucketLimits;
}

export interface CostSettings {
  /** Off: no cost is computed or charged (bench's baseline; never in production). */
  enabled: boolean;
  maxOperationCost: number;
  /** Budgets of keys that have none of their own, of signed-in users, of anonymous addresses. */
  key: BucketLimits;
  user: BucketLimits;
  anonymous: BucketLimits;
}

export const DEFAULT_BUCKET: BucketLimits = { maximumAvailable: 5000, restoreRate: 100 };

export const DEFAULT_COST_SETTINGS: CostSettings = {
  enabled: true,
  maxOperationCost: DEFAULT_MAX_OPERATION_COST,
  key: DEFAULT_BUCKET,
  user: DEFAULT_BUCKET,
  anonymous: DEFAULT_BUCKET,
};

export function payerOf(
  settings: CostSettings,
  who: { apiKey?: { id: string; limits?: BucketLimits | null }; viewerId?: string; ip: string },
): CostPayer {
  if (who.apiKey) {
    return { bucket: `key:${who.apiKey.id}`, limits: who.apiKey.limits ?? settings.key };
  }
  if (who.viewerId) {
    return { bucket: `user:${who.viewerId}`, limits: settings.user };
  }
  return { bucket: `ip:${who.ip}`, limits: settings.anonymous };
}

/** What a response tells about its cost (`extensions.cost`), as Shopify's API does. */
export interface CostExtension {
  requestedQueryCost: number;
  throttleStatus: { maximumAvailable: number; currentlyAvailable: number; restoreRate: number };
}

export interface Charge {
  cost: number;
  payer: CostPayer;
  state: BucketState;
}

export const costExtension = (charge: Charge): CostExtension => ({
  requestedQueryCost: charge.cost,
  throttleStatus: {
    maximumAvailable: charge.payer.limits.maximumAvailable,
    currentlyAvailable: charge.state.currentlyAvailable,
    restoreRate: charge.payer.limits.restoreRate,
  },
});

/** x-ratelimit-* (and retry-after when refused), the same on every answer of /graphql. */
export function rateLimitHeaders(charge: Charge, now = Date.now()): Record<string, string> {
  const headers: Record<string, string> = {
    'x-ratelimit-limit': String(charge.payer.limits.maximumAvailable),
    'x-ratelimit-remaining': String(charge.state.currentlyAvailable),
    'x-ratelimit-used': String(charge.state.allowed ? charge.cost : 0),
    'x-ratelimit-restore-rate': String(charge.payer.limits.restoreRate),
    'x-ratelimit-reset': String(Math.ceil((now + charge.state.fullInMs) / 1000)),
  };
  if (!charge.state.allowed) {
    headers['retry-after'] = String(charge.state.retryAfterSeconds);
  }
  return headers;
}

/** The `rateLimit` query's answer, handed to the subgraph that serves it. */
export const rateLimitStatus = (charge: Charge, now = Date.now()) => ({
  limit: charge.payer.limits.maximumAvailable,
  cost: charge.cost,
  remaining: charge.state.currentlyAvailable,
  resetAt: new Date(now + charge.state.fullInMs).toISOString(),
});

/**
 * Computes the operation's cost with its variables and takes it from the payer's bucket, before
 * anything runs. Throws (nothing charged, nothing run) when the operation alone costs more than
 * one may, or more than the payer's bucket can ever hold; returns the charge otherwise, refused
 * (`state.allowed` false) when the bucket does not hold enough now.
 */
export async function chargeOperation(
  buckets: CostBuckets,
  settings: CostSettings,
  payer: CostPayer,
  operation: {
    schema: GraphQLSchema;
    document: DocumentNode;
    variables?: Record<string, unknown> | null;
    operationName?: string | null;
  },
): Promise<Charge> {
  const cost = operationCost(operation);
  if (cost > settings.maxOperationCost) {
    throw tooCostly(cost, settings.maxOperationCost);
  }
  if (cost > payer.limits.maximumAvailable) {
    throw tooCostly(cost, payer.limits.maximumAvailable, 'your budget holds');
  }
  return { cost, payer, state: await buckets.take(payer.bucket, cost, payer.limits) };
}

/** Reads the payer's bucket without taking from it (answers refused before their cost was known). */
export async function peek(buckets: CostBuckets, payer: CostPayer): Promise<Charge> {
  return { cost: 0, payer, state: await buckets.take(payer.bucket, 0, payer.limits) };
}

export function budgetExceeded(charge: Charge) {
  return new GraphQLError(
    `This operation costs ${charge.cost} points and your budget holds ${charge.state.currentlyAvailable} now ` +
      `(it refills ${charge.payer.limits.restoreRate} a second). Try again in ${charge.state.retryAfterSeconds} s.`,
    {
      extensions: {
        code: 'RATE_LIMITED',
        retryAfterSeconds: charge.state.retryAfterSeconds,
        http: { status: 429 },
      },
    },
  );
}
