import { Migrator } from '@mikro-orm/migrations';
import { MikroORM, type Options, PostgreSqlDriver } from '@mikro-orm/postgresql';
import { type Constructor, type MigrationObject } from '@mikro-orm/core';
import { type Logger } from './logger';

export interface DatabaseOptions {
  /** The PostgreSQL schema this subgraph owns; no other subgraph reads it. */
  schema: string;
  databaseUrl: string;
  /** Read replicas: MikroORM sends reads outside transactions there (`em.find` with no lock). */
  replicaUrls?: string[];
  entities: Constructor[];
  migrations: MigrationObject[];
  log?: Logger;
  poolMax?: number;
}

export function ormConfig(options: DatabaseOptions): Options {
  return {
    driver: PostgreSqlDriver,
    clientUrl: options.databaseUrl,
    replicas: (options.replicaUrls ?? []).map(clientUrl => ({ clientUrl })),
    schema: options.schema,
    entities: options.entities,
    extensions: [Migrator],
    migrations: {
      tableName: 'mikro_orm_migrations',
      migrationsList: options.migrations,
      transactional: true,
      allOrNothing: true,
      emit: 'ts',
      silent: true,
      // Migrations are listed in code; a snapshot file would be written into the working directory.
      snapshot: false,
    },
    pool: { min: 0, max: options.poolMax ?? 10 },
    // Entities are plain classes passed in explicitly: no folder scanning, no ts-morph at run time.
    discovery: { warnWhenNoEntities: true },
    allowGlobalContext: false,
    debug: false,
  };
}

/**
 * Connects and (by default) brings the schema up to date. A dropped or terminated pool connection
 * is logged, never left to crash the process.
 */
export async function openDatabase(options: DatabaseOptions & { migrate?: boolean }) {
  const orm = await MikroORM.init(ormConfig(options));
  const knex = orm.em.getConnection().getKnex();
  const pool = (
    knex.client as { pool?: { on?: (event: string, fn: (err: Error) => void) => void } }
  ).pool;
  pool?.on?.('createFail', err => options.log?.warn({ err }, 'database connection failed'));
  if (options.migrate !== false) {
    await orm.getMigrator().up();
  }
  return orm;
}

export async function isDatabaseReachable(orm: MikroORM): Promise<boolean> {
  try {
    await orm.em.getConnection().execute('select 1');
    return true;
  } catch {
    return false;
  }
}

export { MikroORM };
