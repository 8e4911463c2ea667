import 'server-only';
import { headers } from 'next/headers';
import { cache } from 'react';
import { clientAddressOf } from './env';
import { localeFrom, translator, type Locale } from './i18n';
import type { Session } from '@vp/client/src/session';
import { SESSION_HEADER } from './session-types';

/** The signed-in viewer of this request (from the proxy), or null. */
export const getSession = cache(async (): Promise<Session | null> => {
  const value = (await headers()).get(SESSION_HEADER);
  if (!value) {
    return null;
  }
  try {
    return JSON.parse(decodeURIComponent(value)) as Session;
  } catch {
    return null;
  }
});

export const getLocale = cache(async (): Promise<Locale> =>
  localeFrom((await headers()).get('accept-language')),
);

export async function getT() {
  const locale = await getLocale();
  return { locale, t: translator(locale) };
}

/** The viewer's address, passed on to the gateway so its per-IP limits see viewers, not this server. */
export const getClientAddress = cache(async () => clientAddressOf(await headers()));
