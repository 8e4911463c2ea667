import { type EntityManager } from '@mikro-orm/postgresql';
import { openDatabase } from '../db';
import { type BaseContext, type RunningServer } from '../server';
import { runSubgraph, type SubgraphConfig, type SubgraphDefinition } from '../subgraph';
import { createTestDatabase, testKeys } from './index';

/**
 * The real subgraph on a fresh database for one test file, with a second ORM for fixtures (`em()`)
 * and the SQL the server ran (`takeSql()`), which is how tests prove that look-ups are batched.
 */
export async function startTestSubgraph<TConfig>(
  definition: SubgraphDefinition<TConfig, any, any>,
  config: Partial<SubgraphConfig & TConfig> = {},
) {
  const database = await createTestDatabase(definition.name);
  const fullConfig = {
    databaseUrl: database.url,
    jwks: (await testKeys()).jwks,
    port: 0,
    host: '127.0.0.1',
    ...(config as TConfig),
  };
  const sql: string[] = [];
  let listening = false;
  const others: RunningServer[] = [];
  const server = await runSubgraph(
    {
      ...definition,
      extendContext: async (base: BaseContext, ownConfig: TConfig, adapters: unknown) => {
        if (!listening) {
          listening = true;
          base.em.getKnex().on('query', (query: { sql: string }) => sql.push(query.sql));
        }
        return definition.extendContext
          ? definition.extendContext(base, ownConfig, adapters)
          : base;
      },
    },
    fullConfig,
  );
  const orm = await openDatabase({
    schema: definition.dbSchema,
    databaseUrl: database.url,
    entities: definition.entities,
    migrations: definition.migrations,
    migrate: false,
  });
  return {
    url: server.url,
    port: server.port,
    databaseUrl: database.url,
    /** A fresh EntityManager on the same database, for fixtures and for checking stored rows. */
    em: () => orm.em.fork() as EntityManager,
    /** The SQL statements the server ran since the last call. */
    takeSql: () => sql.splice(0),
    /** Another instance on the same database (and Redis, if any), as a second replica would be. */
    async startAnotherInstance() {
      const other = await runSubgraph(definition, fullConfig);
      others.push(other);
      return other;
    },
    async stop() {
      await Promise.all(others.map(other => other.stop()));
      await server.stop();
      await orm.close();
      await database.drop();
    },
  };
}

export type TestSubgraph = Awaited<ReturnType<typeof startTestSubgraph>>;
