import { type EntityManager } from '@mikro-orm/postgresql';
import {
  ContentTakenDown,
  EntitlementChanged,
  TipReceived,
  UserSuspensionChanged,
} from '@vp/contracts';
import {
  AccountSuspension,
  applyEntitlementChange,
  buildFederatedSchema,
  createLogger,
  MESSAGING_ENTITIES,
  type SubgraphDefinition,
  ViewerEntitlement,
} from '@vp/kit';
import { migrations } from '../migrations';
import { ChatMessage } from './chat/chat-message.entity';
import { ChatResolver } from './chat/chat.resolver';
import { postTip } from './chat/chat.service';
import {
  createLiveAdapters,
  createLiveContext,
  type LiveAdapters,
  type LiveConfig,
  type LiveContext,
} from './context';
import { liveConfigFromEnv, liveEnv } from './env';
import { liveHlsRoutes } from './live-hls/live-hls.routes';
import { LivePlaybackResolver } from './live-hls/live-playback.resolver';
import { ChatBan } from './moderation/chat-ban.entity';
import { ChatModerator } from './moderation/chat-moderator.entity';
import { ModerationResolver } from './moderation/moderation.resolver';
import { contentTakenDownConsumer, suspensionConsumer } from './moderation/takedowns';
import { Recording } from './recordings/recording.entity';
import { RecordingResolver } from './recordings/recording.resolver';
import { LiveStream } from './streams/live-stream.entity';
import { LiveStreamResolver, resolveLiveStreamReference } from './streams/live-stream.resolver';
import { resolveUserReference, UserLiveStreamsResolver } from './user/user.resolver';
import { ViewersResolver } from './viewers/viewers.resolver';
import { scheduleStreamHousekeeping } from './streams/stream-housekeeping';
import { MediaLiveChannel } from './ingest/medialive-channel.entity';
import { registerMediaLiveJobs } from './ingest/medialive-lifecycle';

export type { IngestOptions, LiveAdapters, LiveConfig, LiveContext } from './context';
export { liveConfigFromEnv, liveEnv } from './env';
export { parseLadder, type LiveRung } from './live-hls/ladder';
export { endSession, startSession, verifyStreamKey } from './streams/live-stream.service';
export { recordPlaylistFetch } from './viewers/viewer-counts';

export const live: SubgraphDefinition<LiveConfig, LiveContext, LiveAdapters> = {
  name: 'live',
  dbSchema: 'live',
  entities: [
    LiveStream,
    ChatMessage,
    ChatBan,
    ChatModerator,
    Recording,
    MediaLiveChannel,
    ViewerEntitlement,
    AccountSuspension,
    ...MESSAGING_ENTITIES,
  ],
  migrations,
  env: { schema: liveEnv, config: liveConfigFromEnv },
  buildSchema: pubSub =>
    buildFederatedSchema(
      {
        resolvers: [
          LiveStreamResolver,
          LivePlaybackResolver,
          RecordingResolver,
          UserLiveStreamsResolver,
          ChatResolver,
          ModerationResolver,
          ViewersResolver,
        ],
        pubSub,
      },
      {
        LiveStream: { __resolveReference: resolveLiveStreamReference },
        User: { __resolveReference: resolveUserReference },
      },
    ),
  adapters: createLiveAdapters,
  extendContext: createLiveContext,
  // GET /live/<token>/live/<streamId>/… (the gateway forwards /live/* here).
  routes: (app, _config, orm, shared, adapters) => {
    app.use(liveHlsRoutes(adapters.settings, orm, shared));
  },
  messaging: async (messaging, _config, shared, orm, adapters) => {
    // Tips from the payments subgraph appear in the stream's chat. The chat line is written in
    // its own transaction (and deduplicated by tip id) so that it is published only once stored.
    const log = createLogger('live');
    await messaging.onEvent(TipReceived, async event => {
      await postTip(orm.em.fork() as EntityManager, shared, log, event.payload);
    });
    // Plans and age checks for live playback, the same read model as the videos subgraph's.
    await messaging.onEvent(EntitlementChanged, applyEntitlementChange);
    // Streams whose instance died mid-stream (no ingest heartbeat) are ended.
    await scheduleStreamHousekeeping(
      messaging,
      adapters.settings.heartbeatLapseSeconds,
      createLogger('live-housekeeping'),
    );
    // Trust and safety, decided in users: takedowns of streams and chat messages, suspensions.
    const ingest = () => adapters.ingest;
    await messaging.onEvent(ContentTakenDown, contentTakenDownConsumer(shared, log, ingest));
    await messaging.onEvent(UserSuspensionChanged, suspensionConsumer(ingest));
    // LIVE_INGEST=medialive: channels started, watched and released, recordings handed off.
    if (adapters.settings.mediaLive) {
      await registerMediaLiveJobs(
        messaging,
        adapters.settings.mediaLive,
        adapters.settings.storage,
        createLogger('live-medialive'),
      );
    }
  },
  // The RTMP ingest runs in this process (embedded default; LIVE_INGEST=off turns it off).
  services: async (_config, _orm, _shared, _messaging, { ingest }) => {
    await ingest?.start();
    return { stop: async () => ingest?.stop() };
  },
};
