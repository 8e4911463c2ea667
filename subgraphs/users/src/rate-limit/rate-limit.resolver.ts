import { type BaseContext } from '@vp/kit';
import { Ctx, Field, Int, ObjectType, Query, Resolver } from 'type-graphql';

@ObjectType({
  description:
    'Your cost budget (a leaky bucket): each operation takes its cost from it before it runs, and it refills continuously.',
})
export class RateLimit {
  @Field(() => Int, { description: 'The most points the budget holds.' })
  limit!: number;

  @Field(() => Int, {
    description: 'What this operation cost (asking only for rateLimit costs 0).',
  })
  cost!: number;

  @Field(() => Int, { description: 'Points left after this operation.' })
  remaining!: number;

  @Field(() => Date, { description: 'When the budget will be full again if you stop now.' })
  resetAt!: Date;
}

@Resolver()
export class RateLimitResolver {
  /**
   * The gateway charges the operation before it runs and passes the caller's budget on with the
   * request (kit's ClientInfo.rateLimit); called without a gateway in front, the budget is unknown.
   */
  @Query(() => RateLimit, {
    nullable: true,
    description:
      'Your cost budget as of this request: limit, what this operation cost, what is left, when it is full again. Costs nothing to ask. Null when not asked through the gateway.',
  })
  rateLimit(@Ctx() ctx: BaseContext): RateLimit | null {
    const status = ctx.client?.rateLimit;
    if (!status) {
      return null;
    }
    return {
      limit: status.limit,
      cost: status.cost,
      remaining: status.remaining,
      resetAt: new Date(status.resetAt),
    };
  }
}
