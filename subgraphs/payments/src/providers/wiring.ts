import {
  type BaseContext,
  compileTrustProxy,
  createLogger,
  DEFAULT_TRUST_PROXY,
  type Messaging,
  type MikroORM,
  type SubgraphConfig,
} from '@vp/kit';
import type express from 'express';
import { BillingCustomer } from '../checkout/billing-customer.entity';
import { CheckoutSession } from '../checkout/checkout-session.entity';
import { startCheckoutFor } from '../checkout/checkout.service';
import { AccountAge } from '../entitlements/account-age.entity';
import { registerEntitlementMessaging } from '../entitlements/entitlement.consumers';
import { Entitlement } from '../entitlements/entitlement.entity';
import { ProviderEvent } from '../webhooks/provider-event.entity';
import { ProviderPayment } from '../webhooks/provider-payment.entity';
import { mountWebhookRoutes } from '../webhooks/webhook.routes';
import { type PaymentsContext, runtimeOf } from './runtime';
import { mountSandboxPage } from './sandbox/sandbox-page';
import { type PaymentsConfig } from './settings';

/** How payments' provider side plugs into the subgraph definition. */
export const PROVIDER_ENTITIES = [
  CheckoutSession,
  BillingCustomer,
  ProviderEvent,
  ProviderPayment,
  AccountAge,
  Entitlement,
];

export function withPayments<T extends BaseContext>(
  base: T,
  config: PaymentsConfig,
): T & PaymentsContext {
  return { ...base, payments: runtimeOf(config) };
}

/** The StartCheckout the tips feature uses (src/contracts.ts). */
export const startCheckoutOf = (config: PaymentsConfig) => startCheckoutFor(runtimeOf(config));

export function mountPaymentsRoutes(
  app: express.Express,
  config: PaymentsConfig & Pick<SubgraphConfig, 'trustProxy'>,
  orm: MikroORM,
) {
  const runtime = runtimeOf(config);
  const log = createLogger('payments');
  mountSandboxPage(app, orm, runtime, log);
  mountWebhookRoutes(app, {
    orm,
    settings: runtime.settings,
    trustProxy: compileTrustProxy(config.trustProxy ?? DEFAULT_TRUST_PROXY),
    log,
    handlerDeps: {
      tipSettlement: runtime.tipSettlement,
      graceDays: runtime.settings.graceDays,
      now: runtime.now,
    },
  });
}

export function registerPaymentsMessaging(
  messaging: Messaging,
  config: PaymentsConfig,
  orm: MikroORM,
) {
  return registerEntitlementMessaging(messaging, orm, runtimeOf(config));
}
