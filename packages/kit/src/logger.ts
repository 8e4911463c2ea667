import pino, { type DestinationStream, type Logger } from 'pino';

export type { Logger };

/**
 * Keys whose values never reach a log line, wherever a caller puts them: credentials and the
 * personal data a log has no use for (ids are enough to find a row).
 */
export const REDACTED_KEYS = [
  'password',
  'passwordHash',
  'newPassword',
  'currentPassword',
  'email',
  'token',
  'refreshToken',
  'accessToken',
  'authorization',
  'cookie',
];
const REDACT_PATHS = REDACTED_KEYS.flatMap(key => [key, `*.${key}`, `*.*.${key}`]);

/** Error fields that carry row values (`Key (email)=(a@b.c) already exists.`) or SQL. */
const VALUE_FIELDS = [
  'detail',
  'where',
  'hint',
  'internalQuery',
  'sqlMessage',
  'errmsg',
  'query',
  'sql',
  'params',
  'parameters',
  'bindings',
];
/** What is left of a database error: enough to find the statement's table and constraint. */
const DATABASE_SAFE_FIELDS = [
  'code',
  'sqlState',
  'severity',
  'schema',
  'table',
  'column',
  'dataType',
  'constraint',
  'routine',
] as const;

type Serialized = Record<string, unknown>;

/**
 * A driver error (pg, or MikroORM's conversion of it): its message starts with the statement with
 * its values bound (`insert into … values ('a@b.c', '$argon2id…') - duplicate key …`), and its
 * detail names the clashing values. Even PostgreSQL's own text can quote a value (`invalid input
 * syntax for type uuid: "…"`).
 */
const isDatabaseError = (error: Serialized) =>
  typeof error.sqlState === 'string' ||
  (typeof error.severity === 'string' && typeof error.routine === 'string');

/** The stack's frames without its first lines, which repeat the message. */
const framesOf = (stack: unknown) =>
  typeof stack === 'string'
    ? stack
        .split('\n')
        .filter(line => /^\s+at\s/.test(line))
        .join('\n')
    : undefined;

const WRAPPED = ['cause', 'previous', 'originalError'] as const;

const safeDatabaseMessage = (raw: Serialized) =>
  `${String(raw.name ?? 'Database error')} (SQLSTATE ${String(raw.code ?? raw.sqlState)}${raw.constraint ? `, constraint ${String(raw.constraint)}` : ''})`;

function safeDatabaseError(raw: Serialized): Serialized {
  const safe: Serialized = {
    type: raw.name ?? 'DatabaseError',
    message: safeDatabaseMessage(raw),
    stack: framesOf(raw.stack),
  };
  for (const field of DATABASE_SAFE_FIELDS) {
    if (raw[field] !== undefined) {
      safe[field] = raw[field];
    }
  }
  return safe;
}

/** The database errors an error wraps, at any depth (GraphQL's originalError, a cause…). */
function wrappedDatabaseErrors(raw: Serialized, depth = 0): Serialized[] {
  if (depth > 5) {
    return [];
  }
  return WRAPPED.flatMap(key => {
    const inner = raw[key] as Serialized | undefined;
    if (!inner || typeof inner !== 'object') {
      return [];
    }
    return isDatabaseError(inner) ? [inner] : wrappedDatabaseErrors(inner, depth + 1);
  });
}

/**
 * The `err` serializer of every logger: pino's own, except that database errors lose their
 * message, detail and bound values and keep their SQLSTATE, table, column and constraint. An error
 * that wraps one (GraphQL's located error repeats the driver's message, a cause is folded into the
 * message by pino) has that text replaced the same way.
 */
export function serializeError(error: unknown, depth = 0): unknown {
  if (typeof error !== 'object' || error === null) {
    return error;
  }
  const raw = error as Serialized;
  if (isDatabaseError(raw)) {
    return safeDatabaseError(raw);
  }
  const serialized = pino.stdSerializers.err(error as Error) as unknown as Serialized;
  for (const key of WRAPPED) {
    const inner = raw[key];
    if (inner && typeof inner === 'object' && depth < 5) {
      serialized[key] = serializeError(inner, depth + 1);
    }
  }
  const wrapped = wrappedDatabaseErrors(raw);
  if (wrapped.length) {
    let message = typeof raw.message === 'string' ? raw.message : '';
    for (const inner of wrapped) {
      const text = String(inner.message ?? '');
      for (const part of [text, text.split('\n')[0]]) {
        if (part) {
          message = message.split(part).join(safeDatabaseMessage(inner));
        }
      }
    }
    serialized.message = message;
    serialized.stack = `${String(raw.name ?? 'Error')}: ${message}\n${framesOf(raw.stack) ?? ''}`;
  }
  for (const field of VALUE_FIELDS) {
    delete serialized[field];
  }
  return serialized;
}

/**
 * JSON logs to stdout (or `destination`), one logger per service; request loggers are children with
 * a requestId. Database errors are serialized without their bound values, and the REDACTED_KEYS
 * are censored at any depth up to three.
 */
export function createLogger(
  service: string,
  level = process.env.LOG_LEVEL ?? 'info',
  destination?: DestinationStream,
): Logger {
  const options = {
    name: service,
    level,
    base: { service },
    serializers: { err: serializeError, error: serializeError },
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
  };
  return destination ? pino(options, destination) : pino(options);
}

/**
 * `log.child(bindings)`, made on first use: a request's logger (its requestId) is in every
 * context, but most requests log nothing, and pino's child (bindings serialized, redaction set up)
 * was a tenth of a small request's CPU. Apollo copies each context, so the field holds this
 * stand-in rather than a getter (a copy would read it at once).
 */
export function lazyChildLogger(log: Logger, bindings: Record<string, unknown>): Logger {
  let child: Logger | undefined;
  const real = () => (child ??= log.child(bindings));
  return new Proxy(log, {
    get(_parent, key) {
      const target = real();
      const value = Reflect.get(target, key, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
    set(_parent, key, value) {
      return Reflect.set(real(), key, value);
    },
    has: (_parent, key) => Reflect.has(real(), key),
  });
}
