import { type BaseContext } from '@vp/kit';
import { type PaymentProviderName, type TipSettlement } from '../contracts';
import { tipSettlement as ledgerTipSettlement } from '../ledger/tip-settlement';
import { CcbillProvider } from './ccbill.provider';
import { type CheckoutProvider } from './provider';
import { SandboxProvider } from './sandbox/sandbox.provider';
import { type PaymentsConfig, type PaymentsSettings, settingsOf } from './settings';
import { StripeProvider } from './stripe.provider';

/** Everything checkout, webhooks and the lifecycle need, made once per running subgraph. */
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

const runtimes = new WeakMap<PaymentsConfig, PaymentsRuntime>();

export function runtimeOf(config: PaymentsConfig & { clock?: () => Date }): PaymentsRuntime {
  let runtime = runtimes.get(config);
  if (!runtime) {
    const settings = settingsOf(config);
    runtime = {
      settings,
      publicUrl: (config.publicUrl ?? 'http://localhost:4000').replace(/\/+$/, ''),
      providers:
        settings.mode === 'live'
          ? {
              STRIPE: new StripeProvider(settings.stripe),
              CCBILL: new CcbillProvider(settings.ccbill),
            }
          : { STRIPE: new SandboxProvider('STRIPE'), CCBILL: new SandboxProvider('CCBILL') },
      tipSettlement: config.tipSettlement ?? ledgerTipSettlement,
      now: config.clock ?? (() => new Date()),
    };
    runtimes.set(config, runtime);
  }
  return runtime;
}
