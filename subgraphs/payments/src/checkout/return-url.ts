import { badInput } from '@vp/kit';
import { type CheckoutSession } from './checkout-session.entity';

/** The mobile app's deep link (app.json's scheme); its `/<result>` is the app's checkout route. */
export const APP_CHECKOUT_RETURN_URL = 'vp://checkout';

/** What the checkout page tells the place it returns to: the app understands `success` and `cancel`. */
export type CheckoutResult = 'success' | 'cancel';

const refused = () =>
  badInput('This return URL is not allowed.', [
    {
      field: 'returnUrl',
      message: `Use ${APP_CHECKOUT_RETURN_URL} or a page of the web app.`,
    },
  ]);

/**
 * A checkout's return URL, if it is on the allow-list (else BAD_USER_INPUT): exactly the app's
 * `vp://checkout`, or a page of the web app (same origin as PUBLIC_WEB_URL, no query or fragment,
 * since the page appends `/<result>?checkout=<id>`). Anything else would make the checkout page
 * an open redirect.
 */
export function acceptedReturnUrl(
  returnUrl: string | null | undefined,
  publicWebUrl: string,
): string | null {
  if (returnUrl === null || returnUrl === undefined) {
    return null;
  }
  if (returnUrl === APP_CHECKOUT_RETURN_URL) {
    return returnUrl;
  }
  let url: URL;
  try {
    url = new URL(returnUrl);
  } catch {
    throw refused();
  }
  if (
    url.origin !== new URL(publicWebUrl).origin ||
    url.username ||
    url.password ||
    url.search ||
    url.hash ||
    // the URL must say what it means: no spelling the parser would normalise away
    (!returnUrl.startsWith(`${url.origin}/`) && returnUrl !== url.origin)
  ) {
    throw refused();
  }
  return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
}

/** Where the checkout page sends the buyer for an outcome, or null when the checkout has no return URL. */
export function returnLocation(checkout: CheckoutSession, result: CheckoutResult) {
  return checkout.returnUrl
    ? `${checkout.returnUrl}/${result}?checkout=${encodeURIComponent(checkout.id)}`
    : null;
}

/** The outcome a finished checkout's page reports, or null while it is still open. */
export function resultOfStatus(status: CheckoutSession['status']): CheckoutResult | null {
  return status === 'COMPLETED'
    ? 'success'
    : status === 'DECLINED' || status === 'EXPIRED'
      ? 'cancel'
      : null;
}
