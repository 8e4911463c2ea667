import { MikroORM } from '@mikro-orm/postgresql';
import { ormConfig } from './db';
import { createLogger } from './logger';
import { MESSAGING_ENTITIES, Messaging, type MessagingOptions } from './messaging';
import { createTestDatabase } from './testing';

type StartOptions = Omit<MessagingOptions, 'consumer' | 'databaseUrl' | 'orm' | 'log'>;

/**
 * The messaging tests' shared set-up: a database of the file's own with the outbox and inbox
 * tables, Messaging instances started on it (`start`), and `close()` that stops them and drops
 * the database. Call `open()` in beforeAll and `close()` in afterAll.
 */
export function messagingTestBed(prefix: string, defaults: StartOptions = {}) {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  const log = createLogger(prefix, 'silent');
  const started: Messaging[] = [];
  const bed = {
    orm: undefined as unknown as MikroORM,
    log,
    get databaseUrl() {
      return database.url;
    },
    async open() {
      database = await createTestDatabase(prefix);
      bed.orm = await MikroORM.init(
        ormConfig({
          schema: 'probe',
          databaseUrl: database.url,
          entities: MESSAGING_ENTITIES,
          migrations: [],
        }),
      );
      await bed.orm.getSchemaGenerator().createSchema();
    },
    async start(consumer: string, options: StartOptions = {}) {
      const messaging = await Messaging.start({
        consumer,
        databaseUrl: database.url,
        orm: bed.orm,
        log,
        ...defaults,
        ...options,
      });
      started.push(messaging);
      return messaging;
    },
    /** Stops every instance started so far (a test that must be the only relay calls it first). */
    async stopStarted() {
      for (const messaging of started.splice(0)) {
        await messaging.stop();
      }
    },
    async close() {
      await bed.stopStarted();
      await bed.orm.close();
      await database.drop();
    },
  };
  return bed;
}
