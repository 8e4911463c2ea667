import { join } from 'node:path';
import { readEnv, serveFromEnv, z } from '@vp/kit';
import { DEFAULT_PUBLIC_WEB_URL, type UsersConfig } from './context';
import { users } from './definition';

/** The users subgraph's own settings; the common ones (database, Redis, JWKS, port) are the kit's. */
function usersConfig(source: NodeJS.ProcessEnv): UsersConfig {
  const env = readEnv(
    {
      AUTH_SIGNING_KEY: z
        .string()
        .min(1, 'AUTH_SIGNING_KEY must hold the private signing JWK as JSON'),
      PUBLIC_WEB_URL: z.string().url().default(DEFAULT_PUBLIC_WEB_URL),
      PLATFORM_DATA_DIR: z.string().default(join(__dirname, '../../../.data')),
      MAIL_PROVIDER: z.enum(['local', 'ses']).default('local'),
      MAIL_FROM: z.string().optional(),
      AWS_REGION: z.string().optional(),
    },
    source,
  );
  if (env.MAIL_PROVIDER === 'ses' && (!env.MAIL_FROM || !env.AWS_REGION)) {
    throw new Error('MAIL_PROVIDER=ses needs MAIL_FROM and AWS_REGION.');
  }
  return {
    signingKey: JSON.parse(env.AUTH_SIGNING_KEY),
    dataDir: env.PLATFORM_DATA_DIR,
    publicWebUrl: env.PUBLIC_WEB_URL,
    mail:
      env.MAIL_PROVIDER === 'ses'
        ? { provider: 'ses', region: env.AWS_REGION!, from: env.MAIL_FROM! }
        : { provider: 'local' },
  };
}

void serveFromEnv(users, 4001, usersConfig);
