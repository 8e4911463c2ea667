// expo-web-browser in the screen tests: jest has no system browser. The stand-in records the pages
// the app opened (the provider's checkout) and, for an auth session, either acts as the viewer on
// the real page (posts their choice, then follows the platform's 303 when it goes to the app's
// link, as ASWebAuthenticationSession / Custom Tabs do) or answers what the test says.
export const browser = {
  opened: [] as string[],
  /** Where the auth session was told the page returns to (the app's deep link). */
  returnUrl: null as string | null,
  /** What the viewer presses on the platform's checkout page, if the test has them press anything. */
  viewerChooses: null as 'success' | 'decline' | null,
  /** Where the page sent the browser (its 303's Location) after the viewer's choice. */
  redirectedTo: null as string | null,
  /** What openAuthSessionAsync resolves with when the viewer chooses nothing: dismissed, unless the test says. */
  sessionResult: { type: 'dismiss' } as { type: string; url?: string },
};

export async function openBrowserAsync(url: string) {
  browser.opened.push(url);
  return { type: 'opened' };
}

export async function openAuthSessionAsync(url: string, redirectUrl?: string | null) {
  browser.opened.push(url);
  browser.returnUrl = redirectUrl ?? null;
  if (!browser.viewerChooses) {
    return browser.sessionResult;
  }
  // the page is served on the platform's public origin (localhost); jest reaches it over IPv4
  const answer = await fetch(url.replace('://localhost', '://127.0.0.1'), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: `outcome=${browser.viewerChooses}`,
    redirect: 'manual',
  });
  const location = answer.status === 303 ? answer.headers.get('location') : null;
  browser.redirectedTo = location;
  // the session closes by itself only when the page goes to the link it was opened with
  return location && redirectUrl && location.startsWith(redirectUrl)
    ? { type: 'success', url: location }
    : { type: 'dismiss' };
}

export function maybeCompleteAuthSession() {
  return { type: 'failed', message: 'not a web page' };
}
