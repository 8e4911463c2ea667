import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { defineEnv, type EnvOf, inProduction, readEnv, z } from '@vp/kit';
import { type TipSettlement } from '../contracts';
import { type LedgerSettings } from '../ledger/ledger.service';
import { parseIpAllowList, type IpAllowList } from '../webhooks/ip-allow-list';
import { CCBILL_DATALINK_URL } from './ccbill.provider';

/** CCBill's published webhook source ranges (webhooks user guide). */
export const CCBILL_PUBLISHED_RANGES =
  '64.38.212.1-64.38.212.254,64.38.215.1-64.38.215.254,64.38.240.1-64.38.240.254,64.38.241.1-64.38.241.254';

export interface PaymentsSettings {
  /** sandbox: the local checkout page plays Stripe and CCBill; live: the real providers. */
  mode: 'sandbox' | 'live';
  stripe: {
    secretKey: string;
    webhookSecret: string;
    /**
     * The signing secret of the Connect endpoint (events of creators' payout accounts: account.updated,
     * payout.paid, payout.failed), when Stripe is set up with a separate endpoint for them.
     */
    connectWebhookSecret?: string;
    /** Where the SDK sends API requests (tests point it at a local recorder). */
    api?: { host: string; port: number; protocol: 'http' | 'https' };
  };
  ccbill: {
    account: string;
    subaccount: string;
    flexFormId: string;
    salt: string;
    webhookToken: string;
    allowedIps: IpAllowList;
    /** The Data Link user the subscription management API (cancellations) signs in as. */
    datalink: { username: string; password: string; url: string };
  };
  /** How long PAST_DUE (and a renewal the provider has not confirmed yet) keeps the plan. */
  graceDays: number;
}

/** The payments subgraph's own config, beside every subgraph's (main.ts reads it from the environment). */
/** The web app's origin when PUBLIC_WEB_URL is not set (as the users subgraph has it). */
export const DEFAULT_PUBLIC_WEB_URL = 'http://localhost:3000';

export interface PaymentsConfig {
  dataDir?: string;
  publicUrl?: string;
  /** The web app's origin: the only web pages a checkout may return to (default localhost:3000). */
  publicWebUrl?: string;
  /** The providers' settings (tests: `sandboxSettings()`); the default is the sandbox. */
  payments?: PaymentsSettings;
  /** The platform's fee and the earnings hold (default: 20 % and 7 days). */
  ledger?: LedgerSettings;
  /**
   * How tip payments settle (the ledger's). Tests pass a recorder; without it a tip event is
   * refused with a 500, so the provider retries until the ledger is there.
   */
  tipSettlement?: TipSettlement;
}

const secret = (description: string) => z.string().trim().min(1).optional().describe(description);

/** The providers' variables: the sandbox by default, Stripe and CCBill with PAYMENTS_PROVIDER=live. */
export const paymentsProviderEnv = defineEnv(
  {
    PAYMENTS_PROVIDER: z
      .enum(['sandbox', 'live'])
      .default('sandbox')
      .describe(
        'sandbox: a local checkout page plays Stripe and CCBill (development); live: the real providers',
      ),
    STRIPE_SECRET_KEY: secret('Stripe API secret key (live)'),
    STRIPE_WEBHOOK_SECRET: secret(
      'Stripe webhook signing secret (live; the sandbox makes its own)',
    ),
    STRIPE_CONNECT_WEBHOOK_SECRET: secret(
      "Stripe signing secret of the Connect webhook endpoint (creators' payout accounts), when it is a separate endpoint",
    ),
    CCBILL_ACCOUNT: secret('CCBill client account number (live)'),
    CCBILL_SUBACCOUNT: secret('CCBill client subaccount (live)'),
    CCBILL_FLEXFORM_ID: secret('CCBill FlexForm id of the checkout form (live)'),
    CCBILL_SALT: secret('CCBill FlexForm salt the form digest is made with (live)'),
    CCBILL_WEBHOOK_TOKEN: secret('the token CCBill webhook URLs carry (live)'),
    CCBILL_DATALINK_USERNAME: secret(
      'CCBill Data Link user for the subscription management API: cancellations (live)',
    ),
    CCBILL_DATALINK_PASSWORD: secret('password of CCBILL_DATALINK_USERNAME (live)'),
    CCBILL_ALLOWED_IPS: z
      .string()
      .default(CCBILL_PUBLISHED_RANGES)
      .superRefine((list, ctx) => {
        try {
          parseIpAllowList(list, { loopback: false });
        } catch (error) {
          ctx.addIssue({
            code: 'custom',
            message: (error as Error).message.replace(/^CCBILL_ALLOWED_IPS: /, ''),
          });
        }
      })
      .describe("addresses CCBill webhooks may come from (default: CCBill's published ranges)"),
    PAYMENTS_GRACE_DAYS: z.coerce
      .number()
      .int()
      .min(0)
      .max(60)
      .default(3)
      .describe('how long PAST_DUE (or an unconfirmed renewal) keeps the plan'),
  },
  (env, report) => {
    if (env.PAYMENTS_PROVIDER === 'live') {
      for (const name of LIVE_SECRETS) {
        if (!env[name]) {
          report(name, 'is required when PAYMENTS_PROVIDER=live');
        }
      }
    }
  },
  inProduction((env, report) => {
    if (env.PAYMENTS_PROVIDER === 'sandbox') {
      report(
        'PAYMENTS_PROVIDER',
        'is "sandbox" (anyone could buy any plan for free): set PAYMENTS_PROVIDER=live with the Stripe and CCBill secrets',
      );
    }
  }),
);

const LIVE_SECRETS = [
  'STRIPE_SECRET_KEY',
  'STRIPE_WEBHOOK_SECRET',
  'CCBILL_ACCOUNT',
  'CCBILL_SUBACCOUNT',
  'CCBILL_FLEXFORM_ID',
  'CCBILL_SALT',
  'CCBILL_WEBHOOK_TOKEN',
  'CCBILL_DATALINK_USERNAME',
  'CCBILL_DATALINK_PASSWORD',
] as const;

interface SandboxSecrets {
  stripeWebhookSecret: string;
  ccbillWebhookToken: string;
  ccbillSalt: string;
}

/**
 * The embedded default's own secrets, random, made once in `<dataDir>/keys/` so webhooks signed
 * before a restart still verify after it. Without a data folder they live as long as the process.
 */
function sandboxSecrets(dataDir?: string): SandboxSecrets {
  const fresh = (): SandboxSecrets => ({
    stripeWebhookSecret: `whsec_${randomBytes(24).toString('base64url')}`,
    ccbillWebhookToken: randomBytes(24).toString('base64url'),
    ccbillSalt: randomBytes(12).toString('hex'),
  });
  if (!dataDir) {
    return fresh();
  }
  const dir = join(dataDir, 'keys');
  const file = join(dir, 'payments-sandbox.json');
  if (existsSync(file)) {
    return JSON.parse(readFileSync(file, 'utf8')) as SandboxSecrets;
  }
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const secrets = fresh();
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}

/** The providers' settings from their parsed variables; the sandbox keeps its secrets in `dataDir`. */
export function paymentsSettingsOf(
  env: EnvOf<typeof paymentsProviderEnv>,
  dataDir?: string,
): PaymentsSettings {
  if (env.PAYMENTS_PROVIDER === 'sandbox') {
    const secrets = sandboxSecrets(dataDir);
    return {
      mode: 'sandbox',
      stripe: {
        secretKey: 'sk_test_sandbox',
        webhookSecret: env.STRIPE_WEBHOOK_SECRET ?? secrets.stripeWebhookSecret,
      },
      ccbill: {
        account: env.CCBILL_ACCOUNT ?? '900000',
        subaccount: env.CCBILL_SUBACCOUNT ?? '0000',
        flexFormId: env.CCBILL_FLEXFORM_ID ?? 'sandbox',
        salt: env.CCBILL_SALT ?? secrets.ccbillSalt,
        webhookToken: env.CCBILL_WEBHOOK_TOKEN ?? secrets.ccbillWebhookToken,
        allowedIps: parseIpAllowList(env.CCBILL_ALLOWED_IPS, { loopback: true }),
        // never called: the sandbox provider plays CCBill's API itself
        datalink: { username: 'sandbox', password: 'sandbox', url: CCBILL_DATALINK_URL },
      },
      graceDays: env.PAYMENTS_GRACE_DAYS,
    };
  }
  return {
    mode: 'live',
    stripe: {
      secretKey: env.STRIPE_SECRET_KEY!,
      webhookSecret: env.STRIPE_WEBHOOK_SECRET!,
      connectWebhookSecret: env.STRIPE_CONNECT_WEBHOOK_SECRET,
    },
    ccbill: {
      account: env.CCBILL_ACCOUNT!,
      subaccount: env.CCBILL_SUBACCOUNT!,
      flexFormId: env.CCBILL_FLEXFORM_ID!,
      salt: env.CCBILL_SALT!,
      webhookToken: env.CCBILL_WEBHOOK_TOKEN!,
      // Loopback is never a CCBill address in live mode.
      allowedIps: parseIpAllowList(env.CCBILL_ALLOWED_IPS, { loopback: false }),
      datalink: {
        username: env.CCBILL_DATALINK_USERNAME!,
        password: env.CCBILL_DATALINK_PASSWORD!,
        url: CCBILL_DATALINK_URL,
      },
    },
    graceDays: env.PAYMENTS_GRACE_DAYS,
  };
}

/** The providers' settings from raw variables (tests); live mode needs every secret. */
export function paymentsSettingsFromEnv(
  source: NodeJS.ProcessEnv,
  dataDir?: string,
): PaymentsSettings {
  return paymentsSettingsOf(readEnv(paymentsProviderEnv, source), dataDir);
}

/** Settings for tests: sandbox mode with fresh random secrets; override what a test needs. */
export function sandboxSettings(overrides: Partial<PaymentsSettings> = {}): PaymentsSettings {
  return { ...paymentsSettingsFromEnv({ PAYMENTS_PROVIDER: 'sandbox' }), ...overrides };
}
