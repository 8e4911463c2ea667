import { buildFederatedSchema, MESSAGING_ENTITIES, type SubgraphDefinition } from '@vp/kit';
import { migrations } from '../migrations';
import { CheckoutResolver } from './checkout/checkout.resolver';
import { type PaymentsContext } from './providers/runtime';
import { type PaymentsConfig } from './providers/settings';
import {
  mountPaymentsRoutes,
  PROVIDER_ENTITIES,
  registerPaymentsMessaging,
  startCheckoutOf,
  withPayments,
} from './providers/wiring';
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
import { UserWithdrawalsResolver, WithdrawalResolver } from './withdrawals/withdrawal.resolver';

export { PLAN_IDS } from './plans/plan-ids';

export type { PaymentsConfig } from './providers/settings';

export const payments: SubgraphDefinition<
  MoneyConfig & PaymentsConfig,
  MoneyContext & PaymentsContext
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
    ...PROVIDER_ENTITIES,
    ...MESSAGING_ENTITIES,
  ],
  migrations,
  extendContext: (base, config) =>
    withPayments(withMoney(base, config, startCheckoutOf(config)), config),
  routes: mountPaymentsRoutes,
  messaging: async (messaging, config, _shared, orm) => {
    await consumeContentEvents(messaging);
    await registerPaymentsMessaging(messaging, config, orm);
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
        ],
        // Reached only through federation (User fields, `_entities`), never from a root field here.
        orphanedTypes: [User, PlanSubscription],
        pubSub,
      },
      {
        Plan: { __resolveReference: resolvePlanReference },
        PlanSubscription: { __resolveReference: resolveSubscriptionReference },
        User: { __resolveReference: resolveUserReference },
      },
    ),
};
