import { type Logger } from './logger';

/**
 * How long a process asked to stop waits for its parts: less than the 30 s Kubernetes and Docker
 * give before SIGKILL, so the process still exits by itself and says what did not stop.
 */
export const STOP_TIMEOUT_MS = 20_000;

/**
 * Waits for a part to stop, at most `ms`. A part can hang on a dependency that went away first
 * (Ctrl-C reaches the embedded PostgreSQL at the same moment as the platform), and that must not
 * keep the process from exiting. True when it stopped without an error; what failed or was given
 * up on is logged.
 */
export async function stopWithin(
  name: string,
  stop: () => Promise<unknown>,
  log: Pick<Logger, 'warn' | 'error'>,
  ms = STOP_TIMEOUT_MS,
): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const gaveUp = new Promise<false>(resolve => {
    timer = setTimeout(() => resolve(false), ms);
  });
  const stopped = stop().then(
    () => 'stopped' as const,
    (err: unknown) => {
      log.error({ err }, `stopping ${name} failed`);
      return 'failed' as const;
    },
  );
  const outcome = await Promise.race([stopped, gaveUp]);
  clearTimeout(timer);
  if (outcome === false) {
    log.warn(`${name} did not stop within ${ms / 1000} s: going on without it`);
  }
  return outcome === 'stopped';
}

/**
 * Stops cleanly on SIGTERM or SIGINT: in-flight requests finish, then the process exits (within
 * STOP_TIMEOUT_MS even when a part hangs).
 */
export function stopOnSignals(stop: () => Promise<void>, log: Logger) {
  const handler = (signal: string) => {
    log.info({ signal }, 'stopping');
    void stopWithin('the process', stop, log).then(stopped => process.exit(stopped ? 0 : 1));
  };
  process.once('SIGTERM', handler);
  process.once('SIGINT', handler);
}
