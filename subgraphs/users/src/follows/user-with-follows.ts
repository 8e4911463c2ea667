import { type BaseContext, byIds, isUuid, loaderFor, mapRows, preparedRead } from '@vp/kit';
import { User } from '../accounts/user.entity';
import { primeFollows } from './follow.service';

/**
 * An account with, in the same row, its follow totals and whether the signed-in viewer ($2, null
 * when signed out) follows it: a channel page and the watch page's channel card ask all three,
 * and each used to be a round trip of its own.
 */
const USER_WITH_FOLLOWS_SQL = `select u.*,
    fc."follower_count" as "follows_follower_count", fc."following_count" as "follows_following_count",
    f."follower_id" is not null as "follows_viewer"
  from "users"."user" u
  left join "users"."follow_counter" fc on fc."user_id" = u."id"
  left join "users"."follow" f on f."followee_id" = u."id" and f."follower_id" = $2::uuid`;
const BY_IDS = {
  name: 'users.users-with-follows',
  text: `${USER_WITH_FOLLOWS_SQL} where u."id" = any($1::uuid[])`,
};
const BY_HANDLE = {
  name: 'users.user-with-follows-by-handle',
  text: `${USER_WITH_FOLLOWS_SQL} where u."handle" = $1`,
};

/** Takes the follow columns out of the rows (leaving the account's own) and hands them on. */
function takeFollowColumns(context: BaseContext, rows: Record<string, unknown>[]) {
  for (const row of rows) {
    const {
      follows_follower_count: followerCount,
      follows_following_count: followingCount,
      follows_viewer: viewerFollows,
    } = row;
    delete row.follows_follower_count;
    delete row.follows_following_count;
    delete row.follows_viewer;
    primeFollows(context, row.id as string, {
      followerCount: followerCount as number | null,
      followingCount: followingCount as number | null,
      viewerFollows: viewerFollows === true,
    });
  }
  return mapRows(context.em, User, rows);
}

const viewerIdOf = (context: BaseContext) =>
  context.viewer && isUuid(context.viewer.id) ? context.viewer.id : null;

/**
 * Accounts by id for what a request reads (`user(id)`, `_entities`), each with its follows in the
 * same statement, prepared once per connection. Not for mutations: a total changed by this
 * request must be read after the change (`usersById` there).
 */
export function userWithFollows(context: BaseContext, id: string): Promise<User | null> {
  if (!isUuid(id)) {
    return Promise.resolve(null);
  }
  const loader = loaderFor<string, User>(context, 'users.with-follows', async ids => {
    const rows = await preparedRead(context.em, BY_IDS.name, BY_IDS.text, [
      [...new Set(ids)],
      viewerIdOf(context),
    ]);
    return byIds(ids, takeFollowColumns(context, rows));
  });
  return loader.load(id);
}

/** `user(handle)` (a normalised handle), with its follows, as `userWithFollows`. */
export async function userWithFollowsByHandle(
  context: BaseContext,
  handle: string,
): Promise<User | null> {
  const rows = await preparedRead(context.em, BY_HANDLE.name, BY_HANDLE.text, [
    handle,
    viewerIdOf(context),
  ]);
  return takeFollowColumns(context, rows)[0] ?? null;
}
