import { UserFollowed, UserUnfollowed } from '@vp/contracts';
import {
  badInput,
  type BaseContext,
  type Connection,
  checkPageSize,
  decodeTimeCursor,
  emitEvent,
  forbidden,
  loaderFor,
  notFound,
  preparedRead,
  Role,
  toConnection,
} from '@vp/kit';
import { isUuid, requireAccount, usersById } from '../accounts/account-access';
import { type User } from '../accounts/user.entity';

/**
 * Follows (or unfollows) an account for the signed-in viewer. Idempotent: the follow row's primary
 * key decides whether anything changed, and only a change moves both counters, in the same
 * transaction, so concurrent and repeated calls leave exact totals.
 */
export async function setFollowing(
  context: BaseContext,
  userId: string,
  following: boolean,
): Promise<User> {
  const { user: follower } = await requireAccount(context);
  if (!isUuid(userId)) {
    throw badInput('userId: Not an account id.', [
      { field: 'userId', message: 'Not an account id.' },
    ]);
  }
  // uuids compare case-insensitively in the database: so do the self-check and the look-up.
  const followeeId = userId.toLowerCase();
  if (followeeId === follower.id.toLowerCase()) {
    throw badInput('You cannot follow yourself.', [
      { field: 'userId', message: 'You cannot follow yourself.' },
    ]);
  }
  const followee = await usersById(context).load(followeeId);
  if (!followee) {
    throw notFound('The account');
  }
  await context.em.transactional(async em => {
    const changed: { created_at: Date }[] = following
      ? await em.execute(
          `insert into "users"."follow" ("follower_id", "followee_id", "created_at")
           values (?, ?, date_trunc('milliseconds', now())) on conflict do nothing returning "created_at"`,
          [follower.id, followee.id],
        )
      : await em.execute(
          `delete from "users"."follow" where "follower_id" = ? and "followee_id" = ?
           returning "created_at"`,
          [follower.id, followee.id],
        );
    if (changed.length === 0) {
      return;
    }
    if (following) {
      emitEvent(em, UserFollowed, {
        followerId: follower.id,
        followeeId: followee.id,
        followedAt: new Date(changed[0].created_at).toISOString(),
      });
    } else {
      // Search's home feed stops showing the creator.
      emitEvent(em, UserUnfollowed, {
        followerId: follower.id,
        followeeId: followee.id,
        unfollowedAt: new Date().toISOString(),
      });
    }
    await em.flush();
    await addFollowCounts(em, follower.id, followee.id, following ? 1 : -1);
  });
  return followee;
}

/**
 * Moves the follower's following count and the followee's follower count together. The two rows
 * are locked in id order, so a follow and a follow back at the same moment queue, never deadlock.
 */
async function addFollowCounts(
  em: BaseContext['em'],
  followerId: string,
  followeeId: string,
  change: 1 | -1,
) {
  await em.execute(
    `insert into "users"."follow_counter" ("user_id", "follower_count", "following_count")
     select "user_id", "follower_count", "following_count"
       from (values (?::uuid, 0, ?::int), (?::uuid, ?::int, 0))
         as changes ("user_id", "follower_count", "following_count")
      order by "user_id"
     on conflict ("user_id") do update set
       "follower_count" = "follow_counter"."follower_count" + excluded."follower_count",
       "following_count" = "follow_counter"."following_count" + excluded."following_count"`,
    [followerId, change, followeeId, change],
  );
}

export interface FollowCounts {
  followerCount: number;
  followingCount: number;
}

const NO_FOLLOWS: FollowCounts = { followerCount: 0, followingCount: 0 };

/** The totals of the accounts a request asks about: one statement for them all. */
function followCountsLoader(context: BaseContext) {
  return loaderFor<string, FollowCounts>(context, 'users.followCounts', async ids => {
    // prepared once per connection: every channel page and live page asks it
    const rows = (await preparedRead(
      context.em,
      'users.follow-counts',
      `select "user_id", "follower_count", "following_count"
         from "users"."follow_counter" where "user_id" = any($1::uuid[])`,
      [ids.filter(isUuid)],
    )) as { user_id: string; follower_count: number; following_count: number }[];
    const found = new Map(rows.map(row => [row.user_id, row]));
    return ids.map(id => {
      const row = found.get(id);
      return row
        ? { followerCount: row.follower_count, followingCount: row.following_count }
        : NO_FOLLOWS;
    });
  });
}

/** An account's totals; every account of a request is read by one statement. */
export async function followCountsOf(context: BaseContext, userId: string): Promise<FollowCounts> {
  return (await followCountsLoader(context).load(userId)) ?? NO_FOLLOWS;
}

/** Which of the accounts a request asks about the signed-in viewer follows: one statement. */
function viewerFollowsLoader(context: BaseContext, viewerId: string) {
  return loaderFor<string, boolean>(context, 'users.viewerFollows', async ids => {
    const rows = (await preparedRead(
      context.em,
      'users.viewer-follows',
      `select "followee_id" from "users"."follow" where "follower_id" = $1 and "followee_id" = any($2::uuid[])`,
      [viewerId, ids.filter(isUuid)],
    )) as { followee_id: string }[];
    const followed = new Set(rows.map(row => row.followee_id));
    return ids.map(id => followed.has(id));
  });
}

/** Whether the signed-in viewer follows the account; one statement per request for every account asked. */
export async function viewerIsFollowing(context: BaseContext, userId: string): Promise<boolean> {
  const viewer = context.viewer;
  if (!viewer || !isUuid(viewer.id)) {
    return false;
  }
  return (await viewerFollowsLoader(context, viewer.id).load(userId)) ?? false;
}

/**
 * Hands `followCountsOf` and `viewerIsFollowing` what another statement of this request read
 * (follows/user-with-follows.ts; null counts: the account has no totals row yet). Only for reads:
 * a follow changed in this request must be read afterwards.
 */
export function primeFollows(
  context: BaseContext,
  userId: string,
  row: { followerCount: number | null; followingCount: number | null; viewerFollows: boolean },
) {
  followCountsLoader(context).prime(userId, {
    followerCount: row.followerCount ?? 0,
    followingCount: row.followingCount ?? 0,
  });
  if (context.viewer) {
    viewerFollowsLoader(context, context.viewer.id).prime(userId, row.viewerFollows);
  }
}

/**
 * An account's followers (`followers`) or the accounts it follows (`following`), newest follow
 * first. The cursor is the follow's time and the other account's id, so pages never skip or repeat
 * (follow times are stored to the millisecond, as precise as the cursor).
 */
export async function followList(
  context: BaseContext,
  user: User,
  direction: 'followers' | 'following',
  page: { first: number; after?: string | null },
): Promise<Connection<User>> {
  const first = checkPageSize(page.first);
  const cursor = page.after ? decodeTimeCursor(page.after, [direction]) : null;
  const [mine, theirs] =
    direction === 'followers' ? ['followee_id', 'follower_id'] : ['follower_id', 'followee_id'];
  const rows: { other_id: string; created_at: Date }[] = await context.em.execute(
    `select "${theirs}" as "other_id", "created_at" from "users"."follow"
      where "${mine}" = ? ${cursor ? `and ("created_at", "${theirs}") < (?, ?)` : ''}
      order by "created_at" desc, "${theirs}" desc limit ?`,
    cursor ? [user.id, cursor.at, cursor.id, first + 1] : [user.id, first + 1],
  );
  const connection = toConnection(rows, first, row => [
    direction,
    new Date(row.created_at).toISOString(),
    row.other_id,
  ]);
  // Follows go with their accounts (on delete cascade): every id here is an account.
  const accounts = await Promise.all(
    connection.edges.map(edge => usersById(context).load(edge.node.other_id)),
  );
  return {
    ...connection,
    edges: connection.edges.map((edge, i) => ({ cursor: edge.cursor, node: accounts[i]! })),
  };
}

/** Most days followersPerDay reaches back. */
export const MAX_FOLLOWER_DAYS = 366;

export interface FollowerDayCount {
  day: string;
  count: number;
}

/**
 * New followers per UTC day for the last `days` days (today last), every day listed (0 when none):
 * follows that still exist, counted by when they started (an unfollow takes its day's follow with
 * it). Only the account itself (or an ADMIN) reads it: it is the creator's audience analytics.
 */
export async function followersPerDay(
  context: BaseContext,
  user: User,
  days: number,
): Promise<FollowerDayCount[]> {
  const { user: viewer } = await requireAccount(context);
  // roles as stored now, not as in the token (as for the account's private fields)
  if (viewer.id !== user.id && !viewer.roles.includes(Role.ADMIN)) {
    throw forbidden('Only the account itself sees its followers per day.');
  }
  if (!Number.isInteger(days) || days < 1 || days > MAX_FOLLOWER_DAYS) {
    const message = `From 1 to ${MAX_FOLLOWER_DAYS} days.`;
    throw badInput(`days: ${message}`, [{ field: 'days', message }]);
  }
  // day bounds as UTC instants, so the (followee, created_at) index serves each day's range
  const rows: { day: string; count: number }[] = await context.em.execute(
    `select to_char(d.day, 'YYYY-MM-DD') as "day", count(f."follower_id")::int as "count"
       from generate_series((now() at time zone 'UTC')::date - (?::int - 1),
                            (now() at time zone 'UTC')::date, interval '1 day') as d(day)
       left join "users"."follow" f
         on f."followee_id" = ?
        and f."created_at" >= (d.day at time zone 'UTC')
        and f."created_at" < ((d.day + interval '1 day') at time zone 'UTC')
      group by d.day order by d.day`,
    [days, user.id],
  );
  return rows.map(row => ({ day: row.day, count: Number(row.count) }));
}
