import { gatewayEnv } from '@vp/gateway';
import { databaseEnv, type EnvSchema, mergeEnv, subgraphEnv } from '@vp/kit';
import { videosWorkerEnv } from '@vp/videos';
import { adminEnv, launcherEnv } from './env';
import { SUBGRAPHS } from './subgraphs';

/** A process of the platform and the one schema it reads its environment through. */
export interface PlatformProcess {
  name: string;
  /** Its entry file, as docker-compose.yml runs it. */
  entry: string;
  env: EnvSchema<any>;
}

/**
 * Every process entry: each subgraph, the transcode worker, the gateway, `npm start`, the admin CLI,
 * the migration Job.
 */
export const PROCESSES: PlatformProcess[] = [
  ...SUBGRAPHS.map(({ definition, port }) => ({
    name: definition.name,
    entry: `subgraphs/${definition.name}/src/main.ts`,
    env: definition.env
      ? mergeEnv(subgraphEnv(port), definition.env.schema as EnvSchema<any>)
      : subgraphEnv(port),
  })),
  { name: 'videos-worker', entry: 'subgraphs/videos/src/worker.ts', env: videosWorkerEnv },
  { name: 'gateway', entry: 'gateway/src/main.ts', env: gatewayEnv },
  { name: 'npm start', entry: 'packages/launcher/src/main.ts', env: launcherEnv },
  { name: 'admin CLI', entry: 'packages/launcher/src/admin-cli.ts', env: adminEnv },
  { name: 'migrate', entry: 'packages/launcher/src/migrate-cli.ts', env: databaseEnv },
];
