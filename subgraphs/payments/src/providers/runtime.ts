import { type BaseContext } from '@vp/kit';
import { type PaymentProviderName, type TipSettlement } from '../contracts';
import { DEFAULT_LEDGER_SETTINGS } from '../ledger/ledger.service';
import { createTipSettlement } from '../ledger/tip-settlement';
import { CcbillProvider } from './ccbill.provider';
import { type CheckoutProvider } from './provider';
import { SandboxProvider } from './sandbox/sandbox.provider';
import { type PaymentsConfig, type PaymentsSettings, sandboxSettings } from './settings';
import { StripeProvider } from './stripe.provider';

/** Everything checkout, webhooks and the lifecycle need, made once at start-up. */
export interface PaymentsRuntime {
  settings: PaymentsSettings;
  /** The platform's public origin (the gateway), base of checkout and return URLs. */
  publicUrl: string;
  /** Adult content and PREMIUM_PLUS bill through CCBill, the rest through Stripe. */
  providers: Record<PaymentProviderName, CheckoutProvider>;
  tipSettlement: TipSettlement;
  now: () => Date;
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
  return {
    settings,
    publicUrl: (config.publicUrl ?? 'http://localhost:4000').replace(/\/+$/, ''),
    providers:
      settings.mode === 'live'
        ? {
            STRIPE: new StripeProvider(settings.stripe),
            CCBILL: new CcbillProvider(settings.ccbill),
          }
        : { STRIPE: new SandboxProvider('STRIPE'), CCBILL: new SandboxProvider('CCBILL') },
    tipSettlement:
      config.tipSettlement ??
      createTipSettlement({ settings: config.ledger ?? DEFAULT_LEDGER_SETTINGS, now }),
    now,
  };
}
