import {
  analyticsRoot,
  buildFederatedSchema,
  createLogger,
  MESSAGING_ENTITIES,
  type SubgraphDefinition,
} from '@vp/kit';
import { PaymentsAnalyticsResolver } from './analytics/analytics.resolver';
import { Analytics } from './analytics/analytics.type';
import { migrations } from '../migrations';
import { CheckoutResolver } from './checkout/checkout.resolver';
import { type PaymentsContext } from './providers/runtime';
import { type PaymentsConfig } from './providers/settings';
import {
  createPaymentsAdapters,
  mountPaymentsRoutes,
  type PaymentsAdapters,
  PROVIDER_ENTITIES,
  registerPaymentsMessaging,
  withPayments,
} from './providers/wiring';
import { paymentsConfigFromEnv, paymentsEnv } from './env';
import { schedulePayloadRetention } from './webhooks/payload-retention';
import { SubscriptionLifecycleResolver } from './subscriptions/subscription-lifecycle.resolver';
import { consumeContentEvents } from './content/content.consumer';
import { TipTarget } from './content/tip-target.entity';
import { UserEarningsResolver } from './earnings/earnings.resolver';
import { LedgerEntry, LedgerTransaction } from './ledger/ledger.entity';
import { type MoneyConfig, type MoneyContext, withMoney } from './ledger/money-context';
import { Plan } from './plans/plan.entity';
import { PlanResolver, resolvePlanReference } from './plans/plan.resolver';
import { PlanSubscription } from './subscriptions/subscription.entity';
import {
  resolveSubscriptionReference,
  SubscriptionResolver,
} from './subscriptions/subscription.resolver';
import { resolveUserReference, UserBillingResolver } from './user/user.resolver';
import { User } from './user/user.stub';
import { Tip } from './tips/tip.entity';
import { TipResolver } from './tips/tip.resolver';
import { Withdrawal } from './withdrawals/withdrawal.entity';
import { PayoutAccount } from './payouts/payout-account.entity';
import { Invoice } from './invoices/invoice.entity';
import { UserInvoicesResolver } from './invoices/invoice.resolver';
import { scheduleRenewalReminders } from './money-emails/renewal-reminders';
import { PayoutResolver, UserPayoutResolver } from './payouts/payouts.resolver';
import { UserWithdrawalsResolver, WithdrawalResolver } from './withdrawals/withdrawal.resolver';

export { PLAN_IDS } from './plans/plan-ids';

export type { PaymentsConfig } from './providers/settings';
export type { PaymentsAdapters } from './providers/wiring';
export { paymentsConfigFromEnv, paymentsEnv } from './env';

export const payments: SubgraphDefinition<
  MoneyConfig & PaymentsConfig,
  MoneyContext & PaymentsContext,
  PaymentsAdapters
> = {
  name: 'payments',
  dbSchema: 'payments',
  entities: [
    Plan,
    PlanSubscription,
    TipTarget,
    Tip,
    LedgerTransaction,
    LedgerEntry,
    Withdrawal,
    PayoutAccount,
    Invoice,
    ...PROVIDER_ENTITIES,
    ...MESSAGING_ENTITIES,
  ],
  migrations,
  env: { schema: paymentsEnv, config: paymentsConfigFromEnv },
  adapters: createPaymentsAdapters,
  extendContext: (base, _config, { runtime, startCheckout }) =>
    withPayments(withMoney(base, { startCheckout, now: runtime.now }), runtime),
  routes: (app, _config, orm, _shared, adapters) => mountPaymentsRoutes(app, adapters, orm),
  messaging: async (messaging, _config, _shared, orm, { runtime }) => {
    await consumeContentEvents(messaging);
    await registerPaymentsMessaging(messaging, runtime, orm);
    await schedulePayloadRetention(messaging, createLogger('payments-housekeeping'));
    await scheduleRenewalReminders(messaging, orm, runtime);
  },
  buildSchema: pubSub =>
    buildFederatedSchema(
      {
        resolvers: [
          PlanResolver,
          SubscriptionResolver,
          UserBillingResolver,
          CheckoutResolver,
          SubscriptionLifecycleResolver,
          TipResolver,
          UserEarningsResolver,
          WithdrawalResolver,
          UserWithdrawalsResolver,
          PayoutResolver,
          UserPayoutResolver,
          UserInvoicesResolver,
          PaymentsAnalyticsResolver,
        ],
        // Reached only through federation (User fields, `_entities`), never from a root field here.
        orphanedTypes: [User, PlanSubscription, Analytics],
        pubSub,
      },
      {
        Plan: { __resolveReference: resolvePlanReference },
        PlanSubscription: { __resolveReference: resolveSubscriptionReference },
        User: { __resolveReference: resolveUserReference },
        Analytics: { __resolveReference: analyticsRoot },
      },
    ),
};
