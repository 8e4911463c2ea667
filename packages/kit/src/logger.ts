import pino, { type Logger } from 'pino';

export type { Logger };

/** JSON logs to stdout, one logger per service; request loggers are children with a requestId. */
export function createLogger(service: string, level = process.env.LOG_LEVEL ?? 'info'): Logger {
  return pino({ name: service, level, base: { service } });
}
