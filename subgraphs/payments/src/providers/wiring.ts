import {
  type BaseContext,
  compileTrustProxy,
  createLogger,
  DEFAULT_TRUST_PROXY,
  type Messaging,
  type MikroORM,
  type SubgraphConfig,
  type TrustProxy,
} from '@vp/kit';
import type express from 'express';
import { BillingCustomer } from '../checkout/billing-customer.entity';
import { CheckoutSession } from '../checkout/checkout-session.entity';
import { PaymentRefund } from '../ledger/payment-refund.entity';
import { startCheckoutFor } from '../checkout/checkout.service';
import { AccountAge } from '../entitlements/account-age.entity';
import { registerEntitlementMessaging } from '../entitlements/entitlement.consumers';
import { Entitlement } from '../entitlements/entitlement.entity';
import { ProviderEvent } from '../webhooks/provider-event.entity';
import { ProviderPayment } from '../webhooks/provider-payment.entity';
import { mountWebhookRoutes } from '../webhooks/webhook.routes';
import { type StartCheckout } from '../contracts';
import { type MoneyConfig } from '../ledger/money-context';
import { createPaymentsRuntime, type PaymentsContext, type PaymentsRuntime } from './runtime';
import { mountSandboxPage, mountSandboxPayoutPage } from './sandbox/sandbox-page';
import { type PaymentsConfig } from './settings';

/** How payments' provider side plugs into the subgraph definition. */
export const PROVIDER_ENTITIES = [
  PaymentRefund,
  CheckoutSession,
  BillingCustomer,
  ProviderEvent,
  ProviderPayment,
  AccountAge,
  Entitlement,
];

/** What the payments subgraph builds once at start-up (SubgraphDefinition.adapters). */
export interface PaymentsAdapters {
  runtime: PaymentsRuntime;
  /** Starts a tip's checkout: the real one, or the config's (tests pass a fake). */
  startCheckout: StartCheckout;
  /** TRUST_PROXY, compiled: whose X-Forwarded-For the CCBill allow-list believes. */
  trustProxy: TrustProxy;
}

export function createPaymentsAdapters(
  config: PaymentsConfig & MoneyConfig & Pick<SubgraphConfig, 'trustProxy'>,
): PaymentsAdapters {
  const runtime = createPaymentsRuntime(config);
  return {
    runtime,
    startCheckout: config.startCheckout ?? startCheckoutFor(runtime),
    trustProxy: compileTrustProxy(config.trustProxy ?? DEFAULT_TRUST_PROXY),
  };
}

export function withPayments<T extends BaseContext>(
  base: T,
  runtime: PaymentsRuntime,
): T & PaymentsContext {
  return { ...base, payments: runtime };
}

export function mountPaymentsRoutes(
  app: express.Express,
  { runtime, trustProxy }: PaymentsAdapters,
  orm: MikroORM,
) {
  const log = createLogger('payments');
  mountSandboxPage(app, orm, runtime, log);
  mountSandboxPayoutPage(app, orm, runtime, log);
  mountWebhookRoutes(app, {
    orm,
    settings: runtime.settings,
    trustProxy,
    log,
    handlerDeps: {
      tipSettlement: runtime.tipSettlement,
      graceDays: runtime.settings.graceDays,
      now: runtime.now,
      providers: runtime.providers,
      payouts: runtime.payouts,
    },
  });
}

export function registerPaymentsMessaging(
  messaging: Messaging,
  runtime: PaymentsRuntime,
  orm: MikroORM,
) {
  return registerEntitlementMessaging(messaging, orm, runtime);
}
