import { ErrorCode, PUBLIC_CODES, type Logger } from '@vp/kit';
import { GraphQLError } from 'graphql';
import CircuitBreaker from 'opossum';

/**
 * How the gateway stops waiting on a subgraph that does not answer: each fetch has a deadline, and
 * each subgraph a circuit breaker (opossum) shared by its GraphQL fetches and its forwarded routes.
 * Once enough of a subgraph's recent calls failed, the breaker opens and calls fail at once for
 * `resetTimeoutMs`; then one trial call decides whether it closes again. A stopped subgraph costs
 * callers at most `timeoutMs`, then nothing, and never holds a request open.
 */
export interface SubgraphFaultSettings {
  /** The longest a GraphQL fetch to a subgraph may take, answer body included (default 10 s). */
  timeoutMs: number;
  /** A forwarded request (upload, media) fails after this long without a byte either way (default 30 s). */
  forwardIdleTimeoutMs: number;
  /** The share of failed calls in the rolling window (10 s) that opens the breaker (default 50 %). */
  errorThresholdPercentage: number;
  /** Calls in the window before the breaker may open at all (default 5). */
  volumeThreshold: number;
  /** How long an open breaker refuses before one trial call (default 5 s). */
  resetTimeoutMs: number;
}

export const DEFAULT_SUBGRAPH_FAULTS: SubgraphFaultSettings = {
  timeoutMs: 10_000,
  forwardIdleTimeoutMs: 30_000,
  errorThresholdPercentage: 50,
  volumeThreshold: 5,
  resetTimeoutMs: 5_000,
};

/** The error a field of an unreachable subgraph resolves to (the gateway passes it on as is). */
export const serviceUnavailable = () =>
  new GraphQLError('This part of the service is not answering. Try again shortly.', {
    extensions: { code: ErrorCode.SERVICE_UNAVAILABLE },
  });

/** The caller's own mistake, coded by the subgraph (BAD_USER_INPUT, UNAUTHENTICATED…): not a fault. */
const isCallersError = (error: unknown) => {
  const code = (error as GraphQLError)?.extensions?.code;
  return (
    error instanceof GraphQLError &&
    typeof code === 'string' &&
    PUBLIC_CODES.has(code) &&
    code !== ErrorCode.INTERNAL_SERVER_ERROR &&
    code !== ErrorCode.SERVICE_UNAVAILABLE
  );
};

const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'UND_ERR_SOCKET',
]);

/**
 * Whether an error means the subgraph could not be reached or did not answer in time: a refused
 * or broken connection, a deadline passed (AbortError, TimeoutError), or an open breaker.
 */
export function isUnreachable(error: unknown): boolean {
  const { name, code, errno, type } = (error ?? {}) as {
    name?: string;
    code?: string;
    errno?: string;
    type?: string;
  };
  return (
    name === 'AbortError' ||
    name === 'TimeoutError' ||
    type === 'aborted' ||
    type === 'request-timeout' ||
    code === 'EOPENBREAKER' ||
    (!!code && UNREACHABLE_CODES.has(code)) ||
    (!!errno && UNREACHABLE_CODES.has(errno))
  );
}

export type SubgraphBreaker = CircuitBreaker<[() => Promise<unknown>], unknown>;

/** One breaker per subgraph name, made on first use; `run` calls through it. */
export function subgraphBreakers(settings: SubgraphFaultSettings, log: Logger) {
  const breakers = new Map<string, SubgraphBreaker>();

  function breakerFor(subgraph: string): SubgraphBreaker {
    let breaker = breakers.get(subgraph);
    if (!breaker) {
      breaker = new CircuitBreaker((call: () => Promise<unknown>) => call(), {
        name: subgraph,
        // the deadline is the fetch's own (an AbortSignal), so the work really stops
        timeout: false,
        errorThresholdPercentage: settings.errorThresholdPercentage,
        volumeThreshold: settings.volumeThreshold,
        resetTimeout: settings.resetTimeoutMs,
        rollingCountTimeout: 10_000,
        errorFilter: isCallersError,
      });
      breaker.on('open', () => log.warn({ subgraph }, 'circuit opened: the subgraph is failing'));
      breaker.on('halfOpen', () =>
        log.info({ subgraph }, 'circuit half-open: trying the subgraph'),
      );
      breaker.on('close', () => log.info({ subgraph }, 'circuit closed: the subgraph answers'));
      breakers.set(subgraph, breaker);
    }
    return breaker;
  }

  return {
    settings,
    log,
    breakerFor,
    /** Runs `call` through the subgraph's breaker (rejects at once with EOPENBREAKER when open). */
    run<T>(subgraph: string, call: () => Promise<T>): Promise<T> {
      return breakerFor(subgraph).fire(call) as Promise<T>;
    },
    isOpen: (subgraph: string) => breakers.get(subgraph)?.opened ?? false,
    shutdown() {
      for (const breaker of breakers.values()) {
        breaker.shutdown();
      }
    },
  };
}

export type SubgraphBreakers = ReturnType<typeof subgraphBreakers>;
