import * as SecureStore from 'expo-secure-store';
import { Platform } from 'react-native';

/**
 * Where the refresh token lives between launches: the device's keychain / keystore
 * (expo-secure-store), never AsyncStorage or a file. The web export keeps it in this page's memory
 * only — the web app's rule: no token in localStorage, sessionStorage or a readable cookie — so a
 * reload there signs the viewer out.
 */
export interface RefreshTokenStore {
  get(): Promise<string | null>;
  set(token: string): Promise<void>;
  clear(): Promise<void>;
}

const KEY = 'vp.refreshToken';

export function memoryRefreshTokenStore(): RefreshTokenStore {
  let token: string | null = null;
  return {
    get: async () => token,
    set: async next => {
      token = next;
    },
    clear: async () => {
      token = null;
    },
  };
}

export function secureRefreshTokenStore(): RefreshTokenStore {
  return {
    get: () => SecureStore.getItemAsync(KEY),
    // readable only while the device is unlocked, and never restored to another device
    set: token =>
      SecureStore.setItemAsync(KEY, token, {
        keychainAccessible: SecureStore.WHEN_UNLOCKED_THIS_DEVICE_ONLY,
      }),
    clear: () => SecureStore.deleteItemAsync(KEY),
  };
}

export const deviceRefreshTokenStore = (): RefreshTokenStore =>
  Platform.OS === 'web' ? memoryRefreshTokenStore() : secureRefreshTokenStore();
