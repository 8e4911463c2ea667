import { type BaseContext, UNCACHED } from '@vp/kit';
import { Rule } from '@vp/kit';
import {
  Args,
  ArgsType,
  Ctx,
  Field,
  FieldResolver,
  Int,
  ObjectType,
  Resolver,
  Root,
  Directive,
} from 'type-graphql';
import { Video } from '../videos/video.entity';
import { dailyStats, type DayStats, dayProblem } from './stats.service';

@ObjectType({ description: "One UTC day of a video's statistics." })
export class VideoDayStats implements DayStats {
  @Field({ description: 'YYYY-MM-DD (UTC).' })
  day!: string;

  @Field(() => Int, { description: 'Views counted that day.' })
  views!: number;

  @Field(() => Int, { description: 'Seconds watched by others than the owner.' })
  watchSeconds!: number;

  @Field(() => Int, { description: 'Likes added minus likes taken back that day.' })
  likes!: number;

  @Field(() => Int, { description: 'Comments and replies added that day.' })
  comments!: number;
}

@ArgsType()
export class StatsArgs {
  @Field({ description: 'The first day, YYYY-MM-DD (UTC).' })
  @Rule(dayProblem)
  from!: string;

  @Field({ description: 'The last day, YYYY-MM-DD (UTC), at most 366 days after from.' })
  @Rule(dayProblem)
  to!: string;
}

@Resolver(() => Video)
export class StatsResolver {
  @Directive(UNCACHED)
  @FieldResolver(() => [VideoDayStats], {
    nullable: true,
    description:
      'Per-day statistics from `from` to `to` (YYYY-MM-DD, UTC, both included, at most 366 days). The owner, ADMINs and ANALYSTs only: null with FORBIDDEN for anyone else.',
  })
  stats(
    @Root() video: Video,
    @Args() range: StatsArgs,
    @Ctx() context: BaseContext,
  ): Promise<DayStats[]> {
    return dailyStats(context, video, range);
  }
}
