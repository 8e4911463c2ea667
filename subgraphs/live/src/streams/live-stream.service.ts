import { emitStreamChanged } from './stream-events';
import { type EntityManager, type FilterQuery } from '@mikro-orm/postgresql';
import {
  Audience,
  badInput,
  type BaseContext,
  byIds,
  checkPageSize,
  type Connection,
  decodeTimeCursor,
  hasRole,
  hiddenBySuspension,
  isUuid,
  loaderFor,
  mapRows,
  notFound,
  PlanTier,
  preparedRead,
  refuseSuspended,
  requireViewer,
  Role,
  type TimeKey,
  toConnection,
  type Viewer,
} from '@vp/kit';
import { type MediaLiveSettings } from '../context';
import {
  provisionMediaLive,
  queueMediaLiveEnd,
  rekeyMediaLive,
} from '../ingest/medialive-lifecycle';
import { type RtmpIngest } from '../ingest/rtmp-ingest';
import { LiveStream, LiveStreamStatus } from './live-stream.entity';
import { type CreateLiveStreamInput } from './live-stream.inputs';
import { generateStreamKey, hashStreamKey, isWellFormedStreamKey } from './stream-key';

/** One batched query per request for every stream looked up by id (root field or `_entities`). */
function liveStreamLoader(context: BaseContext) {
  return loaderFor<string, LiveStream>(context, 'live.liveStream', async ids =>
    byIds(ids, await context.em.find(LiveStream, { id: { $in: [...ids] } })),
  );
}

/**
 * Every stream is public: its title, times and status are announcements, unless a moderator took
 * it down or its owner is suspended (then only its owner and admins see it). What is private (the
 * stream key) arrives with ingest and is readable by its owner only.
 */
export async function findLiveStream(context: BaseContext, id: string): Promise<LiveStream | null> {
  const stream = isUuid(id) ? await liveStreamLoader(context).load(id) : null;
  return stream && canSeeStream(stream, context.viewer) ? stream : null;
}

/** Taken down, or its owner suspended now: hidden from everyone but its owner and admins. */
export const isWithdrawn = (stream: LiveStream) =>
  stream.takenDownAt !== null || hiddenBySuspension(stream.ownerSuspendedUntil);

export const canSeeStream = (stream: LiveStream, viewer: Viewer | null) =>
  !isWithdrawn(stream) || viewer?.id === stream.ownerId || hasRole(viewer, Role.ADMIN);

/** `notWithdrawn` as SQL over the stream aliased `alias`. */
const NOT_WITHDRAWN_SQL = (alias: string) =>
  `(${alias}."taken_down_at" is null and (${alias}."owner_suspended_until" is null or ${alias}."owner_suspended_until" <= now()))`;

/** `isWithdrawn` negated, for lists. */
const notWithdrawn = (): FilterQuery<LiveStream> => ({
  takenDownAt: null,
  $or: [{ ownerSuspendedUntil: null }, { ownerSuspendedUntil: { $lte: new Date() } }],
});

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
 * The directory's statement, written once rather than built by the query builder twice per request
 * (the home page asks it on every load): the streams on air (`$and` its cursor, unless the cursor
 * points into the upcoming part) and the upcoming ones (after its cursor), each in its order and
 * numbered, `notWithdrawn` in SQL. `?` are the cursor's label (or null), the on-air cursor's time
 * and id (or null), the limit, the upcoming cursor's time and id (or null), the limit.
 */
const DIRECTORY_SQL = `select * from (
    select l.*, 0 as "directory_part",
      row_number() over (order by l."started_at" desc, l."id" desc) as "directory_position"
    from "live"."live_stream" l
    where ?::text is distinct from '${UPCOMING}' and l."status" = '${LiveStreamStatus.LIVE}'
      and ${NOT_WITHDRAWN_SQL('l')}
      and (?::timestamptz is null or (l."started_at" <= ?::timestamptz
        and (l."started_at" < ?::timestamptz or l."id" < ?::uuid)))
    order by l."started_at" desc, l."id" desc
    limit ?
  ) on_air
  union all
  select * from (
    select l.*, 1 as "directory_part",
      row_number() over (order by l."scheduled_at" asc, l."id" asc) as "directory_position"
    from "live"."live_stream" l
    where l."status" = '${LiveStreamStatus.SCHEDULED}' and l."scheduled_at" is not null
      and ${NOT_WITHDRAWN_SQL('l')}
      and (?::timestamptz is null or (l."scheduled_at" >= ?::timestamptz
        and (l."scheduled_at" > ?::timestamptz or l."id" > ?::uuid)))
    order by l."scheduled_at" asc, l."id" asc
    limit ?
  ) upcoming`;

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
  const onAir = cursor?.label === ON_AIR ? cursor : null;
  const upcoming = cursor?.label === UPCOMING ? cursor : null;
  const rows: Record<string, unknown>[] = await em
    .getConnection('read')
    .execute(
      DIRECTORY_SQL,
      [
        cursor?.label ?? null,
        ...[onAir?.at ?? null, onAir?.at ?? null, onAir?.at ?? null, onAir?.id ?? null],
        first + 1,
        ...[upcoming?.at ?? null, upcoming?.at ?? null, upcoming?.at ?? null, upcoming?.id ?? null],
        first + 1,
      ],
      'all',
    );
  // on air first, each part in its order; the numbering columns are not the entity's
  const ordered = rows
    .sort(
      (a, b) =>
        Number(a.directory_part) - Number(b.directory_part) ||
        Number(a.directory_position) - Number(b.directory_position),
    )
    .slice(0, first + 1)
    .map(({ directory_part: _part, directory_position: _position, ...row }) => row);
  return toConnection(mapRows(em, LiveStream, ordered), first, stream =>
    stream.status === LiveStreamStatus.LIVE
      ? [ON_AIR, stream.startedAt!.toISOString(), stream.id]
      : [UPCOMING, stream.scheduledAt!.toISOString(), stream.id],
  );
}

const CHANNEL = 'channel';

/**
 * `listChannelStreams`' first page for everyone but the owner and admins (`notWithdrawn` in SQL):
 * `$1` the owner, `$2` now, `$3` the limit.
 */
const CHANNEL_FIRST_PAGE = {
  name: 'live.channel-streams',
  text: `select * from "live"."live_stream" s
  where s."owner_id" = $1 and s."taken_down_at" is null
    and (s."owner_suspended_until" is null or s."owner_suspended_until" <= $2)
  order by s."created_at" desc, s."id" desc limit $3`,
};

/** A channel's streams, every status, newest created first (what is withdrawn: for its owner and admins). */
export async function listChannelStreams(
  em: EntityManager,
  ownerId: string,
  page: { first: number; after?: string | null },
  viewer: Viewer | null = null,
): Promise<Connection<LiveStream>> {
  const first = checkPageSize(page.first);
  const cursor = page.after ? decodeTimeCursor(page.after, [CHANNEL]) : null;
  if (!isUuid(ownerId)) {
    return toConnection([], first, () => []);
  }
  const everything = viewer?.id === ownerId || hasRole(viewer, Role.ADMIN);
  if (!everything && !cursor) {
    // what every channel page asks: one statement written once, prepared per connection
    const rows = await preparedRead(em, CHANNEL_FIRST_PAGE.name, CHANNEL_FIRST_PAGE.text, [
      ownerId,
      new Date(),
      first + 1,
    ]);
    return toConnection(mapRows(em, LiveStream, rows), first, stream => [
      CHANNEL,
      stream.createdAt.toISOString(),
      stream.id,
    ]);
  }
  const conditions: FilterQuery<LiveStream>[] = [{ ownerId }];
  if (!everything) {
    conditions.push(notWithdrawn());
  }
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

/** Any signed-in user may go live; the new stream is SCHEDULED with a fresh stream key. */
export async function createLiveStream(
  context: BaseContext,
  input: CreateLiveStreamInput,
  mediaLive: MediaLiveSettings | null = null,
): Promise<LiveStream> {
  const viewer = requireViewer(context.viewer);
  await refuseSuspended(context, viewer.id);
  const { title } = input;
  const scheduledAt = input.scheduledAt ?? null;
  const stream = context.em.create(LiveStream, {
    ownerId: viewer.id,
    title,
    description: input.description ?? '',
    requiredPlan: input.requiredPlan ?? PlanTier.FREE,
    audience: input.audience ?? Audience.GENERAL,
    scheduledAt,
  } as LiveStream);
  issueStreamKey(stream);
  if (mediaLive) {
    await provisionMediaLive(context.em, mediaLive, stream, stream.issuedStreamKey!, context.log);
  }
  emitStreamChanged(context.em, stream);
  await context.em.flush();
  return stream;
}

function issueStreamKey(stream: LiveStream) {
  const key = generateStreamKey();
  stream.streamKeyHash = hashStreamKey(key);
  stream.streamKeyHint = key.slice(-4);
  stream.issuedStreamKey = key;
}

/** The stream, if the viewer owns it: NOT_FOUND for others, so ids of secrets do not leak either. */
export async function findOwnStream(context: BaseContext, id: string): Promise<LiveStream> {
  const viewer = requireViewer(context.viewer);
  const stream = await findLiveStream(context, id);
  if (!stream || stream.ownerId !== viewer.id) {
    throw notFound('The live stream');
  }
  return stream;
}

/** A new key replaces the old one at once: the old key no longer verifies. */
export async function rotateStreamKey(
  context: BaseContext,
  id: string,
  mediaLive: MediaLiveSettings | null = null,
): Promise<LiveStream> {
  const stream = await findOwnStream(context, id);
  if (stream.status === LiveStreamStatus.ENDED) {
    throw badInput('The stream has ended; create a new one.');
  }
  issueStreamKey(stream);
  if (mediaLive) {
    await rekeyMediaLive(context.em, mediaLive, stream.id, stream.issuedStreamKey!, context.log);
  }
  await context.em.flush();
  return stream;
}

/**
 * The owner ends their stream now: ENDED for everyone at once (LiveStreamChanged), its key no longer
 * verifies, and its publisher is let go (by this process's ingest now, by another's within a beat);
 * the ingest hands the recording to videos once the reconnect window has passed. Ending an ended
 * stream changes nothing.
 */
export async function endLiveStream(
  context: BaseContext,
  id: string,
  ingest: RtmpIngest | null,
  mediaLive: MediaLiveSettings | null = null,
): Promise<LiveStream> {
  const stream = await findOwnStream(context, id);
  if (stream.status !== LiveStreamStatus.ENDED) {
    await endSession(context.em, stream.id);
    ingest?.drop(stream.id);
    if (mediaLive) {
      queueMediaLiveEnd(context.em, stream.id);
      await context.em.flush();
    }
    await context.em.refresh(stream);
  }
  return stream;
}

/**
 * The seam for the RTMP ingest: the stream a publish key belongs to, or null for an unknown,
 * rotated or malformed key, or a stream that has ended.
 */
export async function verifyStreamKey(em: EntityManager, key: string): Promise<LiveStream | null> {
  if (!isWellFormedStreamKey(key)) {
    return null;
  }
  const stream = await em.findOne(LiveStream, { streamKeyHash: hashStreamKey(key) });
  return stream && stream.status !== LiveStreamStatus.ENDED && !isWithdrawn(stream) ? stream : null;
}

/**
 * The ingest calls this when a publisher with a valid key starts: SCHEDULED → LIVE. A LIVE stream
 * stays LIVE (a publisher reconnecting within the grace window). Null when the key is not valid.
 */
export async function startSession(
  em: EntityManager,
  streamKey: string,
): Promise<LiveStream | null> {
  const stream = await verifyStreamKey(em, streamKey);
  if (!stream) {
    return null;
  }
  if (stream.status === LiveStreamStatus.SCHEDULED) {
    await changeStatus(em, stream.id, LiveStreamStatus.SCHEDULED, {
      status: LiveStreamStatus.LIVE,
      startedAt: new Date(),
      ingestHeartbeatAt: new Date(),
    });
    await em.refresh(stream);
  } else {
    await beatHeart(em, [stream.id]);
  }
  return stream;
}

/** The ingest's heartbeat for the streams whose sessions it holds (those still LIVE). */
export async function beatHeart(em: EntityManager, streamIds: string[]): Promise<void> {
  if (streamIds.length) {
    await em.nativeUpdate(
      LiveStream,
      { id: { $in: streamIds }, status: LiveStreamStatus.LIVE },
      { ingestHeartbeatAt: new Date() },
    );
  }
}

/** The ingest calls this when the session is over (after the reconnect grace): LIVE → ENDED. */
export async function endSession(em: EntityManager, streamId: string): Promise<LiveStream | null> {
  if (!isUuid(streamId)) {
    return null;
  }
  await changeStatus(
    em,
    streamId,
    { $ne: LiveStreamStatus.ENDED },
    { status: LiveStreamStatus.ENDED, endedAt: new Date() },
  );
  return em.findOne(LiveStream, { id: streamId }, { refresh: true });
}

/**
 * Moves a stream from a status to another in one conditional update, so that two instances
 * racing (two ingests on one key, an ingest and a MediaLive job) move it once, and announces it.
 */
export async function changeStatus(
  em: EntityManager,
  streamId: string,
  from: LiveStreamStatus | { $ne: LiveStreamStatus },
  changes: Pick<LiveStream, 'status'> &
    Partial<Pick<LiveStream, 'startedAt' | 'endedAt' | 'ingestHeartbeatAt'>>,
): Promise<void> {
  await em.transactional(async tx => {
    const updated = await tx.nativeUpdate(
      LiveStream,
      { id: streamId, status: from },
      { ...changes, updatedAt: new Date() },
    );
    if (updated === 1) {
      emitStreamChanged(
        tx,
        await tx.findOneOrFail(LiveStream, { id: streamId }, { refresh: true }),
      );
    }
  });
}
