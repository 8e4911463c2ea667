/** Most characters of a push token (Expo's are about 41; room for longer ones, not for junk). */
export const MAX_PUSH_TOKEN_LENGTH = 200;

/** `ExponentPushToken[…]` or `ExpoPushToken[…]`, as expo-notifications' getExpoPushTokenAsync gives. */
const EXPO_PUSH_TOKEN = /^(?:ExponentPushToken|ExpoPushToken)\[[A-Za-z0-9_\-+/=:.]+\]$/;

/** Why a push token is refused, or null. */
export function pushTokenProblem(token: unknown): string | null {
  if (typeof token !== 'string' || token.length > MAX_PUSH_TOKEN_LENGTH) {
    return `At most ${MAX_PUSH_TOKEN_LENGTH} characters.`;
  }
  return EXPO_PUSH_TOKEN.test(token) ? null : 'Not an Expo push token (ExponentPushToken[…]).';
}
