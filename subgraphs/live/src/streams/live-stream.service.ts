import { type EntityManager, type FilterQuery } from '@mikro-orm/postgresql';
import {
  type BaseContext,
  byIds,
  checkPageSize,
  type Connection,
  decodeTimeCursor,
  isUuid,
  loaderFor,
  type TimeKey,
  toConnection,
} from '@vp/kit';
import { LiveStream, LiveStreamStatus } from './live-stream.entity';

/** One batched query per request for every stream looked up by id (root field or `_entities`). */
function liveStreamLoader(context: BaseContext) {
  return loaderFor<string, LiveStream>(context, 'live.liveStream', async ids =>
    byIds(ids, await context.em.find(LiveStream, { id: { $in: [...ids] } })),
  );
}

/**
 * Every stream is public for now: its title, times and status are announcements. What is private
 * (the stream key) arrives with ingest and is readable by its owner only.
 */
export async function findLiveStream(context: BaseContext, id: string): Promise<LiveStream | null> {
  return isUuid(id) ? liveStreamLoader(context).load(id) : null;
}

type TimeColumn = 'startedAt' | 'scheduledAt' | 'createdAt';

/** Keyset condition for rows after the cursor in `(column, id)` order, descending or ascending. */
function after(
  column: TimeColumn,
  cursor: TimeKey,
  direction: 'asc' | 'desc',
): FilterQuery<LiveStream> {
  const [past, before] =
    direction === 'desc' ? (['$lt', '$lte'] as const) : (['$gt', '$gte'] as const);
  return {
    $and: [
      { [column]: { [before]: cursor.at } },
      {
        $or: [
          { [column]: { [past]: cursor.at } },
          { [column]: cursor.at, id: { [past]: cursor.id } },
        ],
      },
    ],
  } as FilterQuery<LiveStream>;
}

const ON_AIR = 'on-air';
const UPCOMING = 'upcoming';

/**
 * The directory: streams on air, newest started first, then upcoming ones (SCHEDULED with an
 * announced time), soonest first. Ended streams and unannounced ones are not listed. A cursor
 * names the part it points into, so the walk goes on where it stopped.
 */
export async function listLiveStreams(
  em: EntityManager,
  page: { first: number; after?: string | null },
): Promise<Connection<LiveStream>> {
  const first = checkPageSize(page.first);
  const cursor = page.after ? decodeTimeCursor(page.after, [ON_AIR, UPCOMING]) : null;
  const rows: LiveStream[] = [];
  if (!cursor || cursor.label === ON_AIR) {
    const conditions: FilterQuery<LiveStream>[] = [{ status: LiveStreamStatus.LIVE }];
    if (cursor) {
      conditions.push(after('startedAt', cursor, 'desc'));
    }
    rows.push(
      ...(await em.find(
        LiveStream,
        { $and: conditions },
        { orderBy: { startedAt: 'desc', id: 'desc' }, limit: first + 1 },
      )),
    );
  }
  if (rows.length <= first) {
    const conditions: FilterQuery<LiveStream>[] = [
      { status: LiveStreamStatus.SCHEDULED, scheduledAt: { $ne: null } },
    ];
    if (cursor?.label === UPCOMING) {
      conditions.push(after('scheduledAt', cursor, 'asc'));
    }
    rows.push(
      ...(await em.find(
        LiveStream,
        { $and: conditions },
        { orderBy: { scheduledAt: 'asc', id: 'asc' }, limit: first + 1 - rows.length },
      )),
    );
  }
  return toConnection(rows, first, stream =>
    stream.status === LiveStreamStatus.LIVE
      ? [ON_AIR, stream.startedAt!.toISOString(), stream.id]
      : [UPCOMING, stream.scheduledAt!.toISOString(), stream.id],
  );
}

const CHANNEL = 'channel';

/** A channel's streams, every status, newest created first. */
export async function listChannelStreams(
  em: EntityManager,
  ownerId: string,
  page: { first: number; after?: string | null },
): Promise<Connection<LiveStream>> {
  const first = checkPageSize(page.first);
  const cursor = page.after ? decodeTimeCursor(page.after, [CHANNEL]) : null;
  if (!isUuid(ownerId)) {
    return toConnection([], first, () => []);
  }
  const conditions: FilterQuery<LiveStream>[] = [{ ownerId }];
  if (cursor) {
    conditions.push(after('createdAt', cursor, 'desc'));
  }
  const rows = await em.find(
    LiveStream,
    { $and: conditions },
    { orderBy: { createdAt: 'desc', id: 'desc' }, limit: first + 1 },
  );
  return toConnection(rows, first, stream => [CHANNEL, stream.createdAt.toISOString(), stream.id]);
}
