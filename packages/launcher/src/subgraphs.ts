import { type SubgraphDefinition } from '@vp/kit';
import { users } from '@vp/users';
import { videos } from '@vp/videos';
import { live } from '@vp/live';
import { search } from '@vp/search';
import { payments } from '@vp/payments';
import { catalog } from '@vp/catalog';

/** Every subgraph with its default port; the order is the start order. */
export const DEFAULT_BASE_PORT = 4001;

export const SUBGRAPHS: { definition: SubgraphDefinition<any, any, any>; port: number }[] = [
  { definition: users, port: 4001 },
  { definition: videos, port: 4002 },
  { definition: live, port: 4003 },
  { definition: payments, port: 4004 },
  { definition: catalog, port: 4005 },
  { definition: search, port: 4006 },
];
