import { type EntityManager } from '@mikro-orm/postgresql';
import {
  type CommentAdded,
  type LiveStreamChanged,
  type TipReceived,
  type UserFollowed,
  type VideoPublished,
} from '@vp/contracts';
import {
  Audience,
  createLogger,
  enqueueJob,
  type EventOf,
  type Messaging,
  type MikroORM,
  type SharedState,
} from '@vp/kit';
import { mayWatchAdultSql } from '../entitlements/adult-access';
import { type FeedState } from '../feed/feed.consumers';
import { NotificationKind } from './notification.entity';
import {
  deliverNotifications,
  type NewNotification,
  storeNotifications,
  theAccount,
} from './notifications';

export const FAN_OUT_QUEUE = 'users.notification-fan-out';
/** Followers per fan-out job: one INSERT … SELECT each, small enough to never hold locks long. */
export const FAN_OUT_BATCH = 1000;
const BEFORE_ANY_ID = '00000000-0000-0000-0000-000000000000';
/** Fan-out jobs this process runs at once. */
const FAN_OUT_WORKERS = 2;

/** One batch of a creator's followers to notify: those with an id after `after`, up to `through`. */
export interface FanOutJob {
  creatorId: string;
  after: string;
  /** The batch's last follower id; null for the last batch (followers added since are told too). */
  through: string | null;
  notification: NewNotification;
  /** An ADULT video or stream: only followers the age rule allows are told (absent: everyone). */
  adultOnly?: boolean;
}

/**
 * Notifications come from other domains' events. A creator's followers are told through durable
 * jobs, one batch of followers each, so a creator with 100,000 followers never holds a
 * transaction (or the event's consumer) for all of them. Notifications for one account are stored
 * in their own transaction, deduplicated by their source, and published only once committed.
 *
 * Defines the fan-out job and returns one handler per event; `src/event-consumers.ts` registers
 * them (an event has one consumer queue per subgraph, shared with the feed's read model).
 */
export async function notificationHandlers(
  messaging: Messaging,
  shared: SharedState,
  orm: MikroORM,
) {
  const log = createLogger('users');
  const notifyOne = async (recipientId: string, notification: NewNotification) => {
    const stored = await (orm.em.fork() as EntityManager).transactional(em =>
      storeNotifications(em, theAccount(recipientId), notification),
    );
    deliverNotifications(shared, log, stored);
  };
  const fanOut = async (
    em: EntityManager,
    creatorId: string,
    notification: NewNotification,
    item: FeedState,
  ) => {
    const adultOnly = item.audience === Audience.ADULT;
    for (const job of await followerBatches(em, creatorId, notification)) {
      enqueueJob<FanOutJob>(em, FAN_OUT_QUEUE, { ...job, adultOnly });
    }
    await em.flush();
  };

  await messaging.defineJob<FanOutJob>(
    FAN_OUT_QUEUE,
    async job => {
      const stored = await messaging.em().transactional(em => notifyFollowerBatch(em, job));
      deliverNotifications(shared, log, stored);
    },
    {},
    FAN_OUT_WORKERS,
  );

  return {
    /**
     * `item` is what users knows of the video once this event is applied (the feed's read model):
     * a video deleted, made private or unlisted meanwhile, or announced by an older event
     * delivered late, is not announced.
     */
    async videoPublished(
      { payload: video }: EventOf<typeof VideoPublished>,
      em: EntityManager,
      item: FeedState,
    ) {
      // Unlisted and private videos are not announced.
      if (video.visibility !== 'PUBLIC' || !item.listed) {
        return;
      }
      await fanOut(
        em,
        video.ownerId,
        {
          kind: NotificationKind.NEW_VIDEO,
          source: `video:${video.id}`,
          actorId: video.ownerId,
          videoId: video.id,
        },
        item,
      );
    },

    /** As for videos: a start already followed by the end (delivered first) is not announced. */
    async liveStreamChanged(
      { payload: stream }: EventOf<typeof LiveStreamChanged>,
      em: EntityManager,
      item: FeedState,
    ) {
      if (stream.status !== 'LIVE' || !item.live) {
        return;
      }
      // A stream that goes live again later is a new start (and a new notification).
      await fanOut(
        em,
        stream.ownerId,
        {
          kind: NotificationKind.LIVE_STARTED,
          source: `live:${stream.id}:${stream.startedAt ?? ''}`,
          actorId: stream.ownerId,
          liveStreamId: stream.id,
        },
        item,
      );
    },

    async userFollowed({ payload: follow }: EventOf<typeof UserFollowed>) {
      await notifyOne(follow.followeeId, {
        kind: NotificationKind.NEW_FOLLOWER,
        source: `follower:${follow.followerId}`,
        actorId: follow.followerId,
      });
    },

    async commentAdded({ payload: comment }: EventOf<typeof CommentAdded>) {
      const about = {
        actorId: comment.authorId,
        videoId: comment.videoId,
        commentId: comment.commentId,
      };
      const source = `comment:${comment.commentId}`;
      if (comment.parentAuthorId) {
        await notifyOne(comment.parentAuthorId, {
          kind: NotificationKind.COMMENT_REPLY,
          source,
          ...about,
        });
      }
      // An owner replied to in their own video's thread hears of it once, as a reply.
      if (comment.videoOwnerId !== comment.parentAuthorId) {
        await notifyOne(comment.videoOwnerId, {
          kind: NotificationKind.COMMENT_ON_VIDEO,
          source,
          ...about,
        });
      }
    },

    async tipReceived({ payload: tip }: EventOf<typeof TipReceived>) {
      await notifyOne(tip.creatorId, {
        kind: NotificationKind.TIP_RECEIVED,
        source: `tip:${tip.tipId}`,
        actorId: tip.fromUserId,
        amountJpy: tip.amountJpy,
        ...(tip.targetKind === 'VIDEO'
          ? { videoId: tip.targetId }
          : { liveStreamId: tip.targetId }),
      });
    },
  };
}

export type NotificationHandlers = Awaited<ReturnType<typeof notificationHandlers>>;

/**
 * Cuts a creator's followers into batches of FAN_OUT_BATCH by follower id: one read of the
 * (followee_id, follower_id) index, however many followers; the jobs then run independently.
 */
async function followerBatches(
  em: EntityManager,
  creatorId: string,
  notification: NewNotification,
): Promise<FanOutJob[]> {
  const ends: { follower_id: string }[] = await em.execute(
    `select "follower_id" from (
       select "follower_id", row_number() over (order by "follower_id") as "n"
         from "users"."follow" where "followee_id" = ?) as f
      where "n" % ? = 0 order by "follower_id"`,
    [creatorId, FAN_OUT_BATCH],
  );
  const afters = [BEFORE_ANY_ID, ...ends.map(end => end.follower_id)];
  return afters.map((after, i) => ({
    creatorId,
    after,
    through: afters[i + 1] ?? null,
    notification,
  }));
}

/**
 * Notifies one batch of a creator's followers with one INSERT … SELECT. A retried job repeats it
 * harmlessly: the unique source key leaves rows already stored alone. For an ADULT item the batch
 * keeps only followers the age rule allows, judged when the job runs.
 */
export function notifyFollowerBatch(em: EntityManager, job: FanOutJob) {
  return storeNotifications(
    em,
    {
      sql: `select f."follower_id" from "users"."follow" f
             where f."followee_id" = ? and f."follower_id" > ?
               ${job.through ? `and f."follower_id" <= ?` : ''}
               ${job.adultOnly ? `and ${mayWatchAdultSql('f."follower_id"')}` : ''}`,
      params: job.through ? [job.creatorId, job.after, job.through] : [job.creatorId, job.after],
    },
    job.notification,
  );
}
