import { buildFederatedSchema, type SubgraphDefinition } from '@vp/kit';
import { migrations } from '../migrations';
import { Plan } from './plans/plan.entity';
import { PlanResolver, resolvePlanReference } from './plans/plan.resolver';
import { PlanSubscription } from './subscriptions/subscription.entity';
import {
  resolveSubscriptionReference,
  SubscriptionResolver,
} from './subscriptions/subscription.resolver';
import { resolveUserReference, UserBillingResolver } from './user/user.resolver';
import { User } from './user/user.stub';

export { PLAN_IDS } from './plans/plan-ids';

export const payments: SubgraphDefinition = {
  name: 'payments',
  dbSchema: 'payments',
  entities: [Plan, PlanSubscription],
  migrations,
  buildSchema: pubSub =>
    buildFederatedSchema(
      {
        resolvers: [PlanResolver, SubscriptionResolver, UserBillingResolver],
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
