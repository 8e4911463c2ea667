import { type FilterQuery } from '@mikro-orm/postgresql';
import {
  type BaseContext,
  byIds,
  checkPageSize,
  type Connection,
  decodeTimeCursor,
  findByIds,
  hasRole,
  isUuid,
  mapRows,
  loaderFor,
  preparedRead,
  Role,
  toConnection,
  type Viewer,
} from '@vp/kit';
import { isWithdrawn, notWithdrawnSql } from '../moderation/moderation';
import { COUNTER_COLUMNS, counterJoin, takeCounters } from '../stats/counters';
import { Video, type VideoKind, VideoVisibility } from './video.entity';

/** Published means a publish time has been set and has come. */
export const isPublished = (video: Video, now = new Date()) =>
  video.publishedAt !== null && video.publishedAt.getTime() <= now.getTime();

const isOwnerOrAdmin = (ownerId: string, viewer: Viewer | null) =>
  viewer?.id === ownerId || hasRole(viewer, Role.ADMIN);

/**
 * Who may read a video at all: its owner and admins always; anyone else once it is published,
 * unless it is PRIVATE (an UNLISTED video is readable by whoever has its id), taken down, or its
 * owner is suspended (moderation/).
 */
export function canSee(video: Video, viewer: Viewer | null): boolean {
  return (
    isOwnerOrAdmin(video.ownerId, viewer) ||
    (isPublished(video) && video.visibility !== VideoVisibility.PRIVATE && !isWithdrawn(video))
  );
}

/** One batched query per request for every video looked up by id (root field or `_entities`). */
function videoLoader(context: BaseContext) {
  return loaderFor<string, Video>(context, 'videos.video', async ids =>
    byIds(ids, await findByIds(context.em, Video, ids)),
  );
}

/** `select * … where id = any(?)` as findByIds, with the videos' totals (stats/counters.ts). */
const BY_IDS_WITH_COUNTERS_SQL = `select v.*, ${COUNTER_COLUMNS} from "videos"."video" v ${counterJoin('v')}
  where v."id" = any($1::uuid[])`;

/**
 * `_entities` of videos: as videoLoader, with the totals read in the same statement (the gateway
 * asks cards' `viewCount` of every video it resolves here). Only for reads: see takeCounters.
 */
function entityLoader(context: BaseContext) {
  return loaderFor<string, Video>(context, 'videos.video-entity', async ids => {
    // prepared once per connection, as findByIds; ids are checked uuids
    const rows = await preparedRead(context.em, 'videos.video-entities', BY_IDS_WITH_COUNTERS_SQL, [
      [...new Set(ids)],
    ]);
    return byIds(ids, mapRows(context.em, Video, takeCounters(context, rows)));
  });
}

/** `findVisibleVideo` for `_entities`: the same rule, the totals read with the rows. */
export async function findVisibleVideoEntity(
  context: BaseContext,
  id: string,
): Promise<Video | null> {
  if (!isUuid(id)) {
    return null;
  }
  const video = await entityLoader(context).load(id);
  return video && canSee(video, context.viewer) ? video : null;
}

/** The video if the viewer may see it, else null: a hidden video and a missing one look the same. */
export async function findVisibleVideo(context: BaseContext, id: string): Promise<Video | null> {
  if (!isUuid(id)) {
    return null;
  }
  const video = await videoLoader(context).load(id);
  return video && canSee(video, context.viewer) ? video : null;
}

const FEED = 'feed';
const CHANNEL_PUBLISHED = 'channel-published';
const CHANNEL_ALL = 'channel-all';

/** Keyset condition for rows after `(at, id)` in `(at desc, id desc)` order. */
function after(column: 'publishedAt' | 'createdAt', at: Date, id: string): FilterQuery<Video> {
  return {
    $and: [
      { [column]: { $lte: at } },
      { $or: [{ [column]: { $lt: at } }, { [column]: at, id: { $lt: id } }] },
    ],
  } as FilterQuery<Video>;
}

/**
 * The public feed's statement: published PUBLIC videos, not withdrawn (moderation/), written once rather
 * than built by the query builder for every request (every page load asks this list, several
 * times: Home, Shorts, Related); `?` are the kind (or null), the cursor's time and id (or null)
 * and the limit. The videos' totals come with them (stats/counters.ts).
 */
const PUBLIC_FEED_SQL = `select v.*, ${COUNTER_COLUMNS} from "videos"."video" v ${counterJoin('v')}
  where v."visibility" = '${VideoVisibility.PUBLIC}' and v."published_at" is not null
    and v."published_at" <= now() and ${notWithdrawnSql('v')}
    and (?::text is null or v."kind" = ?::text)
    and (?::timestamptz is null or (v."published_at" <= ?::timestamptz
      and (v."published_at" < ?::timestamptz or v."id" < ?::uuid)))
  order by v."published_at" desc, v."id" desc
  limit ?`;

/** The public feed: published PUBLIC videos, newest first. */
export async function listPublicVideos(
  context: BaseContext,
  page: { first: number; after?: string | null; kind?: VideoKind | null },
): Promise<Connection<Video>> {
  const first = checkPageSize(page.first);
  const cursor = page.after ? decodeTimeCursor(page.after, [FEED]) : null;
  const kind = page.kind ?? null;
  const at = cursor?.at ?? null;
  const rows: Record<string, unknown>[] = await context.em
    .getConnection('read')
    .execute(PUBLIC_FEED_SQL, [kind, kind, at, at, at, cursor?.id ?? null, first + 1], 'all');
  const videos = mapRows(context.em, Video, takeCounters(context, rows));
  return toConnection(videos, first, video => [FEED, video.publishedAt!.toISOString(), video.id]);
}

/**
/**
 * What everyone else sees of a channel (published PUBLIC videos, not withdrawn), with their totals
 * (stats/counters.ts), in SQL written once and prepared per connection: every channel page asks
 * it, and the query builder cost more CPU than the query. `$1` the owner, then the cursor's time
 * and id, the limit last.
 */
const CHANNEL_PUBLISHED_SQL = `select v.*, ${COUNTER_COLUMNS} from "videos"."video" v ${counterJoin('v')}
  where v."owner_id" = $1 and v."visibility" = '${VideoVisibility.PUBLIC}'
    and v."published_at" is not null and v."published_at" <= now() and ${notWithdrawnSql('v')}`;
const CHANNEL_PUBLISHED_FIRST = {
  name: 'videos.channel-published',
  text: `${CHANNEL_PUBLISHED_SQL} order by v."published_at" desc, v."id" desc limit $2`,
};
const CHANNEL_PUBLISHED_AFTER = {
  name: 'videos.channel-published-after',
  text: `${CHANNEL_PUBLISHED_SQL}
    and (v."published_at" < $2 or (v."published_at" = $2 and v."id" < $3))
  order by v."published_at" desc, v."id" desc limit $4`,
};

/**
 * A channel's videos. Its owner (and admins) see everything, newest created first, drafts
 * included; everyone else sees the published PUBLIC ones, newest published first. A cursor
 * carries which of the two orderings it belongs to.
 */
export async function listChannelVideos(
  context: BaseContext,
  ownerId: string,
  page: { first: number; after?: string | null },
): Promise<Connection<Video>> {
  const first = checkPageSize(page.first);
  const everything = isOwnerOrAdmin(ownerId, context.viewer);
  const label = everything ? CHANNEL_ALL : CHANNEL_PUBLISHED;
  const column = everything ? 'createdAt' : 'publishedAt';
  const cursor = page.after ? decodeTimeCursor(page.after, [label]) : null;
  if (!isUuid(ownerId)) {
    return toConnection([], first, () => []);
  }
  if (!everything) {
    const statement = cursor ? CHANNEL_PUBLISHED_AFTER : CHANNEL_PUBLISHED_FIRST;
    const values = cursor ? [ownerId, cursor.at, cursor.id, first + 1] : [ownerId, first + 1];
    const rows = await preparedRead(context.em, statement.name, statement.text, values);
    const videos = mapRows(context.em, Video, takeCounters(context, rows));
    return toConnection(videos, first, video => [
      label,
      video.publishedAt!.toISOString(),
      video.id,
    ]);
  }
  const conditions: FilterQuery<Video>[] = [{ ownerId }];
  if (cursor) {
    conditions.push(after(column, cursor.at, cursor.id));
  }
  const rows = await context.em.find(
    Video,
    { $and: conditions },
    { orderBy: { [column]: 'desc', id: 'desc' }, limit: first + 1 },
  );
  return toConnection(rows, first, video => [label, video[column]!.toISOString(), video.id]);
}

/**
 * `canSee` as SQL over a video row aliased `alias`, for lists that join videos (watch history,
 * playlists): what the viewer may not see is left out by the query itself, so pages stay full.
 */
export function visibleVideoSql(
  alias: string,
  viewer: Viewer | null,
): { sql: string; params: unknown[] } {
  if (hasRole(viewer, Role.ADMIN)) {
    return { sql: 'true', params: [] };
  }
  const published = `(${alias}."published_at" <= now() and ${alias}."visibility" <> 'PRIVATE' and ${notWithdrawnSql(alias)})`;
  return viewer
    ? { sql: `(${alias}."owner_id" = ? or ${published})`, params: [viewer.id] }
    : { sql: published, params: [] };
}
