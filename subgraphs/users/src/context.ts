import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BaseContext, type SigningKeys } from '@vp/kit';
import { type MediaConfig, type ObjectStorage, type PlaybackSigner } from '@vp/media';
import { type AvatarStorage, createAvatarStorage } from './avatars/avatar-storage';
import { createMailer, type Mailer, type MailSettings } from './mail';
import { createPushSender, type PushSender, type PushSettings } from './push';
import { DEFAULT_WEBHOOK_SETTINGS, type WebhookSettings } from './webhooks/webhook.service';

type JWK = SigningKeys['privateJwk'];

export const DEFAULT_PUBLIC_WEB_URL = 'http://localhost:3000';

/** What the users subgraph needs beyond every subgraph's config (the launcher and main.ts pass it). */
export interface UsersConfig {
  /** The private Ed25519 JWK (with its kid) that signs access tokens. */
  signingKey: JWK;
  /** The platform's data folder; the local mailbox lives in `<dataDir>/mailbox/`. */
  dataDir?: string;
  /** Where links in emails point; never taken from a request's Host header. */
  publicWebUrl?: string;
  mail?: MailSettings;
  /** A ready mailer (tests pass a LocalMailbox they can read); overrides `mail`. */
  mailer?: Mailer;
  /** Push notifications: Expo's push service, or the local outbox in `<dataDir>/push-outbox/`. */
  push?: PushSettings;
  /** A ready push sender (tests pass a LocalPushOutbox they can read); overrides `push`. */
  pushSender?: PushSender;
  /** The gateway's origin (SubgraphConfig.publicUrl): the base of avatar upload and image URLs. */
  publicUrl?: string;
  /** Avatar storage and signing (S3/CloudFront: mediaConfigOf); the default is local under dataDir. */
  media?: MediaConfig;
  /** Ready-made avatar adapters (tests); override `media`. */
  storage?: ObjectStorage;
  signer?: PlaybackSigner;
  /** Webhook deliveries: local addresses allowed (embedded), retries, timeouts. */
  webhooks?: Partial<WebhookSettings>;
}

export interface UsersContext extends BaseContext {
  signingKey: JWK;
  publicWebUrl: string;
  mailer: Mailer;
  avatars: AvatarStorage;
  webhooks: WebhookSettings;
}

/** What the users subgraph builds once at start-up and hands to every request. */
export interface UsersAdapters {
  mailer: Mailer;
  pushSender: PushSender;
  avatars: AvatarStorage;
  /** From the config, worked out once rather than on every request. */
  publicWebUrl?: string;
  webhooks?: WebhookSettings;
}

export function createUsersAdapters(config: UsersConfig): UsersAdapters {
  if (!config.signingKey) {
    throw new Error(
      'The users subgraph needs signingKey (AUTH_SIGNING_KEY) to issue access tokens.',
    );
  }
  const dataDir = config.dataDir ?? join(tmpdir(), 'video-platform');
  return {
    mailer: config.mailer ?? createMailer(config.mail, dataDir),
    pushSender: config.pushSender ?? createPushSender(config.push, dataDir),
    avatars: createAvatarStorage({ ...config, dataDir }),
    publicWebUrl: publicWebUrlOf(config),
    webhooks: webhookSettingsOf(config),
  };
}

/** Where links in emails point, without a trailing slash. */
export const publicWebUrlOf = (config: UsersConfig) =>
  (config.publicWebUrl ?? DEFAULT_PUBLIC_WEB_URL).replace(/\/+$/, '');

export function createUsersContext(
  base: BaseContext,
  config: UsersConfig,
  adapters: UsersAdapters,
): UsersContext {
  // onto the base itself: no second copy of every field per request
  return Object.assign(base, {
    signingKey: config.signingKey,
    publicWebUrl: adapters.publicWebUrl ?? publicWebUrlOf(config),
    mailer: adapters.mailer,
    avatars: adapters.avatars,
    webhooks: adapters.webhooks ?? webhookSettingsOf(config),
  });
}

export const webhookSettingsOf = (config: UsersConfig): WebhookSettings => ({
  ...DEFAULT_WEBHOOK_SETTINGS,
  ...config.webhooks,
});
