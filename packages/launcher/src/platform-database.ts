import { existsSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { embeddedDatabaseUrl, startEmbeddedPostgres } from './embedded-postgres';

/** A refusal the operator can act on: printed as it is, exit code 1 (2 for wrong usage). */
export class OperatorError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

/** Whether something (the running platform's PostgreSQL) already listens on the port. */
const isListening = (port: number) =>
  new Promise<boolean>(resolve => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });

/** DATABASE_URL, or the embedded database (started for the command when the platform is not running). */
export async function openPlatformDatabase(env: {
  DATABASE_URL?: string;
  PLATFORM_DATA_DIR: string;
  EMBEDDED_POSTGRES_PORT: number;
}) {
  if (env.DATABASE_URL) {
    return { url: env.DATABASE_URL, stop: async () => {} };
  }
  const port = env.EMBEDDED_POSTGRES_PORT;
  if (await isListening(port)) {
    return { url: embeddedDatabaseUrl(port), stop: async () => {} };
  }
  const dataDir = join(env.PLATFORM_DATA_DIR, 'postgres');
  if (!existsSync(join(dataDir, 'PG_VERSION'))) {
    throw new OperatorError(
      `There is no embedded database in ${dataDir} yet: start the platform once with \`npm start\`, ` +
        'or set DATABASE_URL.',
    );
  }
  return startEmbeddedPostgres(dataDir, port);
}
