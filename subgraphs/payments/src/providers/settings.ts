import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readEnv, z } from '@vp/kit';
import { type TipSettlement } from '../contracts';
import { parseIpAllowList, type IpAllowList } from '../webhooks/ip-allow-list';

/** CCBill's published webhook source ranges (webhooks user guide). */
export const CCBILL_PUBLISHED_RANGES =
  '64.38.212.1-64.38.212.254,64.38.215.1-64.38.215.254,64.38.240.1-64.38.240.254,64.38.241.1-64.38.241.254';

export interface PaymentsSettings {
  /** sandbox: the local checkout page plays Stripe and CCBill; live: the real providers. */
  mode: 'sandbox' | 'live';
  stripe: {
    secretKey: string;
    webhookSecret: string;
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
  };
  /** How long PAST_DUE (and a renewal the provider has not confirmed yet) keeps the plan. */
  graceDays: number;
}

/** The payments subgraph's own config, beside every subgraph's (the launcher passes dataDir). */
export interface PaymentsConfig {
  dataDir?: string;
  publicUrl?: string;
  /** Explicit settings (tests); otherwise read from the environment on first use. */
  payments?: PaymentsSettings;
  /**
   * How tip payments settle (the ledger's). Tests pass a recorder; without it a tip event is
   * refused with a 500, so the provider retries until the ledger is there.
   */
  tipSettlement?: TipSettlement;
}

const envShape = {
  PAYMENTS_PROVIDER: z.enum(['sandbox', 'live']).default('sandbox'),
  STRIPE_SECRET_KEY: z.string().optional(),
  STRIPE_WEBHOOK_SECRET: z.string().optional(),
  CCBILL_ACCOUNT: z.string().optional(),
  CCBILL_SUBACCOUNT: z.string().optional(),
  CCBILL_FLEXFORM_ID: z.string().optional(),
  CCBILL_SALT: z.string().optional(),
  CCBILL_WEBHOOK_TOKEN: z.string().optional(),
  CCBILL_ALLOWED_IPS: z.string().default(CCBILL_PUBLISHED_RANGES),
  PAYMENTS_GRACE_DAYS: z.coerce.number().int().min(0).max(60).default(3),
};

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

/** Reads PAYMENTS_PROVIDER, STRIPE_*, CCBILL_* and PAYMENTS_GRACE_DAYS; live mode needs every secret. */
export function paymentsSettingsFromEnv(
  source: NodeJS.ProcessEnv = process.env,
  dataDir?: string,
): PaymentsSettings {
  const env = readEnv(envShape, source);
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
      },
      graceDays: env.PAYMENTS_GRACE_DAYS,
    };
  }
  const missing = (
    [
      'STRIPE_SECRET_KEY',
      'STRIPE_WEBHOOK_SECRET',
      'CCBILL_ACCOUNT',
      'CCBILL_SUBACCOUNT',
      'CCBILL_FLEXFORM_ID',
      'CCBILL_SALT',
      'CCBILL_WEBHOOK_TOKEN',
    ] as const
  ).filter(name => !env[name]);
  if (missing.length) {
    throw new Error(`PAYMENTS_PROVIDER=live needs ${missing.join(', ')}`);
  }
  return {
    mode: 'live',
    stripe: { secretKey: env.STRIPE_SECRET_KEY!, webhookSecret: env.STRIPE_WEBHOOK_SECRET! },
    ccbill: {
      account: env.CCBILL_ACCOUNT!,
      subaccount: env.CCBILL_SUBACCOUNT!,
      flexFormId: env.CCBILL_FLEXFORM_ID!,
      salt: env.CCBILL_SALT!,
      webhookToken: env.CCBILL_WEBHOOK_TOKEN!,
      // Loopback is never a CCBill address in live mode.
      allowedIps: parseIpAllowList(env.CCBILL_ALLOWED_IPS, { loopback: false }),
    },
    graceDays: env.PAYMENTS_GRACE_DAYS,
  };
}

const resolved = new WeakMap<PaymentsConfig, PaymentsSettings>();

/** The settings of one running subgraph, read once per config object. */
export function settingsOf(config: PaymentsConfig): PaymentsSettings {
  let settings = config.payments ?? resolved.get(config);
  if (!settings) {
    settings = paymentsSettingsFromEnv(process.env, config.dataDir);
    resolved.set(config, settings);
  }
  return settings;
}

/** Settings for tests: sandbox mode with fresh random secrets; override what a test needs. */
export function sandboxSettings(overrides: Partial<PaymentsSettings> = {}): PaymentsSettings {
  return { ...paymentsSettingsFromEnv({ PAYMENTS_PROVIDER: 'sandbox' }), ...overrides };
}
