import { GraphQLError, type GraphQLFormattedError } from 'graphql';

/** The error codes clients may see (DESIGN.md §5). Anything else is masked as INTERNAL_SERVER_ERROR. */
export enum ErrorCode {
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  FORBIDDEN = 'FORBIDDEN',
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  NOT_FOUND = 'NOT_FOUND',
  PAYMENT_REQUIRED = 'PAYMENT_REQUIRED',
  RATE_LIMITED = 'RATE_LIMITED',
  /** A part of the platform does not answer (the gateway's subgraph timeouts and circuit breakers). */
  SERVICE_UNAVAILABLE = 'SERVICE_UNAVAILABLE',
  INTERNAL_SERVER_ERROR = 'INTERNAL_SERVER_ERROR',
}

/** Codes produced by GraphQL itself (parse/validate) that are safe to pass on. */
const GRAPHQL_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'PERSISTED_QUERY_REQUIRED',
  'OPERATION_RESOLUTION_FAILURE',
]);

export const PUBLIC_CODES: ReadonlySet<string> = new Set([
  ...Object.values(ErrorCode),
  ...GRAPHQL_CODES,
]);

export interface InputProblem {
  field: string;
  message: string;
}

function coded(code: ErrorCode, message: string, extensions: Record<string, unknown> = {}) {
  return new GraphQLError(message, { extensions: { code, ...extensions } });
}

export const unauthenticated = (message = 'Sign in to do this.') =>
  coded(ErrorCode.UNAUTHENTICATED, message);
export const forbidden = (message = 'You are not allowed to do this.') =>
  coded(ErrorCode.FORBIDDEN, message);
export const notFound = (what: string) => coded(ErrorCode.NOT_FOUND, `${what} was not found.`);
export const paymentRequired = (message = 'A higher plan is needed for this.') =>
  coded(ErrorCode.PAYMENT_REQUIRED, message);
export const rateLimited = (
  retryAfterSeconds: number,
  message = 'Too many attempts. Try again later.',
) => coded(ErrorCode.RATE_LIMITED, message, { retryAfterSeconds });
/**
 * Bad input, with one entry per offending field so forms can show each message in place. `field`
 * is the path in the operation's arguments (`input.handle`, `amountJpy`); `problems` is always
 * there, empty when no single field is to blame. Declared rules (validation.ts) refuse with this too.
 */
export const badInput = (message: string, problems: InputProblem[] = []) =>
  coded(ErrorCode.BAD_USER_INPUT, message, { problems });

/**
 * PostgreSQL's connection-exception class (08…), an operator or crash shutdown, a server not yet
 * accepting connections, too many connections: the database is away for a moment, nothing is wrong
 * with the request.
 */
const UNAVAILABLE_SQLSTATE = /^(08...|57P0[1-3]|53300)$/;
const UNAVAILABLE_NETWORK = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE']);

/** Whether an error (or what it wraps: GraphQL's originalError, causes) is the database being away. */
function databaseUnavailable(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 5) {
    return false;
  }
  const { code, sqlState, message, originalError, cause } = error as Record<string, unknown>;
  for (const state of [sqlState, code]) {
    if (
      typeof state === 'string' &&
      (UNAVAILABLE_SQLSTATE.test(state) || UNAVAILABLE_NETWORK.has(state))
    ) {
      return true;
    }
  }
  if (typeof message === 'string' && /Connection terminated/i.test(message)) {
    return true;
  }
  return databaseUnavailable(originalError, depth + 1) || databaseUnavailable(cause, depth + 1);
}

/**
 * Masks anything that is not a deliberate, coded error: clients get a code and the request id,
 * the log gets the cause. A database that is away for a moment is SERVICE_UNAVAILABLE (worth a
 * retry), anything else INTERNAL_SERVER_ERROR. Used by every subgraph and by the gateway.
 */
export function maskError(
  formatted: GraphQLFormattedError,
  original: unknown,
  report: (cause: unknown) => void,
  requestId?: string,
): GraphQLFormattedError {
  const code = formatted.extensions?.code;
  if (
    typeof code === 'string' &&
    PUBLIC_CODES.has(code) &&
    code !== ErrorCode.INTERNAL_SERVER_ERROR
  ) {
    const {
      stacktrace: _stacktrace,
      exception: _exception,
      ...extensions
    } = formatted.extensions ?? {};
    return { ...formatted, extensions };
  }
  report(original);
  if (databaseUnavailable(original)) {
    return {
      message: 'The service is briefly unavailable. Try again in a moment.',
      locations: formatted.locations,
      path: formatted.path,
      extensions: {
        code: ErrorCode.SERVICE_UNAVAILABLE,
        ...(requestId ? { requestId } : {}),
      },
    };
  }
  return {
    message: 'Internal server error',
    locations: formatted.locations,
    path: formatted.path,
    extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR, ...(requestId ? { requestId } : {}) },
  };
}
