import { LockMode } from '@mikro-orm/core';
import { type EntityManager } from '@mikro-orm/postgresql';
import {
  badInput,
  type BaseContext,
  checkPageSize,
  type Connection,
  decodeCursor,
  decodeTimeCursor,
  pastKey,
  forbidden,
  hasRole,
  isUuid,
  loaderFor,
  mapRows,
  notFound,
  preparedRead,
  requireViewer,
  Role,
  toConnection,
  type Viewer,
  normalizeLineBreaks,
} from '@vp/kit';
import { requireVisibleVideo } from '../videos/video-access';
import { findVisibleVideo, visibleVideoSql } from '../videos/video.service';
import { MAX_PLAYLIST_ITEMS, Playlist, PlaylistKind, PlaylistVisibility } from './playlist.entity';
import {
  type CreatePlaylistInput,
  type PlaylistItemEntry,
  type UpdatePlaylistInput,
} from './playlist.types';

const WATCH_LATER_TITLE = 'Watch later';

/** The changes an input asks for (its rules have checked the text: trimmed, lengths, plain). */
function detailsOf(input: UpdatePlaylistInput): Partial<Playlist> {
  const changes: Partial<Playlist> = {};
  if (input.title != null) {
    changes.title = input.title;
  }
  if (input.description != null) {
    changes.description = normalizeLineBreaks(input.description);
  }
  if (input.visibility != null) {
    changes.visibility = input.visibility;
  }
  return changes;
}

const isOwnerOrAdmin = (playlist: Playlist, viewer: Viewer | null) =>
  viewer?.id === playlist.ownerId || hasRole(viewer, Role.ADMIN);

/** Its owner (and ADMINs) always; others PUBLIC and UNLISTED ones (UNLISTED only by id). */
export const canSeePlaylist = (playlist: Playlist, viewer: Viewer | null) =>
  isOwnerOrAdmin(playlist, viewer) || playlist.visibility !== PlaylistVisibility.PRIVATE;

/** One statement per request for every playlist looked up by id. */
function playlistLoader(context: BaseContext) {
  return loaderFor<string, Playlist>(context, 'videos.playlist', async ids => {
    const rows = await context.em.find(Playlist, { id: { $in: [...ids] } });
    const found = new Map(rows.map(row => [row.id, row]));
    return ids.map(id => found.get(id) ?? null);
  });
}

export async function findVisiblePlaylist(
  context: BaseContext,
  id: string,
): Promise<Playlist | null> {
  if (!isUuid(id)) {
    return null;
  }
  const playlist = await playlistLoader(context).load(id);
  return playlist && canSeePlaylist(playlist, context.viewer) ? playlist : null;
}

export async function createPlaylist(
  context: BaseContext,
  input: CreatePlaylistInput,
): Promise<Playlist> {
  const viewer = requireViewer(context.viewer);
  const details = detailsOf(input);
  const playlist = context.em.create(Playlist, { ownerId: viewer.id, ...details } as Playlist);
  await context.em.flush();
  return playlist;
}

/**
 * Runs a change of a playlist its owner (or an ADMIN) makes, holding the playlist's row lock so
 * changes to one playlist happen one at a time. Anyone else gets NOT_FOUND when the playlist is
 * hidden from them, FORBIDDEN when they can see it. Positions are made dense first: deleting a
 * video removes its entries (foreign key) and leaves a gap that the next change closes.
 */
async function changePlaylist<T>(
  context: BaseContext,
  id: string,
  change: (em: EntityManager, playlist: Playlist, count: number) => Promise<T>,
  field = 'playlistId',
): Promise<T> {
  const viewer = requireViewer(context.viewer);
  if (!isUuid(id)) {
    throw badInput('Not a playlist id.', [{ field, message: 'Not a playlist id.' }]);
  }
  return context.em.transactional(async em => {
    const playlist = await em.findOne(Playlist, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!playlist || !canSeePlaylist(playlist, viewer)) {
      throw notFound('The playlist');
    }
    if (!isOwnerOrAdmin(playlist, viewer)) {
      throw forbidden('Only its owner may change a playlist.');
    }
    const [{ count }]: { count: number }[] = await em.execute(
      `with ranked as (
         select "video_id", (row_number() over (order by "position") - 1)::int as "rank"
         from "videos"."playlist_item" where "playlist_id" = ?
       ), compacted as (
         update "videos"."playlist_item" i set "position" = ranked."rank" from ranked
         where i."playlist_id" = ? and i."video_id" = ranked."video_id" and i."position" <> ranked."rank"
       )
       select count(*)::int as "count" from ranked`,
      [playlist.id, playlist.id],
    );
    const result = await change(em, playlist, count);
    playlist.updatedAt = new Date();
    await em.flush();
    return result;
  });
}

function refuseWatchLater(playlist: Playlist, what: string) {
  if (playlist.kind === PlaylistKind.WATCH_LATER) {
    throw badInput(`"Watch later" cannot be ${what}.`, [
      { field: 'id', message: 'The built-in Watch later.' },
    ]);
  }
}

export function updatePlaylist(context: BaseContext, id: string, input: UpdatePlaylistInput) {
  return changePlaylist(
    context,
    id,
    async (_em, playlist) => {
      const changes = detailsOf(input);
      if (Object.keys(changes).length) {
        refuseWatchLater(playlist, 'renamed or shared');
      }
      Object.assign(playlist, changes);
      return playlist;
    },
    'id',
  );
}

export function deletePlaylist(context: BaseContext, id: string): Promise<boolean> {
  return changePlaylist(
    context,
    id,
    async (em, playlist) => {
      refuseWatchLater(playlist, 'deleted');
      em.remove(playlist);
      return true;
    },
    'id',
  );
}

/** Appends a video the owner may see; adding one already there changes nothing. */
export async function addToPlaylist(context: BaseContext, playlistId: string, videoId: string) {
  const video = await requireVisibleVideo(context, videoId);
  return changePlaylist(context, playlistId, async (em, playlist, count) => {
    const [present] = await em.execute(
      `select 1 from "videos"."playlist_item" where "playlist_id" = ? and "video_id" = ?`,
      [playlist.id, video.id],
    );
    if (present) {
      return playlist;
    }
    if (count >= MAX_PLAYLIST_ITEMS) {
      throw badInput(`A playlist holds up to ${MAX_PLAYLIST_ITEMS} videos.`, [
        { field: 'playlistId', message: 'The playlist is full.' },
      ]);
    }
    await em.execute(
      `insert into "videos"."playlist_item" ("playlist_id", "video_id", "position", "added_at")
       values (?, ?, ?, date_trunc('milliseconds', now()))`,
      [playlist.id, video.id, count],
    );
    return playlist;
  });
}

function checkVideoId(videoId: string) {
  if (!isUuid(videoId)) {
    throw badInput('Not a video id.', [{ field: 'videoId', message: 'Not a video id.' }]);
  }
}

/** Takes a video out and closes the gap; removing one that is not there changes nothing. */
export function removeFromPlaylist(context: BaseContext, playlistId: string, videoId: string) {
  checkVideoId(videoId);
  return changePlaylist(context, playlistId, async (em, playlist) => {
    const removed: { position: number }[] = await em.execute(
      `delete from "videos"."playlist_item" where "playlist_id" = ? and "video_id" = ? returning "position"`,
      [playlist.id, videoId],
    );
    if (removed.length) {
      await em.execute(
        `update "videos"."playlist_item" set "position" = "position" - 1 where "playlist_id" = ? and "position" > ?`,
        [playlist.id, removed[0].position],
      );
    }
    return playlist;
  });
}

/** Moves a video to a 0-based position among every entry, shifting the ones in between. */
export function movePlaylistItem(
  context: BaseContext,
  playlistId: string,
  videoId: string,
  position: number,
) {
  checkVideoId(videoId);
  return changePlaylist(context, playlistId, async (em, playlist, count) => {
    const [item]: { position: number }[] = await em.execute(
      `select "position" from "videos"."playlist_item" where "playlist_id" = ? and "video_id" = ?`,
      [playlist.id, videoId],
    );
    if (!item) {
      throw notFound('The video in this playlist');
    }
    if (!Number.isInteger(position) || position < 0 || position >= count) {
      throw badInput(`The position must be between 0 and ${count - 1}.`, [
        { field: 'position', message: `0 to ${count - 1}.` },
      ]);
    }
    if (position !== item.position) {
      const [low, high, step] =
        position < item.position
          ? [position, item.position - 1, 1]
          : [item.position + 1, position, -1];
      await em.execute(
        `update "videos"."playlist_item" set "position" = "position" + ?
         where "playlist_id" = ? and "position" between ? and ?`,
        [step, playlist.id, low, high],
      );
      await em.execute(
        `update "videos"."playlist_item" set "position" = ? where "playlist_id" = ? and "video_id" = ?`,
        [position, playlist.id, videoId],
      );
    }
    return playlist;
  });
}

/** How many entries the viewer may see, for every playlist of a request in one statement. */
export async function visibleItemCount(context: BaseContext, playlistId: string): Promise<number> {
  const loader = loaderFor<string, number>(context, 'videos.playlistItemCount', async ids => {
    const visible = visibleVideoSql('v', context.viewer);
    const rows: { playlist_id: string; count: number }[] = await context.em.execute(
      `select i."playlist_id", count(*)::int as "count"
       from "videos"."playlist_item" i join "videos"."video" v on v."id" = i."video_id"
       where i."playlist_id" in (?) and ${visible.sql} group by i."playlist_id"`,
      [ids, ...visible.params],
    );
    const found = new Map(rows.map(row => [row.playlist_id, row.count]));
    return ids.map(id => found.get(id) ?? 0);
  });
  return (await loader.load(playlistId)) ?? 0;
}

const ITEMS = 'items';

/**
 * A playlist's entries in order, only those the viewer may see (a video made private or deleted is
 * gone for them), numbered densely among those.
 */
export async function listItems(
  context: BaseContext,
  playlist: Playlist,
  page: { first: number; after?: string | null },
): Promise<Connection<PlaylistItemEntry>> {
  const first = checkPageSize(page.first);
  let afterPosition = -1;
  if (page.after) {
    const [label, position, ...rest] = decodeCursor(page.after);
    if (
      label !== ITEMS ||
      typeof position !== 'number' ||
      !Number.isInteger(position) ||
      rest.length
    ) {
      throw badInput('The cursor is not valid.', [
        { field: 'after', message: 'Not a cursor from this list.' },
      ]);
    }
    afterPosition = position;
  }
  const visible = visibleVideoSql('v', context.viewer);
  const rows: { video_id: string; position: number; rank: number; added_at: string }[] =
    await context.em.execute(
      `select * from (
         select i."video_id", i."position", (row_number() over (order by i."position") - 1)::int as "rank",
                to_json(i."added_at") #>> '{}' as "added_at"
         from "videos"."playlist_item" i join "videos"."video" v on v."id" = i."video_id"
         where i."playlist_id" = ? and ${visible.sql}
       ) entries where "position" > ? order by "position" limit ?`,
      [playlist.id, ...visible.params, afterPosition, first + 1],
    );
  const videos = await Promise.all(rows.map(row => findVisibleVideo(context, row.video_id)));
  const entries = rows.flatMap((row, i) =>
    videos[i]
      ? [{ row, entry: { position: row.rank, addedAt: new Date(row.added_at), video: videos[i] } }]
      : [],
  );
  const connection = toConnection(entries, first, ({ row }) => [ITEMS, row.position]);
  return {
    ...connection,
    edges: connection.edges.map(edge => ({ cursor: edge.cursor, node: edge.node.entry })),
  };
}

/** The user's built-in "Watch later", made the first time it is asked for. */
export async function watchLaterOf(context: BaseContext, userId: string): Promise<Playlist> {
  const viewer = requireViewer(context.viewer);
  if (viewer.id !== userId) {
    throw forbidden('Only you can see your Watch later.');
  }
  await context.em.execute(
    `insert into "videos"."playlist" ("id", "owner_id", "title", "description", "visibility", "kind", "created_at", "updated_at")
     values (gen_random_uuid(), ?, ?, '', 'PRIVATE', 'WATCH_LATER', now(), now())
     on conflict ("owner_id") where "kind" = 'WATCH_LATER' do nothing`,
    [viewer.id, WATCH_LATER_TITLE],
  );
  return context.em.findOneOrFail(Playlist, { ownerId: viewer.id, kind: PlaylistKind.WATCH_LATER });
}

const OWN = 'playlists-own';
const PUBLIC = 'playlists-public';

/** `listUserPlaylists`' first page for everyone but the owner and admins: `$1` the owner, `$2` the limit. */
const PUBLIC_FIRST_PAGE = {
  name: 'videos.playlists.public',
  text: `select * from "videos"."playlist" p
  where p."owner_id" = $1 and p."kind" = '${PlaylistKind.REGULAR}'
    and p."visibility" = '${PlaylistVisibility.PUBLIC}'
  order by p."created_at" desc, p."id" desc limit $2`,
};

/** A user's playlists, newest first: all of them for the user (Watch later apart), PUBLIC ones for others. */
export async function listUserPlaylists(
  context: BaseContext,
  userId: string,
  page: { first: number; after?: string | null },
): Promise<Connection<Playlist>> {
  const first = checkPageSize(page.first);
  const own = context.viewer?.id === userId || hasRole(context.viewer, Role.ADMIN);
  const label = own ? OWN : PUBLIC;
  const cursor = page.after ? decodeTimeCursor(page.after, [label]) : null;
  if (!isUuid(userId)) {
    return toConnection([], first, () => []);
  }
  if (!own && !cursor) {
    // what every channel page asks: one statement written once, prepared per connection
    const found = await preparedRead(context.em, PUBLIC_FIRST_PAGE.name, PUBLIC_FIRST_PAGE.text, [
      userId,
      first + 1,
    ]);
    return toConnection(mapRows(context.em, Playlist, found), first, row => [
      label,
      row.createdAt.toISOString(),
      row.id,
    ]);
  }
  const rows = await context.em.find(
    Playlist,
    {
      ownerId: userId,
      kind: PlaylistKind.REGULAR,
      ...(own ? {} : { visibility: PlaylistVisibility.PUBLIC }),
      ...pastKey(cursor),
    },
    { orderBy: { createdAt: 'desc', id: 'desc' }, limit: first + 1 },
  );
  return toConnection(rows, first, row => [label, row.createdAt.toISOString(), row.id]);
}
