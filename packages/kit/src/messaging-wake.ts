import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { type Logger } from './logger';

/**
 * Wake-ups across processes: a relay that delivered events or jobs NOTIFYs this channel, in its
 * transaction (so at its commit), with what it delivered (`event <topic>`, `job <queue>`), and
 * every process LISTENing wakes its workers of those at once rather than at their next poll. A
 * process wakes its own workers directly, so it ignores its own notifications (its mark).
 */
export const WAKE_CHANNEL = 'vp_messaging_wake';
const PROCESS_MARK = randomUUID();
const RECONNECT_MS = 2_000;

/** A notification's payload: this process's mark, then one key a line. */
export function wakePayload(keys: Iterable<string>): string {
  return [PROCESS_MARK, ...new Set(keys)].join('\n');
}

interface Listener {
  users: number;
  closed: boolean;
  client?: Client;
  retry?: NodeJS.Timeout;
}

/** One LISTEN connection per database in this process, whatever the number of Messaging. */
const listeners = new Map<string, Listener>();

/**
 * Listens (shared per database) for other processes' deliveries and calls `wake` with each key.
 * A lost connection is opened again; meanwhile the workers' polling still finds every job.
 * Returns what stops this use of it (the connection closes with the last one).
 */
export async function listenForWakes(
  databaseUrl: string,
  log: Logger,
  wake: (key: string) => void,
): Promise<() => Promise<void>> {
  let listener = listeners.get(databaseUrl);
  if (!listener) {
    const created: Listener = { users: 0, closed: false };
    listener = created;
    listeners.set(databaseUrl, created);
    const reconnect = () => {
      created.client = undefined;
      if (!created.closed && !created.retry) {
        created.retry = setTimeout(() => {
          created.retry = undefined;
          void connect();
        }, RECONNECT_MS).unref();
      }
    };
    const connect = async () => {
      const client = new Client({
        connectionString: databaseUrl,
        application_name: 'messaging-wake',
      });
      client.on('notification', ({ channel, payload }) => {
        const [mark, ...keys] = (payload ?? '').split('\n');
        if (channel === WAKE_CHANNEL && mark !== PROCESS_MARK) {
          keys.forEach(wake);
        }
      });
      client.on('error', err => {
        log.warn({ err }, 'messaging wake-up listener lost; polling meanwhile');
        void client.end().catch(() => undefined);
        if (created.client === client) {
          reconnect();
        }
      });
      try {
        await client.connect();
        await client.query(`LISTEN ${WAKE_CHANNEL}`);
      } catch (err) {
        log.warn({ err }, 'messaging wake-up listener not started; polling meanwhile');
        void client.end().catch(() => undefined);
        reconnect();
        return;
      }
      if (created.closed) {
        await client.end().catch(() => undefined);
        return;
      }
      created.client = client;
    };
    await connect();
  }
  listener.users += 1;
  const used = listener;
  let stopped = false;
  return async () => {
    if (stopped) {
      return;
    }
    stopped = true;
    used.users -= 1;
    if (used.users > 0) {
      return;
    }
    used.closed = true;
    listeners.delete(databaseUrl);
    clearTimeout(used.retry);
    await used.client?.end().catch(() => undefined);
  };
}
