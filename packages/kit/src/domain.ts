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

/** A video category: a fixed id, a URL slug, and its name in each language the platform speaks. */
export interface CategoryDefinition {
  id: string;
  slug: string;
  names: { ja: string; en: string };
}

const categoryId = (n: number) => `7a1c0000-0000-4000-8000-0000000000${String(n).padStart(2, '0')}`;

/**
 * The seeded categories. The videos subgraph owns them (its `videos.category` table is seeded with
 * exactly these rows, and a test holds the two together); search refuses a filter on an id not
 * listed here. Ids never change: events and indexes carry them.
 */
export const CATEGORIES: readonly CategoryDefinition[] = Object.freeze([
  {
    id: categoryId(1),
    slug: 'film-animation',
    names: { ja: '映画とアニメ', en: 'Film & Animation' },
  },
  {
    id: categoryId(2),
    slug: 'autos-vehicles',
    names: { ja: '自動車と乗り物', en: 'Autos & Vehicles' },
  },
  { id: categoryId(3), slug: 'music', names: { ja: '音楽', en: 'Music' } },
  { id: categoryId(4), slug: 'pets-animals', names: { ja: 'ペットと動物', en: 'Pets & Animals' } },
  { id: categoryId(5), slug: 'sports', names: { ja: 'スポーツ', en: 'Sports' } },
  {
    id: categoryId(6),
    slug: 'travel-events',
    names: { ja: '旅行とイベント', en: 'Travel & Events' },
  },
  { id: categoryId(7), slug: 'gaming', names: { ja: 'ゲーム', en: 'Gaming' } },
  { id: categoryId(8), slug: 'people-blogs', names: { ja: 'ブログ', en: 'People & Blogs' } },
  { id: categoryId(9), slug: 'comedy', names: { ja: 'コメディー', en: 'Comedy' } },
  {
    id: categoryId(10),
    slug: 'entertainment',
    names: { ja: 'エンターテインメント', en: 'Entertainment' },
  },
  {
    id: categoryId(11),
    slug: 'news-politics',
    names: { ja: 'ニュースと政治', en: 'News & Politics' },
  },
  {
    id: categoryId(12),
    slug: 'howto-style',
    names: { ja: 'ハウツーとスタイル', en: 'Howto & Style' },
  },
  { id: categoryId(13), slug: 'education', names: { ja: '教育', en: 'Education' } },
  {
    id: categoryId(14),
    slug: 'science-technology',
    names: { ja: '科学と技術', en: 'Science & Technology' },
  },
  { id: categoryId(15), slug: 'food-cooking', names: { ja: '料理とグルメ', en: 'Food & Cooking' } },
]);

/** The category of an id (any case), or undefined. */
export const categoryById = (id: string) =>
  CATEGORIES.find(category => category.id === id.toLowerCase());

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
