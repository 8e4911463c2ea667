import { type EntityManager } from '@mikro-orm/postgresql';
import { type UserRegistered } from '@vp/contracts';
import {
  analyticsRange,
  analyticsRoot,
  type BaseContext,
  everyDay,
  type EventOf,
  readReplica,
  requireAnalyticsAccess,
} from '@vp/kit';
import { Analytics } from './analytics.type';
import { Arg, Ctx, Field, FieldResolver, Int, ObjectType, Query, Resolver } from 'type-graphql';

@ObjectType({ description: 'Accounts created on one UTC day.' })
class SignupDay {
  @Field({ description: 'YYYY-MM-DD (UTC).' })
  day!: string;

  @Field(() => Int)
  count!: number;
}

@Resolver(() => Analytics)
export class AnalyticsResolver {
  @Query(() => Analytics, {
    description:
      'Aggregates of the platform (views, revenue, subscribers, sign-ups) for ANALYST and ADMIN accounts, and keys with ANALYTICS_READ; FORBIDDEN for anyone else.',
  })
  analytics(@Ctx() ctx: BaseContext): Analytics {
    requireAnalyticsAccess(ctx.viewer);
    return analyticsRoot() as Analytics;
  }

  @FieldResolver(() => [SignupDay], {
    description:
      'Accounts created per day from `from` to `to` (YYYY-MM-DD, UTC, both included, at most 366 days), every day listed.',
  })
  async signupsByDay(
    @Arg('from') from: string,
    @Arg('to') to: string,
    @Ctx() ctx: BaseContext,
  ): Promise<SignupDay[]> {
    requireAnalyticsAccess(ctx.viewer);
    const range = analyticsRange(from, to);
    const rows = await readReplica<SignupDay>(
      ctx.em as EntityManager,
      `select to_char(day, 'YYYY-MM-DD') as day, count from users.signup_daily where day between ?::date and ?::date`,
      [range.from, range.to],
    );
    return everyDay(range, rows, day => ({ day, count: 0 }));
  }
}

/** users consumes its own UserRegistered: one more sign-up on the day the account was made. */
export async function countSignup(event: EventOf<typeof UserRegistered>, em: EntityManager) {
  await em.execute(
    `insert into users.signup_daily (day, count) values ((?::timestamptz at time zone 'utc')::date, 1)
     on conflict (day) do update set count = signup_daily.count + 1`,
    [event.occurredAt],
  );
}
