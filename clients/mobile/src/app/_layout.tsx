import { useState } from 'react';
import { Shell } from '../components/shell';
import { AppProvider, deviceLocale } from '../lib/app';
import { gatewayUrl } from '../lib/env';
import { deviceRefreshTokenStore } from '../lib/refresh-token-store';
import { gatewaySessions } from '../lib/session';

export default function RootLayout() {
  const [{ url, sessions, locale }] = useState(() => {
    const url = gatewayUrl();
    return {
      url,
      sessions: gatewaySessions(url, deviceRefreshTokenStore()),
      locale: deviceLocale(),
    };
  });
  return (
    <AppProvider gatewayUrl={url} sessions={sessions} locale={locale}>
      <Shell />
    </AppProvider>
  );
}
