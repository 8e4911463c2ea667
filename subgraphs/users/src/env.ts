import {
  authSigningKeyVariable,
  publicWebUrlVariable,
  awsRegionVariable,
  defineEnv,
  type EnvOf,
  inProduction,
  mergeEnv,
  platformEnv,
  requiredInProduction,
  z,
} from '@vp/kit';
import { mediaConfigOf, mediaEnv } from '@vp/media';
import { type UsersConfig } from './context';

/**
 * The users subgraph's own variables; every subgraph's (database, Redis, JWKS, port) are the kit's,
 * avatar storage and signing are @vp/media's (mediaEnv), as for videos.
 */
export const usersEnv = mergeEnv(
  platformEnv,
  mediaEnv,
  defineEnv(
    {
      AUTH_SIGNING_KEY: authSigningKeyVariable,
      PUBLIC_WEB_URL: publicWebUrlVariable,
      MAIL_PROVIDER: z
        .enum(['local', 'ses'])
        .default('local')
        .describe('local: a mailbox folder under the data folder (development); ses: AWS SES'),
      MAIL_FROM: z
        .string()
        .trim()
        .min(3)
        .optional()
        .describe('the sender address of emails (MAIL_PROVIDER=ses)'),
      AWS_REGION: awsRegionVariable,
      EXPO_PUSH_URL: z
        .string()
        .url()
        .optional()
        .describe(
          "the Expo push service's origin (https://exp.host): set, push notifications go through it; unset, to the local push outbox under the data folder (development)",
        ),
      EXPO_ACCESS_TOKEN: z
        .string()
        .trim()
        .min(1)
        .optional()
        .describe(
          'an Expo access token, sent as a bearer when the Expo project has enhanced push security on (EXPO_PUSH_URL)',
        ),
      WEBHOOKS_ALLOW_LOCAL: z
        .enum(['true', 'false'])
        .optional()
        .describe(
          'true: webhook endpoints may be http and loopback or private addresses (default: true, except in production, where it may not be true)',
        ),
    },
    (env, report) => {
      if (env.MAIL_PROVIDER === 'ses') {
        if (!env.MAIL_FROM) {
          report('MAIL_FROM', 'is required when MAIL_PROVIDER=ses');
        }
        if (!env.AWS_REGION) {
          report('AWS_REGION', 'is required when MAIL_PROVIDER=ses');
        }
      }
    },
    inProduction((env, report) => {
      if (env.WEBHOOKS_ALLOW_LOCAL === 'true') {
        report(
          'WEBHOOKS_ALLOW_LOCAL',
          'may not be true in production (webhooks to private addresses are SSRF)',
        );
      }
      if (!env.EXPO_PUSH_URL) {
        report(
          'EXPO_PUSH_URL',
          'is unset (push notifications would go to the development outbox, which no phone reads): set EXPO_PUSH_URL=https://exp.host',
        );
      }
      if (env.MAIL_PROVIDER === 'local') {
        report(
          'MAIL_PROVIDER',
          'is "local" (the development mailbox, which nobody reads): set MAIL_PROVIDER=ses',
        );
      }
    }),
    requiredInProduction('PUBLIC_WEB_URL'),
  ),
);

export function usersConfigFromEnv(env: EnvOf<typeof usersEnv>): UsersConfig {
  return {
    signingKey: env.AUTH_SIGNING_KEY,
    dataDir: env.PLATFORM_DATA_DIR,
    publicUrl: env.PUBLIC_URL,
    media: mediaConfigOf(env),
    publicWebUrl: env.PUBLIC_WEB_URL,
    webhooks: {
      allowLocal: env.WEBHOOKS_ALLOW_LOCAL
        ? env.WEBHOOKS_ALLOW_LOCAL === 'true'
        : env.PLATFORM_ENV !== 'production',
    },
    mail:
      env.MAIL_PROVIDER === 'ses'
        ? { provider: 'ses', region: env.AWS_REGION!, from: env.MAIL_FROM! }
        : { provider: 'local' },
    push: env.EXPO_PUSH_URL
      ? { provider: 'expo', url: env.EXPO_PUSH_URL, accessToken: env.EXPO_ACCESS_TOKEN }
      : { provider: 'local' },
  };
}
