import { defineEnv, type EnvOf, mergeEnv, platformEnv, publicWebUrlVariable, z } from '@vp/kit';
import { paymentsProviderEnv, paymentsSettingsOf, type PaymentsConfig } from './providers/settings';

/** The payments subgraph's own variables: the providers' and the ledger's money rules. */
export const paymentsEnv = mergeEnv(
  platformEnv,
  paymentsProviderEnv,
  defineEnv({
    PUBLIC_WEB_URL: publicWebUrlVariable,
    PLATFORM_FEE_PERCENT: z.coerce
      .number()
      .int()
      .min(0)
      .max(100)
      .default(20)
      .describe(
        "the platform's share of a tip, in percent (rounded down, in the creator's favour)",
      ),
    EARNINGS_HOLD_DAYS: z.coerce
      .number()
      .min(0)
      .max(365)
      .default(7)
      .describe('how long tip earnings stay pending before they can be withdrawn'),
  }),
);

export function paymentsConfigFromEnv(env: EnvOf<typeof paymentsEnv>): PaymentsConfig {
  return {
    dataDir: env.PLATFORM_DATA_DIR,
    publicUrl: env.PUBLIC_URL,
    publicWebUrl: env.PUBLIC_WEB_URL,
    payments: paymentsSettingsOf(env, env.PLATFORM_DATA_DIR),
    ledger: {
      platformFeePercent: env.PLATFORM_FEE_PERCENT,
      earningsHoldDays: env.EARNINGS_HOLD_DAYS,
    },
  };
}
