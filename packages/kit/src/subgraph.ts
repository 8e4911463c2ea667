import { type Constructor, type MigrationObject } from '@mikro-orm/core';
import type express from 'express';
import { type GraphQLSchema } from 'graphql';
import { type JSONWebKeySet } from 'jose';
import { createTokenVerifier } from './auth';
import { type MikroORM, openDatabase } from './db';
import { EnvError, type EnvSchema, mergeEnv, readEnv, subgraphEnv, type SubgraphEnv } from './env';
import { createLogger, type Logger } from './logger';
import { MESSAGING_ENTITIES, Messaging } from './messaging';
import { createSharedState, type SharedState } from './redis';
import { CACHE_INVALIDATING_EVENTS } from './response-cache';
import { type BaseContext, type RunningServer, startSubgraph } from './server';
import { stopOnSignals } from './stopping';

/** What a subgraph's start-up hook gets besides its config: the running database and shared state. */
export interface SubgraphRuntime {
  orm: MikroORM;
  shared: SharedState;
  log: Logger;
}

/**
 * Everything that makes one subgraph; `buildSchema` needs no database, so composition can run offline.
 *
 * `adapters` is the one place a subgraph builds what talks to the outside (storage, signer, payment
 * providers, search index, mailer, clocks): once, at start-up, from its config. The result is
 * handed to every other hook and, through `extendContext`, to resolvers; nothing caches adapters
 * per config elsewhere.
 */
export interface SubgraphDefinition<
  TConfig = unknown,
  TContext extends BaseContext = BaseContext,
  TAdapters = unknown,
> {
  name: string;
  /** The PostgreSQL schema it owns. */
  dbSchema: string;
  entities: Constructor[];
  migrations: MigrationObject[];
  /** The variables its process reads besides every subgraph's (`subgraphEnv`), and how they make its config. */
  env?: { schema: EnvSchema<any>; config: (env: any) => TConfig };
  buildSchema(pubSub?: SharedState['pubSub']): Promise<GraphQLSchema>;
  adapters?: (
    config: SubgraphConfig & TConfig,
    runtime: SubgraphRuntime,
  ) => TAdapters | Promise<TAdapters>;
  extendContext?: (
    base: BaseContext,
    config: TConfig,
    adapters: TAdapters,
  ) => TContext | Promise<TContext>;
  /**
   * Extra HTTP routes (uploads, checkout pages, webhooks); `orm` forks an EntityManager per request,
   * `shared` is the server's shared state (presence, pub/sub, rate limits).
   */
  routes?: (
    app: express.Express,
    config: SubgraphConfig & TConfig,
    orm: MikroORM,
    shared: SharedState,
    adapters: TAdapters,
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
    adapters: TAdapters,
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
    adapters: TAdapters,
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
   * /uploads, /media, /avatars, /live, /checkout and /webhooks to the owning subgraph). Signed URLs use it.
   */
  publicUrl?: string;
  /** TRUST_PROXY: the proxies whose X-Forwarded-For routes believe (default loopback; client-address.ts). */
  trustProxy?: string;
  /**
   * DEFAULT_TERRITORY: the viewer's territory when the request does not come from a TRUST_PROXY hop
   * (the gateway) with `x-viewer-territory` (default JP; territory.ts).
   */
  defaultTerritory?: string;
}

/** Opens the database (migrating it), connects shared state and serves the subgraph. */
export async function runSubgraph<TConfig, TContext extends BaseContext, TAdapters>(
  definition: SubgraphDefinition<TConfig, TContext, TAdapters>,
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
  let adapters: TAdapters;
  try {
    adapters = definition.adapters
      ? await definition.adapters(config, { orm, shared, log })
      : (undefined as TAdapters);
  } catch (error) {
    await shared.close();
    await orm.close();
    throw error;
  }
  const usesMessaging =
    !!definition.messaging ||
    definition.entities.some(entity => MESSAGING_ENTITIES.includes(entity as never));
  const messaging = usesMessaging
    ? await Messaging.start({
        consumer: definition.name,
        databaseUrl: config.databaseUrl,
        orm,
        log,
        // public answers the gateway cached may be stale once such an event is committed
        onCommitted: type => {
          if (CACHE_INVALIDATING_EVENTS.has(type)) {
            shared.responseCache
              .invalidate(type)
              .catch(err => log.warn({ err, type }, 'response cache invalidation failed'));
          }
        },
      })
    : undefined;
  if (messaging && definition.messaging) {
    await definition.messaging(messaging, config, shared, orm, adapters);
  }
  const schema = await definition.buildSchema(shared.pubSub);
  const services = definition.services
    ? await definition.services(config, orm, shared, messaging, adapters)
    : undefined;
  try {
    return await startSubgraph(
      {
        name: definition.name,
        schema,
        orm,
        log,
        shared,
        verifyToken: createTokenVerifier(config.jwks, shared.revocations),
        trustProxy: config.trustProxy,
        defaultTerritory: config.defaultTerritory,
        extendContext: definition.extendContext
          ? base => definition.extendContext!(base, config, adapters)
          : undefined,
        routes: definition.routes
          ? app => definition.routes!(app, config, orm, shared, adapters)
          : undefined,
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
 * The whole of a subgraph's main.ts: reads its environment once (every subgraph's variables and its
 * own, `definition.env`), serves, and stops cleanly on SIGTERM/SIGINT. A bad environment stops the
 * process before anything starts, listing every problem.
 */
export async function serveFromEnv(
  definition: SubgraphDefinition<any, any, any>,
  defaultPort: number,
  source: NodeJS.ProcessEnv = process.env,
) {
  const log = createLogger(definition.name);
  try {
    const schema = definition.env
      ? mergeEnv(subgraphEnv(defaultPort), definition.env.schema)
      : subgraphEnv(defaultPort);
    const env = readEnv(schema, source) as SubgraphEnv;
    const server = await runSubgraph(definition, {
      ...subgraphConfigOf(env),
      ...definition.env?.config(env),
    });
    stopOnSignals(server.stop, log);
  } catch (err) {
    exitOnStartFailure(log, err);
  }
}

/** Logs why a process could not start (every environment problem, or the error) and exits 1. */
export function exitOnStartFailure(log: Logger, err: unknown): never {
  if (err instanceof EnvError) {
    log.fatal({ problems: err.problems }, err.message);
  } else {
    log.fatal({ err }, 'failed to start');
  }
  process.exit(1);
}

/** Every subgraph's config from every subgraph's variables. */
export function subgraphConfigOf(env: SubgraphEnv): SubgraphConfig {
  return {
    databaseUrl: env.DATABASE_URL,
    databaseReplicaUrl: env.DATABASE_REPLICA_URL,
    redisUrl: env.REDIS_URL,
    jwks: env.AUTH_JWKS,
    port: env.PORT,
    host: env.HOST,
    publicUrl: env.PUBLIC_URL,
    trustProxy: env.TRUST_PROXY,
    defaultTerritory: env.DEFAULT_TERRITORY,
  };
}
