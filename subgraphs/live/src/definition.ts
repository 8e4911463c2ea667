import { buildFederatedSchema, type SubgraphDefinition } from '@vp/kit';
import { migrations } from '../migrations';
import { LiveStream } from './streams/live-stream.entity';
import { LiveStreamResolver, resolveLiveStreamReference } from './streams/live-stream.resolver';
import { resolveUserReference, UserLiveStreamsResolver } from './user/user.resolver';

export const live: SubgraphDefinition = {
  name: 'live',
  dbSchema: 'live',
  entities: [LiveStream],
  migrations,
  buildSchema: pubSub =>
    buildFederatedSchema(
      { resolvers: [LiveStreamResolver, UserLiveStreamsResolver], pubSub },
      {
        LiveStream: { __resolveReference: resolveLiveStreamReference },
        User: { __resolveReference: resolveUserReference },
      },
    ),
};
