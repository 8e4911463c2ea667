import { z, type ZodRawShape } from 'zod';
import { DEFAULT_TRUST_PROXY, trustProxyProblem } from './client-address';

export { z };

/**
 * Reads and validates environment variables once at start-up; a bad value stops the process with a
 * message naming the variable rather than failing later inside a request.
 */
export function readEnv<T extends ZodRawShape>(shape: T, source: NodeJS.ProcessEnv = process.env) {
  const parsed = z.object(shape).safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map(issue => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Invalid environment:\n${lines.join('\n')}`);
  }
  return parsed.data;
}

/** Shared by every subgraph's main.ts. */
export const commonEnv = {
  DATABASE_URL: z.string().url().default('postgres://postgres@127.0.0.1:5432/postgres'),
  DATABASE_REPLICA_URL: z.string().url().optional(),
  REDIS_URL: z.string().url().optional(),
  HOST: z.string().default('127.0.0.1'),
  PUBLIC_URL: z.string().url().default('http://localhost:4000'),
  AUTH_JWKS: z.string().min(1, 'AUTH_JWKS must hold the public JSON Web Key Set of the users subgraph'),
  NODE_ENV: z.string().default('development'),
  /** Proxies whose X-Forwarded-For is believed: addresses, CIDRs or proxy-addr names (client-address.ts). */
  TRUST_PROXY: z.string().default(DEFAULT_TRUST_PROXY).refine(list => !trustProxyProblem(list), list => ({ message: trustProxyProblem(list)! })),
};
