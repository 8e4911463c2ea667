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
 * Masks anything that is not a deliberate, coded error: clients get a code and the request id,
 * the log gets the cause. Used by every subgraph and by the gateway.
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
  return {
    message: 'Internal server error',
    locations: formatted.locations,
    path: formatted.path,
    extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR, ...(requestId ? { requestId } : {}) },
  };
}
