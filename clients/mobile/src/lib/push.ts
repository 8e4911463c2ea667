import { useApolloClient } from '@apollo/client/react';
import {
  RegisterPushDeviceDocument,
  UnregisterPushDeviceDocument,
  type PushPlatform,
} from '@vp/client/src/gql/graphql';
import { useRouter } from 'expo-router';
import { useEffect, useRef, useState } from 'react';
import { Platform } from 'react-native';
import { useSessionHolder, useViewer } from './app';

/**
 * Push notifications on this phone: after sign-in (and at each launch with a stored session) the
 * app asks the system's permission once, gets its Expo push token and registers it
 * (`registerPushDevice`, which also renews it); just before sign-out it unregisters it while the
 * session can still say so. The platform also stops pushing to a device once the session that
 * registered it has ended, so a sign-out made offline leaks nothing. Nothing happens on the web.
 */

/** Where the push token comes from: expo-notifications on a phone; tests pass their own. */
export interface PushTokenSource {
  /** IOS or ANDROID; null where there is no push (the web export). */
  platform: PushPlatform | null;
  /** Asks permission if need be; the Expo push token, or null when refused or unavailable. */
  token(): Promise<string | null>;
  /** Calls `open` with each notification's deep link the user taps (cold start included). */
  onOpen(open: (url: string) => void): () => void;
}

const nativePlatform = (): PushPlatform | null =>
  Platform.OS === 'ios' ? 'IOS' : Platform.OS === 'android' ? 'ANDROID' : null;

const linkOf = (data: unknown): string | null => {
  const url = (data as { url?: unknown } | null | undefined)?.url;
  return typeof url === 'string' && url.startsWith('vp://') ? url : null;
};

const openedAtLaunch = new Set<string>();

/** expo-notifications, loaded only on a phone (the web bundle and the web export never load it). */
export const devicePushTokens = (): PushTokenSource => ({
  platform: nativePlatform(),
  async token() {
    if (!nativePlatform()) {
      return null;
    }
    try {
      const Notifications = await import('expo-notifications');
      if (Platform.OS === 'android') {
        // Android 13+ shows the permission prompt only once a channel exists.
        await Notifications.setNotificationChannelAsync('default', {
          name: 'Notifications',
          importance: Notifications.AndroidImportance.DEFAULT,
        });
      }
      let { granted } = await Notifications.getPermissionsAsync();
      if (!granted) {
        ({ granted } = await Notifications.requestPermissionsAsync());
      }
      if (!granted) {
        return null;
      }
      // The project id comes from app.json (extra.eas.projectId) or the EAS build.
      return (await Notifications.getExpoPushTokenAsync()).data;
    } catch {
      return null; // a simulator, no project id, no network: no push, the app works without it
    }
  },
  onOpen(open) {
    if (!nativePlatform()) {
      return () => undefined;
    }
    let stopped = false;
    let remove = () => undefined as void;
    void import('expo-notifications')
      .then(async Notifications => {
        if (stopped) {
          return;
        }
        const subscription = Notifications.addNotificationResponseReceivedListener(response => {
          const url = linkOf(response.notification.request.content.data);
          if (url) {
            open(url);
          }
        });
        remove = () => subscription.remove();
        // the tap that launched the app, once (the system keeps answering it for this launch)
        const last = await Notifications.getLastNotificationResponseAsync();
        const id = last?.notification.request.identifier;
        const url = linkOf(last?.notification.request.content.data);
        if (url && id && !stopped && !openedAtLaunch.has(id)) {
          openedAtLaunch.add(id);
          open(url);
        }
      })
      .catch(() => undefined);
    return () => {
      stopped = true;
      remove();
    };
  },
});

/** `vp://watch/<id>` → `/watch/<id>`: the app's own route for a push's deep link. */
export const routeOf = (url: string) => `/${url.replace(/^vp:\/\//, '')}`;

/**
 * Registers this phone for the signed-in viewer's push notifications, unregisters it before
 * sign-out, and opens the screen of a tapped notification. Call once, inside AppProvider.
 * Answers the token registered now (null: none, e.g. permission refused, or on the web).
 */
export function usePushNotifications(
  source: PushTokenSource = defaultSource(),
  open?: (url: string) => void,
) {
  const navigate = useRouter();
  const holder = useSessionHolder();
  const client = useApolloClient();
  const viewerId = useViewer()?.id ?? null;
  const registered = useRef<string | null>(null);
  const [registeredToken, setRegisteredToken] = useState<string | null>(null);
  const opener = useRef<(url: string) => void>(() => undefined);
  opener.current = open ?? (url => navigate.push(routeOf(url) as never));

  useEffect(() => {
    const platform = source.platform;
    if (!viewerId || !platform) {
      return;
    }
    let cancelled = false;
    void (async () => {
      const token = await source.token();
      if (!token || cancelled) {
        return;
      }
      await client.mutate({
        mutation: RegisterPushDeviceDocument,
        variables: { input: { token, platform } },
      });
      registered.current = token;
      setRegisteredToken(token);
    })().catch(() => undefined); // offline or refused: tried again at the next sign-in or launch
    return () => {
      cancelled = true;
    };
  }, [viewerId, source, client]);

  useEffect(
    () =>
      holder.beforeSignOut(async () => {
        const token = registered.current;
        if (!token) {
          return;
        }
        registered.current = null;
        setRegisteredToken(null);
        await client.mutate({ mutation: UnregisterPushDeviceDocument, variables: { token } });
      }),
    [holder, client],
  );

  useEffect(() => source.onOpen(url => opener.current(url)), [source]);
  /** The token registered for the signed-in viewer, null before (or without) one. */
  return registeredToken;
}

let shared: PushTokenSource | null = null;
/** One source per app, so that the hook's effects do not run again on every render. */
function defaultSource() {
  shared ??= devicePushTokens();
  return shared;
}
