/**
 * `node -r @swc-node/register packages/launcher/src/migrate-cli.ts`: migrates every subgraph's schema
 * in DATABASE_URL and exits (0 done, 1 failed). The Kubernetes migration Job runs it before a
 * rollout (deploy/kubernetes/base/migrate-job.yaml).
 */
import { createLogger, databaseEnv, exitOnStartFailure, readEnv } from '@vp/kit';
import { migrateAll } from './migrate';

async function main() {
  const log = createLogger('migrate');
  try {
    const env = readEnv(databaseEnv);
    const runs = await migrateAll(env.DATABASE_URL, log);
    const applied = runs.reduce((sum, run) => sum + run.applied.length, 0);
    log.info({ applied }, `every schema is up to date (${applied} migrations applied)`);
    process.exit(0);
  } catch (err) {
    exitOnStartFailure(log, err);
  }
}

void main();
