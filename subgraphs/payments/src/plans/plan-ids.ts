/**
 * The plans seeded by the migrations, with ids fixed so that code, tests and other subgraphs can
 * name them. Never reuse or change these ids.
 */
export const PLAN_IDS = {
  FREE: 'a0e1c3d2-0000-4000-8000-000000000001',
  PREMIUM: 'a0e1c3d2-0000-4000-8000-000000000002',
  PREMIUM_PLUS: 'a0e1c3d2-0000-4000-8000-000000000003',
} as const;
