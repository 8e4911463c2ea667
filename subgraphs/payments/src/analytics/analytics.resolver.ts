import { type EntityManager } from '@mikro-orm/postgresql';
import {
  analyticsRange,
  type BaseContext,
  everyDay,
  PlanTier,
  readReplica,
  requireAnalyticsAccess,
} from '@vp/kit';
import { Analytics } from './analytics.type';
import { Arg, Ctx, Field, FieldResolver, Int, ObjectType, Resolver } from 'type-graphql';

@ObjectType({ description: 'Money of one UTC day, in yen.' })
class RevenueDay {
  @Field({ description: 'YYYY-MM-DD (UTC).' })
  day!: string;

  @Field(() => Int, { description: 'Subscription periods paid (the plan price of each).' })
  subscriptionJpy!: number;

  @Field(() => Int, { description: 'Tips paid, gross.' })
  tipJpy!: number;

  @Field(() => Int, { description: "The platform's fees on tips (less fees of tips reversed)." })
  platformFeeJpy!: number;

  @Field(() => Int, { description: 'Refunds and chargebacks of tips and subscriptions.' })
  refundJpy!: number;
}

@ObjectType({ description: 'How many accounts are on one plan tier now.' })
class PlanCount {
  @Field(() => PlanTier)
  tier!: PlanTier;

  @Field(() => Int)
  count!: number;
}

const asNumber = (value: unknown) => Number(value ?? 0);

@Resolver(() => Analytics)
export class PaymentsAnalyticsResolver {
  @FieldResolver(() => [RevenueDay], {
    description:
      'Revenue per day from `from` to `to` (YYYY-MM-DD, UTC, both included, at most 366 days), every day listed; tips agree with the ledger.',
  })
  async revenueByDay(
    @Arg('from') from: string,
    @Arg('to') to: string,
    @Ctx() ctx: BaseContext,
  ): Promise<RevenueDay[]> {
    requireAnalyticsAccess(ctx.viewer);
    const range = analyticsRange(from, to);
    const rows = await readReplica<Record<string, unknown>>(
      ctx.em as EntityManager,
      `select to_char(day, 'YYYY-MM-DD') as day, subscription_jpy, tip_jpy, platform_fee_jpy, refund_jpy
       from payments.revenue_daily where day between ?::date and ?::date`,
      [range.from, range.to],
    );
    return everyDay(
      range,
      rows.map(row => ({
        day: String(row.day),
        subscriptionJpy: asNumber(row.subscription_jpy),
        tipJpy: asNumber(row.tip_jpy),
        platformFeeJpy: asNumber(row.platform_fee_jpy),
        refundJpy: asNumber(row.refund_jpy),
      })),
      day => ({ day, subscriptionJpy: 0, tipJpy: 0, platformFeeJpy: 0, refundJpy: 0 }),
    );
  }

  @FieldResolver(() => [PlanCount], {
    description:
      'Accounts per plan tier now: current (ACTIVE or PAST_DUE) subscriptions, and FREE for every other known account.',
  })
  async subscribersByPlan(@Ctx() ctx: BaseContext): Promise<PlanCount[]> {
    requireAnalyticsAccess(ctx.viewer);
    const em = ctx.em as EntityManager;
    const paying = await readReplica<{ tier: PlanTier; count: string }>(
      em,
      `select p.tier, count(distinct s.user_id) as count from payments.subscription s
       join payments.plan p on p.id = s.plan_id where s.status in ('ACTIVE', 'PAST_DUE') group by p.tier`,
      [],
    );
    const [{ count: accounts }] = await readReplica<{ count: string }>(
      em,
      'select count(*) as count from payments.account_age',
      [],
    );
    const byTier = new Map(paying.map(row => [row.tier, Number(row.count)]));
    const paid = [...byTier.values()].reduce((total, count) => total + count, 0);
    return [
      { tier: PlanTier.FREE, count: Math.max(0, Number(accounts) - paid) },
      { tier: PlanTier.PREMIUM, count: byTier.get(PlanTier.PREMIUM) ?? 0 },
      { tier: PlanTier.PREMIUM_PLUS, count: byTier.get(PlanTier.PREMIUM_PLUS) ?? 0 },
    ];
  }
}
