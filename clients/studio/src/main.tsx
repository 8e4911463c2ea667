import { SessionHolder } from '@vp/client/src/session';
import { createRoot } from 'react-dom/client';
import { App, type StudioConfig } from './app';
import { initialLocale } from './i18n';
import './styles.css';

function readConfig(): StudioConfig {
  const element = document.getElementById('vp-config');
  const fallback = { wsUrl: `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.hostname}:4000/graphql`, webUrl: `${location.protocol}//${location.hostname}:3000` };
  try {
    return { ...fallback, ...(element ? JSON.parse(element.textContent ?? '{}') : {}) };
  } catch {
    return fallback;
  }
}

async function boot() {
  const holder = new SessionHolder(null);
  // the httpOnly cookie, if any, brings the session back after a reload
  await holder.refresh();
  createRoot(document.getElementById('root')!).render(<App holder={holder} config={readConfig()} initialLocale={initialLocale()} />);
}

void boot();
