import { type EntityManager } from '@mikro-orm/postgresql';
import {
  buildFederatedSchema,
  createLogger,
  MESSAGING_ENTITIES,
  type SubgraphDefinition,
} from '@vp/kit';
import { migrations } from '../migrations';
import { ChatMessage } from './chat/chat-message.entity';
import { ChatResolver } from './chat/chat.resolver';
import { postTip, type TipReceivedPayload } from './chat/chat.service';
import { createLiveContext, type LiveConfig, type LiveContext } from './context';
import { ChatBan } from './moderation/chat-ban.entity';
import { ChatModerator } from './moderation/chat-moderator.entity';
import { ModerationResolver } from './moderation/moderation.resolver';
import { LiveStream } from './streams/live-stream.entity';
import { LiveStreamResolver, resolveLiveStreamReference } from './streams/live-stream.resolver';
import { resolveUserReference, UserLiveStreamsResolver } from './user/user.resolver';
import { ViewersResolver } from './viewers/viewers.resolver';

export type { LiveConfig, LiveContext } from './context';
export { endSession, startSession, verifyStreamKey } from './streams/live-stream.service';
export { recordPlaylistFetch } from './viewers/viewer-counts';

export const live: SubgraphDefinition<LiveConfig, LiveContext> = {
  name: 'live',
  dbSchema: 'live',
  entities: [LiveStream, ChatMessage, ChatBan, ChatModerator, ...MESSAGING_ENTITIES],
  migrations,
  buildSchema: pubSub =>
    buildFederatedSchema(
      {
        resolvers: [
          LiveStreamResolver,
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
  extendContext: createLiveContext,
  messaging: async (messaging, _config, shared, orm) => {
    // Tips from the payments subgraph appear in the stream's chat. The chat line is written in
    // its own transaction (and deduplicated by tip id) so that it is published only once stored.
    const log = createLogger('live');
    await messaging.onEvent<TipReceivedPayload>('TipReceived', async event => {
      await postTip(orm.em.fork() as EntityManager, shared, log, event.payload);
    });
  },
};
