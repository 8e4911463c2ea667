'use client';

import { useState } from 'react';
import { sessionRequest } from '@vp/client/src/session';
import { useGraphqlClient, useSessionHolder, useT } from './providers';

export function SignOutButton() {
  const t = useT();
  const holder = useSessionHolder();
  const client = useGraphqlClient();
  const [busy, setBusy] = useState(false);
  return (
    <button
      type="button"
      className="btn ghost small"
      disabled={busy}
      onClick={async () => {
        setBusy(true);
        await sessionRequest('sign-out', {});
        holder.set(null);
        await client.clearStore();
        window.location.assign('/');
      }}
    >
      {t('nav.signOut')}
    </button>
  );
}
