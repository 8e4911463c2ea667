import { registerEnumType } from 'type-graphql';

/**
 * Vocabulary several subgraphs share. Each subgraph prints these into its own SDL; composition
 * requires them identical, so they are defined once here.
 */
export enum PlanTier {
  FREE = 'FREE',
  PREMIUM = 'PREMIUM',
  PREMIUM_PLUS = 'PREMIUM_PLUS',
}
registerEnumType(PlanTier, {
  name: 'PlanTier',
  description: 'Plan tiers, lowest first: FREE < PREMIUM < PREMIUM_PLUS.',
});

const TIER_RANK: Record<PlanTier, number> = { FREE: 0, PREMIUM: 1, PREMIUM_PLUS: 2 };
export const tierAtLeast = (have: PlanTier, need: PlanTier) => TIER_RANK[have] >= TIER_RANK[need];

export enum Audience {
  GENERAL = 'GENERAL',
  ADULT = 'ADULT',
}
registerEnumType(Audience, {
  name: 'Audience',
  description: 'ADULT content needs an age-verified adult on PREMIUM_PLUS.',
});

/** What an API key may do (the gateway's partner/scopes.ts maps each field to one). */
export enum ApiScope {
  PUBLIC_READ = 'PUBLIC_READ',
  VIDEOS_WRITE = 'VIDEOS_WRITE',
  LIVE_WRITE = 'LIVE_WRITE',
  WEBHOOKS = 'WEBHOOKS',
  /** Only for keys of ANALYST or ADMIN accounts. */
  ANALYTICS_READ = 'ANALYTICS_READ',
}
registerEnumType(ApiScope, {
  name: 'ApiScope',
  description:
    'What an API key may do: PUBLIC_READ (queries and subscriptions), VIDEOS_WRITE (uploads, videos, comments, likes, playlists), LIVE_WRITE (live streams and chat), WEBHOOKS (webhook endpoints), ANALYTICS_READ (analytics; ANALYST or ADMIN accounts only).',
});
