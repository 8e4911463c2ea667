import * as Linking from 'expo-linking';
import * as WebBrowser from 'expo-web-browser';

/**
 * Where the provider's checkout returns to: the app's deep link `vp://checkout` (`exp://…/--/checkout`
 * in Expo Go), whose `/<result>` is the route src/app/checkout/[result].tsx.
 */
export const checkoutReturnUrl = () => Linking.createURL('checkout');

/** The only app link the platform's checkout page returns to (its allow-list): the app's own scheme. */
const PLATFORM_RETURN_URL = 'vp://checkout';

/**
 * The `returnUrl` to give startCheckout: the app's link, which the checkout page answers with a 303
 * to `vp://checkout/<result>` once paid or declined. Expo Go's `exp://…` link is not on the
 * platform's allow-list: there none is given, and the viewer closes the browser themselves.
 */
export function platformReturnUrl() {
  const url = checkoutReturnUrl();
  return url === PLATFORM_RETURN_URL ? url : undefined;
}

/**
 * The app's checkout route for how the browser came back: `vp://checkout/<result>` when the
 * provider sent the viewer to the app's link (`success`, `cancel`), else `closed` (the viewer
 * closed the browser: whether they paid is for the platform to say, which the route asks).
 */
export function checkoutRouteFor(result: { type: string; url?: string }) {
  if (result.type === 'success' && result.url) {
    const match = /checkout\/([A-Za-z_-]+)/.exec(result.url);
    if (match) {
      return `/checkout/${match[1]}`;
    }
  }
  return '/checkout/closed';
}

/**
 * Opens a checkout page in the system browser as an auth session (ASWebAuthenticationSession /
 * Custom Tabs), which closes by itself when the page goes to the app's return link, and says
 * which checkout route to show next.
 */
export async function checkoutInSystemBrowser(url: string) {
  const result = await WebBrowser.openAuthSessionAsync(url, checkoutReturnUrl());
  return checkoutRouteFor(result);
}
