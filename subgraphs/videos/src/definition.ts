import { buildFederatedSchema, type SubgraphDefinition } from '@vp/kit';
import { migrations } from '../migrations';
import { resolveUserReference, UserVideosResolver } from './user/user.resolver';
import { Video } from './videos/video.entity';
import { resolveVideoReference, VideoResolver } from './videos/video.resolver';

export const videos: SubgraphDefinition = {
  name: 'videos',
  dbSchema: 'videos',
  entities: [Video],
  migrations,
  buildSchema: pubSub =>
    buildFederatedSchema(
      { resolvers: [VideoResolver, UserVideosResolver], pubSub },
      {
        Video: { __resolveReference: resolveVideoReference },
        User: { __resolveReference: resolveUserReference },
      },
    ),
};
