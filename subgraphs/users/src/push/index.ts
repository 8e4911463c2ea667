import { join } from 'node:path';
import { ExpoPushSender } from './expo-push-sender';
import { LocalPushOutbox } from './local-push-outbox';
import { type PushSender } from './push-sender';

export * from './push-sender';
export { ExpoPushSender, EXPO_SEND_PATH } from './expo-push-sender';
export { LocalPushOutbox, type StoredPush } from './local-push-outbox';

export type PushSettings =
  { provider: 'local' } | { provider: 'expo'; url: string; accessToken?: string };

/** Expo's push service when configured; otherwise the local outbox under `<dataDir>/push-outbox/`. */
export function createPushSender(settings: PushSettings | undefined, dataDir: string): PushSender {
  if (settings?.provider === 'expo') {
    return new ExpoPushSender({ url: settings.url, accessToken: settings.accessToken });
  }
  return new LocalPushOutbox(join(dataDir, 'push-outbox'));
}
