import { type Constructor, type MigrationObject } from '@mikro-orm/core';
import type express from 'express';
import { type GraphQLSchema } from 'graphql';
import { type JSONWebKeySet } from 'jose';
import { createTokenVerifier } from './auth';
import { type MikroORM, openDatabase } from './db';
import { commonEnv, readEnv, z } from './env';
import { createLogger } from './logger';
import { MESSAGING_ENTITIES, Messaging } from './messaging';
import { createSharedState, type SharedState } from './redis';
import { type BaseContext, type RunningServer, startSubgraph, stopOnSignals } from './server';

/** Everything that makes one subgraph; `buildSchema` needs no database, so composition can run offline. */
export interface SubgraphDefinition<TConfig = unknown, TContext extends BaseContext = BaseContext> {
  name: string;
  /** The PostgreSQL schema it owns. */
  dbSchema: string;
  entities: Constructor[];
  migrations: MigrationObject[];
  buildSchema(pubSub?: SharedState['pubSub']): Promise<GraphQLSchema>;
  extendContext?: (base: BaseContext, config: TConfig) => TContext | Promise<TContext>;
  /**
   * Extra HTTP routes (uploads, checkout pages, webhooks); `orm` forks an EntityManager per request,
   * `shared` is the server's shared state (presence, pub/sub, rate limits).
   */
  routes?: (
    app: express.Express,
    config: SubgraphConfig & TConfig,
    orm: MikroORM,
    shared: SharedState,
  ) => void;
  /**
   * Long-running servers of the subgraph besides HTTP (the live RTMP ingest): started after the
   * database and messaging are up and before HTTP listens; stopped after HTTP has drained and
   * before messaging and shared state close.
   */
  services?: (
    config: TConfig,
    orm: MikroORM,
    shared: SharedState,
    messaging: Messaging | undefined,
  ) => Promise<{ stop(): Promise<void> }>;
  /**
   * Registers event consumers and job workers (the outbox relay starts by itself); `shared` is the
   * server's own pub/sub, so a worker can publish to subscriptions.
   */
  messaging?: (
    messaging: Messaging,
    config: TConfig,
    shared: SharedState,
    orm: MikroORM,
  ) => Promise<void>;
}

export interface SubgraphConfig {
  databaseUrl: string;
  databaseReplicaUrl?: string;
  redisUrl?: string;
  jwks: JSONWebKeySet;
  port: number;
  host: string;
  /**
   * Where clients reach this platform's HTTP routes (the gateway's origin, which forwards
   * /uploads, /media, /live, /checkout and /webhooks to the owning subgraph). Signed URLs use it.
   */
  publicUrl?: string;
  /** TRUST_PROXY: the proxies whose X-Forwarded-For routes believe (default loopback; client-address.ts). */
  trustProxy?: string;
}

/** Opens the database (migrating it), connects shared state and serves the subgraph. */
export async function runSubgraph<TConfig, TContext extends BaseContext>(
  definition: SubgraphDefinition<TConfig, TContext>,
  config: SubgraphConfig & TConfig,
): Promise<RunningServer> {
  const log = createLogger(definition.name);
  const orm = await openDatabase({
    schema: definition.dbSchema,
    databaseUrl: config.databaseUrl,
    replicaUrls: config.databaseReplicaUrl ? [config.databaseReplicaUrl] : [],
    entities: definition.entities,
    migrations: definition.migrations,
    log,
  });
  const shared = await createSharedState(config.redisUrl);
  const usesMessaging =
    !!definition.messaging ||
    definition.entities.some(entity => MESSAGING_ENTITIES.includes(entity as never));
  const messaging = usesMessaging
    ? await Messaging.start({
        consumer: definition.name,
        databaseUrl: config.databaseUrl,
        orm,
        log,
      })
    : undefined;
  if (messaging && definition.messaging) {
    await definition.messaging(messaging, config, shared, orm);
  }
  const schema = await definition.buildSchema(shared.pubSub);
  const services = definition.services
    ? await definition.services(config, orm, shared, messaging)
    : undefined;
  try {
    return await startSubgraph(
      {
        name: definition.name,
        schema,
        orm,
        log,
        shared,
        verifyToken: createTokenVerifier(config.jwks),
        extendContext: definition.extendContext
          ? base => definition.extendContext!(base, config)
          : undefined,
        routes: definition.routes ? app => definition.routes!(app, config, orm, shared) : undefined,
        onStop: async () => {
          await services?.stop();
          await messaging?.stop();
          await shared.close();
        },
      },
      { port: config.port, host: config.host },
    );
  } catch (error) {
    await services?.stop();
    throw error;
  }
}

/**
 * The whole of a subgraph's main.ts: reads the common environment (DATABASE_URL, REDIS_URL, HOST,
 * PORT, AUTH_JWKS), adds the subgraph's own settings, serves, and stops cleanly on SIGTERM/SIGINT.
 */
export async function serveFromEnv<TConfig>(
  definition: SubgraphDefinition<TConfig, any>,
  defaultPort: number,
  ownConfig: (env: NodeJS.ProcessEnv) => TConfig = () => ({}) as TConfig,
) {
  const log = createLogger(definition.name);
  try {
    const env = readEnv({ ...commonEnv, PORT: z.coerce.number().int().default(defaultPort) });
    const server = await runSubgraph(definition, {
      databaseUrl: env.DATABASE_URL,
      databaseReplicaUrl: env.DATABASE_REPLICA_URL,
      redisUrl: env.REDIS_URL,
      jwks: JSON.parse(env.AUTH_JWKS) as JSONWebKeySet,
      port: env.PORT,
      host: env.HOST,
      publicUrl: env.PUBLIC_URL,
      trustProxy: env.TRUST_PROXY,
      ...ownConfig(process.env),
    });
    stopOnSignals(server.stop, log);
  } catch (err) {
    log.fatal({ err }, 'failed to start');
    process.exit(1);
  }
}
