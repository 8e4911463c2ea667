import { UserFollowed, UserUnfollowed } from '@vp/contracts';
import { type EntityManager } from '@mikro-orm/postgresql';
import { type Messaging } from '@vp/kit';

/**
 * Who follows whom, for the home feed (followed creators' new videos and live streams). A follow
 * and an unfollow of the same pair may arrive in either order: the row keeps the latest change
 * (by the time each carries), and an unfollow stays as `following = false`.
 */
export async function consumeFollowEvents(messaging: Messaging) {
  const apply = async (
    em: EntityManager,
    pair: { followerId: string; followeeId: string; following: boolean; at: string },
  ) => {
    await em.getConnection().execute(
      `insert into "search"."follow" as f ("follower_id", "followee_id", "following", "changed_at")
       values (?, ?, ?, ?)
       on conflict ("follower_id", "followee_id") do update set
         "following" = excluded."following", "changed_at" = excluded."changed_at"
       where f."changed_at" < excluded."changed_at"`,
      [pair.followerId, pair.followeeId, pair.following, new Date(pair.at)],
    );
  };
  await messaging.onEvent(UserFollowed, (event, em) =>
    apply(em, { ...event.payload, following: true, at: event.payload.followedAt }),
  );
  await messaging.onEvent(UserUnfollowed, (event, em) =>
    apply(em, { ...event.payload, following: false, at: event.payload.unfollowedAt }),
  );
}
