import {
  analyticsRoot,
  buildFederatedSchema,
  createLogger,
  MESSAGING_ENTITIES,
  type SubgraphDefinition,
  ViewerEntitlement,
} from '@vp/kit';
import { migrations } from '../migrations';
import { AccountToken } from './account-tokens/account-token.entity';
import { AnalyticsResolver } from './analytics/analytics.resolver';
import { Analytics } from './analytics/analytics.type';
import { SignupDaily } from './analytics/signup-daily.entity';
import { ApiKey } from './api-keys/api-key.entity';
import { ApiKeyResolver } from './api-keys/api-key.resolver';
import { mountApiKeyOriginsRoute, mountApiKeyRoutes } from './api-keys/api-key.routes';
import { WebhookDelivery, WebhookEndpoint } from './webhooks/webhook.entity';
import { WebhookEndpointResolver, WebhookResolver } from './webhooks/webhook.resolver';
import { defineWebhookDeliveries } from './webhooks/webhook.service';
import { AccountTokenResolver } from './account-tokens/account-token.resolver';
import { User } from './accounts/user.entity';
import { mountAvatarRoutes } from './avatars/avatar-storage';
import { PendingAvatarUpload } from './avatars/avatar-upload.entity';
import { AvatarResolver } from './avatars/avatar.resolver';
import { Follow, FollowCounter } from './follows/follow.entity';
import { FollowResolver } from './follows/follow.resolver';
import { RoleChange } from './roles/role-change.entity';
import { AuditEntry } from './audit/audit-entry.entity';
import { AuditLogResolver } from './audit/audit.resolver';
import {
  CommentAuthor,
  ContentReport,
  ModerationItem,
  Takedown,
} from './moderation/moderation.entity';
import {
  ContentReportResolver,
  ModerationResolver,
  UserSuspensionResolver,
} from './moderation/moderation.resolver';
import { resolveUserReference, UserResolver } from './accounts/user.resolver';
import {
  createUsersAdapters,
  createUsersContext,
  publicWebUrlOf,
  webhookSettingsOf,
  type UsersAdapters,
  type UsersConfig,
  type UsersContext,
} from './context';
import { usersConfigFromEnv, usersEnv } from './env';
import { registerEventConsumers } from './event-consumers';
import { FeedEntry } from './feed/feed-entry.entity';
import { scheduleHousekeeping } from './housekeeping/housekeeping';
import { UserFeedResolver } from './feed/feed.resolver';
import { Notification, NotificationSetting } from './notifications/notification.entity';
import {
  NotificationResolver,
  UserNotificationsResolver,
} from './notifications/notification.resolver';
import { RateLimitResolver } from './rate-limit/rate-limit.resolver';
import { SecurityAlertResolver } from './security-alerts/security-alert.resolver';
import { AuthResolver } from './sessions/auth.resolver';
import { RefreshToken } from './sessions/refresh-token.entity';
import { Session } from './sessions/session.entity';
import { MoneyEmail } from './money-emails/money-email.entity';
import { defineNotificationPushes } from './push/notification-push';
import { schedulePushReceipts } from './push/push-receipts';
import { PushDevice } from './push/push-device.entity';
import { PushDeviceResolver } from './push/push-device.resolver';

export type { UsersAdapters, UsersConfig, UsersContext } from './context';
export { usersConfigFromEnv, usersEnv } from './env';
export { changeRoleOf } from './roles/roles.service';
export { RoleChange } from './roles/role-change.entity';
export { LocalMailbox, SesMailer, type Mailer, type MailSettings } from './mail';
export { LocalPushOutbox, ExpoPushSender, type PushSender, type PushSettings } from './push';

export const users: SubgraphDefinition<UsersConfig, UsersContext, UsersAdapters> = {
  name: 'users',
  dbSchema: 'users',
  entities: [
    User,
    Follow,
    FollowCounter,
    Session,
    RefreshToken,
    AccountToken,
    RoleChange,
    Notification,
    NotificationSetting,
    FeedEntry,
    ViewerEntitlement,
    PendingAvatarUpload,
    ApiKey,
    WebhookEndpoint,
    WebhookDelivery,
    SignupDaily,
    AuditEntry,
    ModerationItem,
    ContentReport,
    Takedown,
    CommentAuthor,
    MoneyEmail,
    PushDevice,
    ...MESSAGING_ENTITIES,
  ],
  migrations,
  env: { schema: usersEnv, config: usersConfigFromEnv },
  buildSchema: pubSub =>
    buildFederatedSchema(
      {
        resolvers: [
          UserResolver,
          FollowResolver,
          AvatarResolver,
          AuthResolver,
          AccountTokenResolver,
          SecurityAlertResolver,
          NotificationResolver,
          UserNotificationsResolver,
          PushDeviceResolver,
          UserFeedResolver,
          RateLimitResolver,
          ApiKeyResolver,
          WebhookResolver,
          WebhookEndpointResolver,
          AnalyticsResolver,
          ModerationResolver,
          ContentReportResolver,
          UserSuspensionResolver,
          AuditLogResolver,
        ],
        orphanedTypes: [Analytics],
        pubSub,
      },
      {
        User: { __resolveReference: resolveUserReference },
        Analytics: { __resolveReference: analyticsRoot },
      },
    ),
  adapters: createUsersAdapters,
  routes: (app, config, orm, _shared, adapters) => {
    mountAvatarRoutes(app, adapters.avatars);
    mountApiKeyRoutes(app, orm, config.signingKey);
    mountApiKeyOriginsRoute(app, orm);
  },
  extendContext: createUsersContext,
  messaging: async (messaging, config, shared, orm, adapters) => {
    await registerEventConsumers(messaging, shared, orm, {
      mailer: adapters.mailer,
      publicWebUrl: publicWebUrlOf(config),
    });
    const push = { sender: adapters.pushSender, log: createLogger('users-push') };
    await defineNotificationPushes(messaging, push);
    await schedulePushReceipts(messaging, push);
    await defineWebhookDeliveries(messaging, {
      settings: webhookSettingsOf(config),
      mailer: adapters.mailer,
      publicWebUrl: publicWebUrlOf(config),
      log: createLogger('users-webhooks'),
    });
    await scheduleHousekeeping(messaging, {
      storage: adapters.avatars.storage,
      log: createLogger('users-housekeeping'),
    });
  },
};
