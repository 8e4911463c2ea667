import { isAbsolute, join, resolve } from 'node:path';
import { type JSONWebKeySet, type JWK } from 'jose';
import { z, type ZodRawShape, type ZodTypeAny } from 'zod';
import { DEFAULT_TRUST_PROXY, trustProxyProblem } from './client-address';
import { DEFAULT_CDN_TERRITORY_HEADER, DEFAULT_TERRITORY, isTerritory } from './territory';

export { z };

/** Reports one problem with one variable; every problem is listed before the process gives up. */
export type EnvReport = (variable: string, message: string) => void;

/**
 * A rule across variables (a provider that needs its secrets, production refusing a development
 * setting). It sees the parsed values; `source` tells a default from a value the operator set.
 */
export type EnvCheck<T> = (env: T, report: EnvReport, source: NodeJS.ProcessEnv) => void;

/** The variables one process reads (each with its `.describe()`d meaning) and the rules across them. */
export interface EnvSchema<S extends ZodRawShape = ZodRawShape> {
  readonly shape: S;
  readonly checks: readonly EnvCheck<any>[];
}

export type EnvOf<E extends EnvSchema<any>> = z.infer<z.ZodObject<E['shape']>>;

export function defineEnv<S extends ZodRawShape>(
  shape: S,
  ...checks: EnvCheck<z.infer<z.ZodObject<S>>>[]
): EnvSchema<S> {
  return { shape, checks };
}

type UnionToIntersection<U> = (U extends unknown ? (u: U) => void : never) extends (
  i: infer I,
) => void
  ? I
  : never;

/**
 * One process's schema made of several (the platform's, the subgraph's, the media adapters').
 * A variable two schemas declare must be the same declaration, so it means one thing everywhere.
 */
export function mergeEnv<L extends EnvSchema<any>[]>(
  ...schemas: L
): EnvSchema<Extract<UnionToIntersection<L[number]['shape']>, ZodRawShape>> {
  const shape: ZodRawShape = {};
  const checks = new Set<EnvCheck<any>>();
  for (const schema of schemas) {
    for (const [name, type] of Object.entries(schema.shape as ZodRawShape)) {
      if (shape[name] && shape[name] !== type) {
        throw new Error(`${name} is declared twice with different rules`);
      }
      shape[name] = type;
    }
    schema.checks.forEach(check => checks.add(check));
  }
  return { shape, checks: [...checks] } as never;
}

/** The same schema without some variables (a process that supplies them itself). */
export function omitEnv<S extends ZodRawShape, K extends keyof S & string>(
  schema: EnvSchema<S>,
  ...names: K[]
): EnvSchema<Omit<S, K>> {
  const shape = { ...schema.shape };
  names.forEach(name => delete shape[name]);
  return { shape, checks: schema.checks };
}

export class EnvError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid environment:\n${problems.map(problem => `  ${problem}`).join('\n')}`);
    this.name = 'EnvError';
  }
}

/**
 * Reads and validates the environment once at start-up. Every problem is collected (each variable
 * on its own, then the rules across them) and thrown together in one EnvError, so an operator fixes
 * them all in one go rather than one restart at a time.
 */
export function readEnv<S extends ZodRawShape>(
  schema: EnvSchema<S>,
  source: NodeJS.ProcessEnv = process.env,
): z.infer<z.ZodObject<S>> {
  const problems = new Map<string, string[]>();
  const report: EnvReport = (variable, message) => {
    problems.set(variable, [...(problems.get(variable) ?? []), message]);
  };
  const values: Record<string, unknown> = {};
  for (const [name, type] of Object.entries(schema.shape as ZodRawShape)) {
    // An empty value means unset, as in most .env tooling: a default or "missing" applies.
    const raw = source[name] === '' ? undefined : source[name];
    const parsed = type.safeParse(raw);
    if (parsed.success) {
      values[name] = parsed.data;
    } else {
      parsed.error.issues.forEach(issue =>
        report(
          name,
          raw === undefined && issue.code === 'invalid_type' ? 'is required' : issue.message,
        ),
      );
    }
  }
  const broken = new Set(problems.keys());
  for (const check of schema.checks) {
    // A variable that failed on its own is reported once, not again by every rule that reads it.
    check(values, (variable, message) => broken.has(variable) || report(variable, message), source);
  }
  if (problems.size) {
    throw new EnvError(
      [...problems].flatMap(([name, messages]) => messages.map(message => `${name}: ${message}`)),
    );
  }
  return values as z.infer<z.ZodObject<S>>;
}

/** What .env.example shows for one variable: its meaning and its default. */
export function describeVariable(type: ZodTypeAny): {
  description?: string;
  defaultValue?: unknown;
  required: boolean;
} {
  let description = type.description;
  let current: ZodTypeAny | undefined = type;
  let defaultValue: unknown;
  let optional = false;
  while (current) {
    description ??= current.description;
    const def = current._def as {
      typeName: string;
      defaultValue?: () => unknown;
      innerType?: ZodTypeAny;
      schema?: ZodTypeAny;
      in?: ZodTypeAny;
    };
    if (def.typeName === 'ZodDefault') {
      defaultValue = def.defaultValue!();
      current = def.innerType;
    } else if (def.typeName === 'ZodOptional') {
      optional = true;
      current = def.innerType;
    } else if (def.typeName === 'ZodEffects') {
      current = def.schema;
    } else if (def.typeName === 'ZodPipeline') {
      current = def.in;
    } else {
      current = undefined;
    }
  }
  return { description, defaultValue, required: !optional && defaultValue === undefined };
}

/** The repository root: PLATFORM_DATA_DIR and other relative paths are resolved against it. */
export const REPO_ROOT = join(__dirname, '../../..');

const platformEnvVariable = z
  .enum(['development', 'production'])
  .default('development')
  .describe(
    'production refuses every development-only setting (sandbox payments, local mailbox, secrets from .data/, loopback proxies)',
  );

/**
 * A rule that applies only with PLATFORM_ENV=production (a schema using it declares PLATFORM_ENV
 * by merging `platformEnv`).
 */
export const inProduction =
  <T>(check: EnvCheck<T>): EnvCheck<T> =>
  (env, report, source) => {
    if ((env as { PLATFORM_ENV?: string }).PLATFORM_ENV === 'production') {
      check(env, report, source);
    }
  };

/** In production, each of these must be set by the operator (its development default will not do). */
export const requiredInProduction = (...names: string[]): EnvCheck<unknown> =>
  inProduction((_env, report, source) => {
    for (const name of names) {
      if (!source[name]?.trim()) {
        report(name, 'is required in production (PLATFORM_ENV=production)');
      }
    }
  });

const jwks = z.string().transform((text, ctx) => {
  try {
    const parsed = JSON.parse(text) as { keys?: unknown };
    if (Array.isArray(parsed.keys) && parsed.keys.length) {
      return parsed as JSONWebKeySet;
    }
  } catch {
    // reported below
  }
  ctx.addIssue({ code: 'custom', message: 'must be a JSON Web Key Set: {"keys":[…]}' });
  return z.NEVER;
});

const jwk = z.string().transform((text, ctx) => {
  try {
    const parsed = JSON.parse(text) as JWK;
    if (parsed && typeof parsed === 'object' && typeof parsed.kty === 'string') {
      return parsed;
    }
  } catch {
    // reported below
  }
  ctx.addIssue({ code: 'custom', message: 'must be a private JSON Web Key (JSON with "kty")' });
  return z.NEVER;
});

/** What every process reads: which kind of deployment this is, and shared services. */
export const platformEnv = defineEnv(
  {
    PLATFORM_ENV: platformEnvVariable,
    PLATFORM_DATA_DIR: z
      .string()
      .default('.data')
      .transform(dir => (isAbsolute(dir) ? dir : resolve(REPO_ROOT, dir)))
      .describe(
        'the data folder (relative to the repository): embedded PostgreSQL, local media, mailbox, development keys',
      ),
    PUBLIC_URL: z
      .string()
      .url()
      .default('http://localhost:4000')
      .transform(url => url.replace(/\/+$/, ''))
      .describe("the gateway's public origin: the base of upload, media, live and checkout URLs"),
    REDIS_URL: z
      .string()
      .url()
      .optional()
      .describe(
        'Redis for rate limits, pub/sub and presence across instances (in-process without it)',
      ),
    LOG_LEVEL: z
      .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
      .default('info')
      .describe('pino log level of the JSON logs'),
    NODE_ENV: z
      .string()
      .default('development')
      .describe("Node's own mode flag (libraries read it)"),
  },
  requiredInProduction('PUBLIC_URL', 'REDIS_URL'),
);

const optionalText = z
  .string()
  .trim()
  .optional()
  .transform(value => value || undefined);

/** AWS_REGION, shared by every AWS adapter (S3's default region, SES). */
export const awsRegionVariable = optionalText.describe(
  'the AWS region of the AWS adapters (SES; S3 when S3_REGION is unset)',
);

/** The public key set access tokens are verified with (gateway and every subgraph). */
export const authJwksVariable = jwks.describe(
  'the public JSON Web Key Set (JSON) access tokens are verified with',
);

/** The private key access tokens are signed with (users; the launcher makes one in development). */
export const authSigningKeyVariable = jwk.describe(
  'the private JWK (JSON, with its kid) the users subgraph signs access tokens with',
);

/**
 * TRUST_PROXY: the proxies in front of a process whose X-Forwarded-For is believed
 * (client-address.ts). `none` trusts none (an empty value counts as unset, like every variable's).
 */
export const trustProxyEnv = defineEnv(
  {
    PLATFORM_ENV: platformEnvVariable,
    TRUST_PROXY: z
      .string()
      .default(DEFAULT_TRUST_PROXY)
      .transform(list => (list.trim().toLowerCase() === 'none' ? '' : list))
      .superRefine((list, ctx) => {
        const problem = trustProxyProblem(list);
        if (problem) {
          ctx.addIssue({ code: 'custom', message: problem.replace(/^TRUST_PROXY: /, '') });
        }
      })
      .describe(
        'proxies whose X-Forwarded-For is believed: addresses, CIDRs or loopback, linklocal, uniquelocal, comma-separated; none for no proxy',
      ),
  },
  inProduction((env, report) => {
    const trusted = env.TRUST_PROXY.split(',').map(part => part.trim().toLowerCase());
    if (trusted.some(part => part === 'loopback' || part.startsWith('127.') || part === '::1')) {
      report(
        'TRUST_PROXY',
        'trusts loopback, a development setting: name the proxies in front of this service (or none)',
      );
    }
  }),
);

/**
 * DEFAULT_TERRITORY: where a viewer is (ISO 3166-1 alpha-2) when no trusted proxy says otherwise.
 * The gateway and every subgraph read it (territory.ts).
 */
export const defaultTerritoryEnv = defineEnv({
  DEFAULT_TERRITORY: z
    .string()
    .default(DEFAULT_TERRITORY)
    .transform(code => code.trim().toUpperCase())
    .refine(isTerritory, 'must be an ISO 3166-1 alpha-2 country code such as JP')
    .describe(
      "the viewer's territory (ISO 3166-1 alpha-2) when no trusted proxy tells it: catalog licences",
    ),
});

/**
 * The gateway's territory settings: the header the CDN in front sets (believed only from a
 * TRUST_PROXY hop), and DEFAULT_TERRITORY.
 */
export const viewerTerritoryEnv = mergeEnv(
  defaultTerritoryEnv,
  defineEnv({
    VIEWER_TERRITORY_HEADER: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9-]{1,100}$/, 'must be an HTTP header name')
      .default(DEFAULT_CDN_TERRITORY_HEADER)
      .describe(
        "the header the CDN in front sets to the viewer's country (believed only from a TRUST_PROXY hop)",
      ),
  }),
);

/** A subgraph's database (its server and its workers). */
export const databaseEnv = defineEnv(
  {
    PLATFORM_ENV: platformEnvVariable,
    DATABASE_URL: z
      .string()
      .url()
      .default('postgres://postgres@127.0.0.1:5432/postgres')
      .describe('the PostgreSQL database (each subgraph migrates its own schema in it)'),
    DATABASE_REPLICA_URL: z
      .string()
      .url()
      .optional()
      .describe('a read replica for reads outside transactions'),
  },
  requiredInProduction('DATABASE_URL'),
);

/** Every subgraph process: where its database is, where it listens, how it verifies tokens. */
export const subgraphEnv = (defaultPort: number) =>
  mergeEnv(
    platformEnv,
    databaseEnv,
    trustProxyEnv,
    defaultTerritoryEnv,
    defineEnv({ AUTH_JWKS: authJwksVariable }),
    listenEnv(defaultPort),
  );

/** Where a process's HTTP server listens (a subgraph's GraphQL, a worker's health endpoints). */
export const listenEnv = (defaultPort: number) =>
  defineEnv({ HOST: hostVariable, PORT: portVariable(defaultPort) });

const hostVariable = z
  .string()
  .default('127.0.0.1')
  .describe('the address this process listens on (0.0.0.0 in containers)');

const ports = new Map<number, ZodTypeAny>();
/** One declaration per default, so processes with the same default merge cleanly. */
export function portVariable(defaultPort: number) {
  let port = ports.get(defaultPort);
  if (!port) {
    port = z.coerce
      .number()
      .int()
      .min(0)
      .max(65535)
      .default(defaultPort)
      .describe('the HTTP port this process listens on');
    ports.set(defaultPort, port);
  }
  return port as z.ZodDefault<z.ZodNumber>;
}

export type SubgraphEnv = EnvOf<ReturnType<typeof subgraphEnv>>;

/**
 * The web app's public origin, one declaration for every subgraph that reads it (users: links in
 * emails; payments: the web pages a checkout may send the buyer back to).
 */
export const publicWebUrlVariable = z
  .string()
  .url()
  .default('http://localhost:3000')
  .describe(
    'the web app origin: links in emails point to it, checkouts may return to its pages (never taken from a Host header)',
  );
