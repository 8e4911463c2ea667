import { type BaseContext } from '@vp/kit';
import { type PaymentProviderName, type TipSettlement } from '../contracts';
import { DEFAULT_LEDGER_SETTINGS } from '../ledger/ledger.service';
import { createTipSettlement } from '../ledger/tip-settlement';
import {
  type PayoutProvider,
  SandboxPayouts,
  StripeConnectPayouts,
} from '../payouts/payouts.provider';
import { CcbillProvider } from './ccbill.provider';
import { type CheckoutProvider } from './provider';
import { SandboxProvider } from './sandbox/sandbox.provider';
import {
  DEFAULT_PUBLIC_WEB_URL,
  type PaymentsConfig,
  type PaymentsSettings,
  sandboxSettings,
} from './settings';
import { StripeProvider } from './stripe.provider';

/** Everything checkout, webhooks and the lifecycle need, made once at start-up. */
export interface PaymentsRuntime {
  settings: PaymentsSettings;
  /** The platform's public origin (the gateway), base of checkout and return URLs. */
  publicUrl: string;
  /** The web app's public origin: checkout pages may send the buyer back to its pages. */
  publicWebUrl: string;
  /** Adult content and PREMIUM_PLUS bill through CCBill, the rest through Stripe. */
  providers: Record<PaymentProviderName, CheckoutProvider>;
  tipSettlement: TipSettlement;
  now: () => Date;
  /** Payouts to creators (Stripe Connect, or the sandbox's). */
  payouts: PayoutProvider;
  /** The subgraph's own origin, learnt from the first request it serves (the sandbox posts its webhooks there). */
  selfUrl: string | null;
}

export interface PaymentsContext extends BaseContext {
  payments: PaymentsRuntime;
}

const systemClock = () => new Date();

/** The providers, the ledger's tip settlement and the clock of one running subgraph. */
export function createPaymentsRuntime(
  config: PaymentsConfig & { clock?: () => Date },
): PaymentsRuntime {
  const settings = config.payments ?? sandboxSettings();
  const now = config.clock ?? systemClock;
  const runtime: PaymentsRuntime = {
    selfUrl: null,
    settings,
    publicUrl: (config.publicUrl ?? 'http://localhost:4000').replace(/\/+$/, ''),
    publicWebUrl: (config.publicWebUrl ?? DEFAULT_PUBLIC_WEB_URL).replace(/\/+$/, ''),
    providers:
      settings.mode === 'live'
        ? {
            STRIPE: new StripeProvider(settings.stripe),
            CCBILL: new CcbillProvider(settings.ccbill),
          }
        : {
            STRIPE: new SandboxProvider('STRIPE', {
              settings,
              now,
              selfUrl: () => runtime.selfUrl,
            }),
            CCBILL: new SandboxProvider('CCBILL', {
              settings,
              now,
              selfUrl: () => runtime.selfUrl,
            }),
          },
    payouts:
      settings.mode === 'live'
        ? new StripeConnectPayouts(settings.stripe)
        : new SandboxPayouts({
            settings,
            now,
            publicUrl: (config.publicUrl ?? 'http://localhost:4000').replace(/\/+$/, ''),
            selfUrl: () => runtime.selfUrl,
          }),
    tipSettlement:
      config.tipSettlement ??
      createTipSettlement({ settings: config.ledger ?? DEFAULT_LEDGER_SETTINGS, now }),
    now,
  };
  return runtime;
}
