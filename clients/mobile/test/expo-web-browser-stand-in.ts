// expo-web-browser in the screen tests: jest has no system browser. The stand-in records the pages
// the app opened (the provider's checkout) for the test to act as the viewer there, and answers
// an auth session with what the test says the browser returned.
export const browser = {
  opened: [] as string[],
  /** Where the auth session was told the page returns to (the app's deep link). */
  returnUrl: null as string | null,
  /** What openAuthSessionAsync resolves with: the browser dismissed, unless the test says. */
  sessionResult: { type: 'dismiss' } as { type: string; url?: string },
};

export async function openBrowserAsync(url: string) {
  browser.opened.push(url);
  return { type: 'opened' };
}

export async function openAuthSessionAsync(url: string, redirectUrl?: string | null) {
  browser.opened.push(url);
  browser.returnUrl = redirectUrl ?? null;
  return browser.sessionResult;
}

export function maybeCompleteAuthSession() {
  return { type: 'failed', message: 'not a web page' };
}
