import {
  commonEnv,
  createLogger,
  createSharedState,
  Messaging,
  openDatabase,
  readEnv,
  stopOnSignals,
} from '@vp/kit';
import { videosSettings } from './config';
import { videos } from './definition';
import { videosConfigFromEnv } from './env';
import { registerTranscodeWorker } from './processing/transcode.job';

/**
 * The transcode worker on its own (production runs it as a separate service and the subgraph with
 * VIDEOS_WORKER=off). Progress reaches subscribers through REDIS_URL's pub/sub, which the
 * subgraph processes share; without Redis, run the worker inside the subgraph instead.
 */
async function main() {
  const log = createLogger('videos-worker');
  try {
    const { DATABASE_URL, REDIS_URL } = readEnv({
      DATABASE_URL: commonEnv.DATABASE_URL,
      REDIS_URL: commonEnv.REDIS_URL,
    });
    if (!REDIS_URL) {
      log.warn(
        'REDIS_URL is not set: progress events stay in this process and reach no subscriber',
      );
    }
    const settings = videosSettings(videosConfigFromEnv(process.env));
    const orm = await openDatabase({
      schema: videos.dbSchema,
      databaseUrl: DATABASE_URL,
      entities: videos.entities,
      migrations: videos.migrations,
      log,
    });
    const shared = await createSharedState(REDIS_URL);
    const messaging = await Messaging.start({
      consumer: videos.name,
      databaseUrl: DATABASE_URL,
      orm,
      log,
    });
    await registerTranscodeWorker(messaging, {
      settings,
      pubSub: shared.pubSub,
      em: () => messaging.em(),
      log,
    });
    log.info('videos transcode worker running');
    stopOnSignals(async () => {
      await messaging.stop();
      await shared.close();
      await orm.close();
    }, log);
  } catch (err) {
    log.fatal({ err }, 'failed to start');
    process.exit(1);
  }
}

void main();
