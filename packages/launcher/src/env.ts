import { gatewayEnv } from '@vp/gateway';
import {
  authJwksVariable,
  authSigningKeyVariable,
  defineEnv,
  type EnvOf,
  type EnvSchema,
  mergeEnv,
  omitEnv,
  platformEnv,
  requiredInProduction,
  z,
} from '@vp/kit';
import { SUBGRAPHS } from './subgraphs';

const port = (fallback: number, description: string) =>
  z.coerce.number().int().min(0).max(65535).default(fallback).describe(description);

/** The platform's database: DATABASE_URL, else the embedded PostgreSQL in the data folder. */
export const embeddedDatabaseEnv = defineEnv({
  DATABASE_URL: z
    .string()
    .url()
    .optional()
    .describe(
      'the PostgreSQL database (npm start and the admin CLI: unset, the embedded one in the data folder)',
    ),
  EMBEDDED_POSTGRES_PORT: port(54329, 'the port of the embedded PostgreSQL (npm start)'),
});

/** `npm run admin` (admin-cli.ts): the database it changes roles in, and nothing else. */
export const adminEnv = mergeEnv(
  defineEnv({ PLATFORM_DATA_DIR: platformEnv.shape.PLATFORM_DATA_DIR }),
  embeddedDatabaseEnv,
);

/** What `npm start` itself decides: the embedded database, development keys, its ports. */
const ownEnv = defineEnv(
  {
    AUTH_SIGNING_KEY: authSigningKeyVariable.optional(),
    AUTH_JWKS: authJwksVariable.optional(),
    GATEWAY_PORT: port(4000, "the gateway's port (npm start)"),
    WEB_PORT: port(3000, "the web app's port (npm start)"),
    WEB_APP: z
      .enum(['on', 'off'])
      .default('on')
      .describe('npm start serves the web app (clients/web, built on first start) beside the gateway'),
    STUDIO_PORT: port(3001, "the creator studio's port (npm start)"),
    STUDIO_APP: z
      .enum(['on', 'off'])
      .default('on')
      .describe('npm start serves the creator studio (clients/studio, built on first start) beside the gateway'),
    SUBGRAPH_BASE_PORT: port(
      4001,
      'subgraphs listen on loopback from this port up (npm start: users 4001 … search 4006)',
    ),
  },
  (env, report) => {
    if (!env.AUTH_SIGNING_KEY !== !env.AUTH_JWKS) {
      report(
        env.AUTH_JWKS ? 'AUTH_SIGNING_KEY' : 'AUTH_JWKS',
        'AUTH_SIGNING_KEY and AUTH_JWKS come together (or neither, for development keys)',
      );
    }
  },
  // The embedded PostgreSQL and the keys made in .data/keys are for a developer's machine.
  requiredInProduction('DATABASE_URL', 'AUTH_SIGNING_KEY', 'AUTH_JWKS'),
);

/** What `npm start` reads for itself and its gateway. */
const platformAndGatewayEnv = mergeEnv(
  platformEnv,
  embeddedDatabaseEnv,
  ownEnv,
  omitEnv(gatewayEnv, 'AUTH_JWKS', 'PORT', 'HOST', 'SUPERGRAPH_PATH'),
);

/**
 * `npm start` runs every subgraph and the gateway in one process, so it reads all of their
 * variables at once (and reports every problem of all of them together); the keys, the database
 * and the ports are its own.
 */
export const launcherEnv = mergeEnv(
  platformAndGatewayEnv,
  ...SUBGRAPHS.flatMap(({ definition }) =>
    definition.env ? [omitEnv(definition.env.schema as EnvSchema<any>, 'AUTH_SIGNING_KEY')] : [],
  ),
);

/** Typed for what the launcher and its gateway read; each subgraph's config function reads the rest. */
export type LauncherEnv = EnvOf<typeof platformAndGatewayEnv> & Record<string, any>;
