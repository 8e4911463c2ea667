import { type EntityManager } from '@mikro-orm/postgresql';
import {
  analyticsRange,
  type BaseContext,
  badInput,
  everyDay,
  isUuid,
  readReplica,
  requireAnalyticsAccess,
} from '@vp/kit';
import { Arg, Ctx, Field, FieldResolver, ID, Int, ObjectType, Resolver } from 'type-graphql';
import { Video } from '../videos/video.entity';
import { Analytics } from './analytics.type';
import { ALL_SCOPE_ID } from './view-rollup';

@ObjectType({ description: 'Views of one UTC day.' })
class ViewDay {
  @Field({ description: 'YYYY-MM-DD (UTC).' })
  day!: string;

  @Field(() => Int, {
    description:
      'Views counted (30 s watched, or half a shorter video, once per viewer and 30 minutes).',
  })
  views!: number;

  @Field(() => Int, { description: 'Seconds watched by others than the owner.' })
  watchSeconds!: number;

  @Field(() => Int, {
    description:
      'Distinct viewers (accounts, or player sessions when signed out) with a counted view.',
  })
  uniqueViewers!: number;
}

@ObjectType({ description: 'A video among the most viewed of a range.' })
class TopVideo {
  @Field(() => Video, { nullable: true, description: 'Null when it was deleted since.' })
  video!: Video | null;

  @Field(() => Int)
  views!: number;

  @Field(() => Int)
  watchSeconds!: number;
}

const toNumber = (value: unknown) => Number(value ?? 0);

function checkId(value: string | null | undefined, field: string) {
  if (value != null && !isUuid(value)) {
    throw badInput(`${field} is not an id.`, [{ field, message: 'Not an id.' }]);
  }
}

@Resolver(() => Analytics)
export class VideosAnalyticsResolver {
  @FieldResolver(() => [ViewDay], {
    description:
      'Views, watch time and unique viewers per day from `from` to `to` (YYYY-MM-DD, UTC, both included, at most 366 days), every day listed: the whole platform, one creator or one video.',
  })
  async viewsByDay(
    @Arg('from') from: string,
    @Arg('to') to: string,
    @Arg('creatorId', () => ID, { nullable: true }) creatorId: string | null,
    @Arg('videoId', () => ID, { nullable: true }) videoId: string | null,
    @Ctx() ctx: BaseContext,
  ): Promise<ViewDay[]> {
    requireAnalyticsAccess(ctx.viewer);
    const range = analyticsRange(from, to);
    checkId(creatorId, 'creatorId');
    checkId(videoId, 'videoId');
    const em = ctx.em as EntityManager;
    const [scope, scopeId] = videoId
      ? ['VIDEO', videoId]
      : creatorId
        ? ['CREATOR', creatorId]
        : ['ALL', ALL_SCOPE_ID];
    const rows = await readReplica<Record<string, unknown>>(
      em,
      videoId
        ? // one video: views and watch time are its own statistics, unique viewers the rollup's
          `select to_char(s.day, 'YYYY-MM-DD') as day, s.views, s.watch_seconds, coalesce(r.unique_viewers, 0) as unique_viewers
           from videos.video_daily_stat s
           left join videos.view_rollup r on r.scope = 'VIDEO' and r.scope_id = s.video_id and r.day = s.day
           where s.video_id = ? and s.day between ?::date and ?::date`
        : `select to_char(day, 'YYYY-MM-DD') as day, views, watch_seconds, unique_viewers
           from videos.view_rollup where scope = ? and scope_id = ? and day between ?::date and ?::date`,
      videoId ? [videoId, range.from, range.to] : [scope, scopeId, range.from, range.to],
    );
    return everyDay(
      range,
      rows.map(row => ({
        day: String(row.day),
        views: toNumber(row.views),
        watchSeconds: toNumber(row.watch_seconds),
        uniqueViewers: toNumber(row.unique_viewers),
      })),
      day => ({ day, views: 0, watchSeconds: 0, uniqueViewers: 0 }),
    );
  }

  @FieldResolver(() => [TopVideo], {
    description:
      'The most viewed videos from `from` to `to` (at most 366 days), most views first; `first` 1–100.',
  })
  async topVideos(
    @Arg('from') from: string,
    @Arg('to') to: string,
    @Arg('first', () => Int, { defaultValue: 10 }) first: number,
    @Ctx() ctx: BaseContext,
  ): Promise<TopVideo[]> {
    requireAnalyticsAccess(ctx.viewer);
    const range = analyticsRange(from, to);
    if (!Number.isInteger(first) || first < 1 || first > 100) {
      throw badInput('first: A whole number from 1 to 100.', [
        { field: 'first', message: 'A whole number from 1 to 100.' },
      ]);
    }
    const em = ctx.em as EntityManager;
    const rows = await readReplica<{ video_id: string; views: string; watch_seconds: string }>(
      em,
      `select video_id, sum(views) as views, sum(watch_seconds) as watch_seconds
       from videos.video_daily_stat where day between ?::date and ?::date
       group by video_id having sum(views) > 0 order by sum(views) desc, video_id limit ?`,
      [range.from, range.to, first],
    );
    const videos = await em.find(Video, { id: { $in: rows.map(row => row.video_id) } });
    const byId = new Map(videos.map(video => [video.id, video]));
    return rows.map(row => ({
      video: byId.get(row.video_id) ?? null,
      views: toNumber(row.views),
      watchSeconds: toNumber(row.watch_seconds),
    }));
  }
}
