import { type SubgraphDefinition } from '@vp/kit';
import { migrations } from '../migrations';
import { User } from './accounts/user.entity';
import { resolveUserReference, UserResolver } from './accounts/user.resolver';
import { buildFederatedSchema } from '@vp/kit';

export const users: SubgraphDefinition = {
  name: 'users',
  dbSchema: 'users',
  entities: [User],
  migrations,
  buildSchema: pubSub =>
    buildFederatedSchema(
      { resolvers: [UserResolver], pubSub },
      { User: { __resolveReference: resolveUserReference } },
    ),
};
