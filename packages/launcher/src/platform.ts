import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gatewayLimitsOf, startGateway } from '@vp/gateway';
import {
  createLogger,
  type LocalGraphql,
  readEnv,
  runSubgraph,
  type RunningServer,
  stopWithin,
} from '@vp/kit';
import { launcherEnv, type LauncherEnv } from './env';
import { startEmbeddedPostgres } from './embedded-postgres';
import { loadOrCreateDevKeys } from './keys';
import { DEFAULT_BASE_PORT, SUBGRAPHS } from './subgraphs';
import { buildWebApp, startWebApp } from './web';
import { buildStudio, startStudio } from './studio';

export interface PlatformOptions {
  /** External PostgreSQL; without it the embedded one starts. */
  databaseUrl?: string;
  redisUrl?: string;
  dataDir: string;
  embeddedPostgresPort: number;
  gatewayPort: number;
  /** The RTMP ingest's port (1935 by default; 0 picks a free one). */
  rtmpPort?: number;
  /** Moves every subgraph's port (4001–4006 by default) so that a second platform can run beside one. */
  subgraphBasePort: number;
  /** The gateway's origin as clients see it (default http://localhost:<gatewayPort>). */
  publicUrl?: string;
  /**
   * Every other setting of the subgraphs and the gateway (`launcherEnv`, read once by main.ts);
   * tests leave it out and get the embedded defaults.
   */
  env?: LauncherEnv;
  /**
   * The web app (clients/web) on this port beside the gateway, built first when its sources
   * changed since the last build; left out, no web app runs.
   */
  web?: { port: number; host?: string; publicUrl?: string };
  /**
   * The creator's studio (clients/studio) on this port beside the gateway, built first when its
   * sources changed since the last build; left out, no studio runs.
   */
  studio?: { port: number; host?: string; publicUrl?: string };
}

export const SUPERGRAPH_FILE = join(__dirname, '../../../schema/supergraph.graphql');

export async function startPlatform(options: PlatformOptions) {
  const log = createLogger('launcher');
  const stops: { name: string; stop: () => Promise<unknown> }[] = [];
  const stopAll = async () => {
    // Last started, first stopped: the apps and the gateway drain first, PostgreSQL goes last.
    for (const { name, stop } of stops.reverse()) {
      await stopWithin(name, stop, log);
    }
  };
  try {
    const env = options.env ?? (readEnv(launcherEnv, {}) as LauncherEnv);
    const publicUrl = options.publicUrl ?? `http://localhost:${options.gatewayPort}`;
    const webUrl = options.web
      ? (options.web.publicUrl ?? `http://localhost:${options.web.port}`)
      : undefined;
    if (options.web) {
      // before anything else starts: the build takes both cores for a while, the first time
      await buildWebApp();
    }
    const studioUrl = options.studio
      ? (options.studio.publicUrl ?? `http://localhost:${options.studio.port}`)
      : undefined;
    if (options.studio) {
      await buildStudio();
    }
    const keys =
      env.AUTH_SIGNING_KEY && env.AUTH_JWKS
        ? { privateJwk: env.AUTH_SIGNING_KEY, jwks: env.AUTH_JWKS }
        : await loadOrCreateDevKeys(join(options.dataDir, 'keys'));
    // What each subgraph's config is made from: the environment, with the launcher's own choices.
    const subgraphEnv = {
      ...env,
      PLATFORM_DATA_DIR: options.dataDir,
      PUBLIC_URL: publicUrl,
      REDIS_URL: options.redisUrl,
      AUTH_SIGNING_KEY: keys.privateJwk,
      LIVE_RTMP_PORT: options.rtmpPort ?? env.LIVE_RTMP_PORT,
      // emails link to the web app when it runs here (unless the operator said otherwise)
      ...(webUrl && !process.env.PUBLIC_WEB_URL ? { PUBLIC_WEB_URL: webUrl } : {}),
    };
    let databaseUrl = options.databaseUrl;
    if (!databaseUrl) {
      const pg = await startEmbeddedPostgres(
        join(options.dataDir, 'postgres'),
        options.embeddedPostgresPort,
      );
      stops.push({ name: 'postgres', stop: pg.stop });
      databaseUrl = pg.url;
    }
    const subgraphs: { name: string; url: string }[] = [];
    const subgraphUrls: Record<string, string> = {};
    // the gateway answers their operations in this process, without a loopback socket
    const localSubgraphs = new Map<string, LocalGraphql>();
    // Subgraphs stop together: each waits for its queue workers to finish, one at a time would add up.
    const subgraphStops: { name: string; stop: () => Promise<void> }[] = [];
    stops.push({
      name: 'the subgraphs',
      stop: () => Promise.all(subgraphStops.map(({ name, stop }) => stopWithin(name, stop, log))),
    });
    for (const { definition, port } of SUBGRAPHS) {
      const server: RunningServer = await runSubgraph(definition, {
        ...definition.env?.config(subgraphEnv),
        databaseUrl,
        redisUrl: options.redisUrl,
        jwks: keys.jwks,
        port: port + options.subgraphBasePort - DEFAULT_BASE_PORT,
        host: '127.0.0.1',
        publicUrl,
        // the gateway tells subgraphs the viewer's territory; without it, this one (catalog licences)
        defaultTerritory: env.DEFAULT_TERRITORY,
      });
      subgraphStops.push({ name: definition.name, stop: server.stop });
      subgraphs.push({ name: definition.name, url: server.url });
      subgraphUrls[definition.name] = server.url;
      if (server.local) {
        localSubgraphs.set(server.url, server.local);
      }
    }
    const limits = gatewayLimitsOf(env);
    const gateway = await startGateway({
      ...limits,
      // the web app's and the studio's pages open subscriptions on the gateway's WebSocket from their own origins
      allowedOrigins: [
        ...(limits.allowedOrigins ?? []),
        ...(webUrl ? [new URL(webUrl).origin, `http://127.0.0.1:${options.web!.port}`] : []),
        ...(studioUrl
          ? [new URL(studioUrl).origin, `http://127.0.0.1:${options.studio!.port}`]
          : []),
      ],
      supergraphSdl: readFileSync(SUPERGRAPH_FILE, 'utf8'),
      jwks: keys.jwks,
      port: options.gatewayPort,
      host: '0.0.0.0',
      subgraphUrls,
      localSubgraphs,
      redisUrl: options.redisUrl,
    });
    stops.push({ name: 'gateway', stop: gateway.stop });
    let web: { url: string } | undefined;
    if (options.web) {
      const running = await startWebApp({
        port: options.web.port,
        host: options.web.host ?? '0.0.0.0',
        gatewayUrl: `http://127.0.0.1:${options.gatewayPort}/graphql`,
        publicGatewayUrl: publicUrl,
        publicWebUrl: webUrl,
        production: env.PLATFORM_ENV === 'production',
        log: () => undefined,
      });
      stops.push({ name: 'web', stop: running.stop });
      web = { url: webUrl ?? running.url };
    }
    let studio: { url: string } | undefined;
    if (options.studio) {
      const running = await startStudio({
        port: options.studio.port,
        host: options.studio.host ?? '0.0.0.0',
        gatewayUrl: `http://127.0.0.1:${options.gatewayPort}/graphql`,
        publicGatewayUrl: publicUrl,
        publicStudioUrl: studioUrl,
        publicWebUrl: webUrl,
        production: env.PLATFORM_ENV === 'production',
        log: () => undefined,
      });
      stops.push({ name: 'studio', stop: running.stop });
      studio = { url: studioUrl ?? running.url };
    }
    return {
      gatewayUrl: gateway.url,
      webUrl: web?.url,
      studioUrl: studio?.url,
      subgraphs,
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
