import { createLogger, openDatabase, type Logger } from '@vp/kit';
import { SUBGRAPHS } from './subgraphs';

export interface MigrationRun {
  subgraph: string;
  applied: string[];
}

/**
 * Brings every subgraph's schema up to date, one after the other, and stops at the first that
 * fails (its migration runs in a transaction and rolls back; later schemas are left as they were).
 * Kubernetes runs this as a Job before a rollout, so that pods of the new version start on a schema
 * that is already there and no two replicas race to migrate; each subgraph still migrates on start
 * (a no-op then), which keeps compose and `npm start` as they are.
 */
export async function migrateAll(
  databaseUrl: string,
  log: Logger = createLogger('migrate'),
): Promise<MigrationRun[]> {
  const runs: MigrationRun[] = [];
  for (const { definition } of SUBGRAPHS) {
    const orm = await openDatabase({
      schema: definition.dbSchema,
      databaseUrl,
      entities: definition.entities,
      migrations: definition.migrations,
      migrate: false,
      log,
    });
    try {
      const applied = (await orm.getMigrator().up()).map(migration => migration.name);
      log.info({ subgraph: definition.name, applied }, 'schema up to date');
      runs.push({ subgraph: definition.name, applied });
    } finally {
      await orm.close();
    }
  }
  return runs;
}
