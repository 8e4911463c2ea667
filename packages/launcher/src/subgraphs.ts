import { type SubgraphDefinition } from '@vp/kit';
import { users } from '@vp/users';
import { videos } from '@vp/videos';
import { payments } from '@vp/payments';

/** Every subgraph with its default port; the order is the start order. */
export const DEFAULT_BASE_PORT = 4001;

export const SUBGRAPHS: { definition: SubgraphDefinition<any, any>; port: number }[] = [
  { definition: users, port: 4001 },
  { definition: videos, port: 4002 },
  { definition: payments, port: 4004 },
];
