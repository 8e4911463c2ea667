import {
  createLogger,
  createSharedState,
  exitOnStartFailure,
  isDatabaseReachable,
  Messaging,
  openDatabase,
  readEnv,
  serveHealth,
  stopOnSignals,
} from '@vp/kit';
import { createVideosSettings } from './config';
import { videos } from './definition';
import { videosConfigFromEnv, videosWorkerEnv } from './env';
import { registerTranscodeWorker } from './processing/transcode.job';

/**
 * The transcode worker on its own (production runs it as a separate service and the subgraph with
 * VIDEOS_WORKER=off). Progress reaches subscribers through REDIS_URL's pub/sub, which the
 * subgraph processes share; without Redis, run the worker inside the subgraph instead.
 */
async function main() {
  const log = createLogger('videos-worker');
  try {
    const env = readEnv(videosWorkerEnv);
    if (!env.REDIS_URL) {
      log.warn(
        'REDIS_URL is not set: progress events stay in this process and reach no subscriber',
      );
    }
    const settings = createVideosSettings(videosConfigFromEnv(env));
    const orm = await openDatabase({
      schema: videos.dbSchema,
      databaseUrl: env.DATABASE_URL,
      entities: videos.entities,
      migrations: videos.migrations,
      log,
    });
    const shared = await createSharedState(env.REDIS_URL);
    const messaging = await Messaging.start({
      consumer: videos.name,
      databaseUrl: env.DATABASE_URL,
      orm,
      log,
    });
    await registerTranscodeWorker(messaging, {
      settings,
      pubSub: shared.pubSub,
      em: () => messaging.em(),
      log,
    });
    // Ready while it can reach its database (where its jobs come from); alive until it drains.
    const health = await serveHealth({
      host: env.HOST,
      port: env.PORT,
      ready: () => isDatabaseReachable(orm),
      log,
    });
    log.info({ health: health.url }, 'videos transcode worker running');
    stopOnSignals(async () => {
      health.drain();
      await messaging.stop();
      await shared.close();
      await orm.close();
      await health.close();
    }, log);
  } catch (err) {
    exitOnStartFailure(log, err);
  }
}

void main();
