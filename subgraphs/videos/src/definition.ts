import {
  CatalogVideoChanged,
  ContentTakenDown,
  UserSuspensionChanged,
  EntitlementChanged,
  LiveRecordingReady,
  ViewCounted,
} from '@vp/contracts';
import {
  AccountSuspension,
  analyticsRoot,
  applyEntitlementChange,
  buildFederatedSchema,
  createLogger,
  MESSAGING_ENTITIES,
  type SubgraphDefinition,
  ViewerEntitlement,
} from '@vp/kit';
import { migrations } from '../migrations';
import { Category } from './categories/category.entity';
import {
  CategoryResolver,
  resolveCategoryReference,
  VideoCategoryResolver,
} from './categories/category.resolver';
import { VideosAnalyticsResolver } from './analytics/analytics.resolver';
import { Analytics } from './analytics/analytics.type';
import { countViews, scheduleWatchFold } from './analytics/view-rollup';
import {
  createVideosContext,
  createVideosSettings,
  mountMediaRoutes,
  type VideosConfig,
  type VideosContext,
  type VideosSettings,
} from './config';
import { videosConfigFromEnv, videosEnv } from './env';
import { CommentLike } from './likes/comment-like.entity';
import { CommentLikeResolver } from './likes/comment-like.resolver';
import { LikeResolver } from './likes/like.resolver';
import { VideoLike } from './likes/video-like.entity';
import { StatsResolver } from './stats/stats.resolver';
import { VideoCounter, VideoDailyStat } from './stats/video-counter.entity';
import { UserHistoryResolver, ViewResolver } from './views/view.resolver';
import { ViewWindow, WatchProgress } from './views/view.entity';
import { Comment } from './comments/comment.entity';
import { CommentResolver, VideoCommentsResolver } from './comments/comment.resolver';
import { resolveCommentReference } from './comments/comment.service';
import { Playlist, PlaylistItem } from './playlists/playlist.entity';
import {
  PlaylistResolver,
  resolvePlaylistReference,
  UserPlaylistsResolver,
} from './playlists/playlist.resolver';
import { PlaybackResolver } from './playback/playback.resolver';
import { ProcessingResolver } from './processing/processing.resolver';
import { scheduleHousekeeping } from './housekeeping/housekeeping';
import { registerScheduledPublishing } from './videos/scheduled-publish';
import { liveRecordingConsumer } from './recordings/live-recording.consumer';
import { registerTranscodeWorker } from './processing/transcode.job';
import { mediaConvertEventRoutes } from './processing/mediaconvert.job';
import { UploadResolver } from './uploads/upload.resolver';
import { resolveUserReference, UserVideosResolver } from './user/user.resolver';
import { catalogVideoConsumer } from './videos/catalog-content';
import { ThumbnailResolver } from './thumbnails/thumbnail.resolver';
import { VideoManagementResolver } from './videos/video-management.resolver';
import { Video } from './videos/video.entity';
import { applySuspensionChange, contentTakenDownConsumer } from './moderation/moderation';
import { resolveVideoReference, VideoResolver } from './videos/video.resolver';

export type { VideosConfig, VideosContext } from './config';
export { videosConfigFromEnv, videosEnv, videosWorkerEnv } from './env';

export const videos: SubgraphDefinition<VideosConfig, VideosContext, VideosSettings> = {
  name: 'videos',
  dbSchema: 'videos',
  entities: [
    Video,
    Category,
    VideoCounter,
    VideoDailyStat,
    VideoLike,
    Comment,
    CommentLike,
    Playlist,
    PlaylistItem,
    ViewWindow,
    WatchProgress,
    ViewerEntitlement,
    AccountSuspension,
    ...MESSAGING_ENTITIES,
  ],
  migrations,
  env: { schema: videosEnv, config: videosConfigFromEnv },
  buildSchema: pubSub =>
    buildFederatedSchema(
      {
        resolvers: [
          VideoResolver,
          CategoryResolver,
          VideoCategoryResolver,
          UserVideosResolver,
          UploadResolver,
          ProcessingResolver,
          PlaybackResolver,
          VideoManagementResolver,
          ThumbnailResolver,
          LikeResolver,
          CommentLikeResolver,
          StatsResolver,
          ViewResolver,
          UserHistoryResolver,
          CommentResolver,
          VideoCommentsResolver,
          PlaylistResolver,
          UserPlaylistsResolver,
          VideosAnalyticsResolver,
        ],
        orphanedTypes: [Analytics],
        pubSub,
      },
      {
        Video: { __resolveReference: resolveVideoReference },
        Category: { __resolveReference: resolveCategoryReference },
        User: { __resolveReference: resolveUserReference },
        Comment: { __resolveReference: resolveCommentReference },
        Playlist: { __resolveReference: resolvePlaylistReference },
        Analytics: { __resolveReference: analyticsRoot },
      },
    ),
  adapters: createVideosSettings,
  extendContext: createVideosContext,
  routes: (app, _config, orm, shared, settings) => {
    mountMediaRoutes(app, settings, orm);
    const mediaConvertEvents = mediaConvertEventRoutes(settings, shared.pubSub);
    if (mediaConvertEvents) {
      app.use(mediaConvertEvents);
    }
  },
  messaging: async (messaging, _config, shared, _orm, settings) => {
    await messaging.onEvent(EntitlementChanged, applyEntitlementChange);
    await messaging.onEvent(LiveRecordingReady, liveRecordingConsumer(settings.storage));
    await scheduleHousekeeping(messaging, createLogger('videos-housekeeping'));
    await messaging.onEvent(CatalogVideoChanged, catalogVideoConsumer(createLogger('videos')));
    await registerScheduledPublishing(messaging);
    // trust and safety: takedowns and suspensions decided in users (src/moderation/)
    await messaging.onEvent(ContentTakenDown, contentTakenDownConsumer(createLogger('videos')));
    await messaging.onEvent(UserSuspensionChanged, applySuspensionChange);
    await scheduleWatchFold(messaging, createLogger('videos-analytics'));
    // the analysts' view rollups, off the request path: videos consumes its own view events, in
    // batches (one statement per batch: the platform-wide row is written once per batch)
    await messaging.onEventBatch(ViewCounted, (events, em) =>
      countViews(
        em,
        events.map(({ payload }) => ({
          videoId: payload.videoId,
          viewerKey: payload.userId ? `user:${payload.userId}` : `session:${payload.sessionId}`,
          countedAt: payload.countedAt,
        })),
      ),
    );
    if (settings.worker) {
      await registerTranscodeWorker(messaging, {
        settings,
        pubSub: shared.pubSub,
        em: () => messaging.em(),
        log: createLogger('videos-worker'),
      });
    }
  },
};
