'use client';

import { useSearchParams } from 'next/navigation';
import { useState } from 'react';
import { RequestSignInLinkDocument } from '@vp/client/src/gql/graphql';
import { sessionRequest } from '@vp/client/src/session';
import { errorOf, useGraphqlClient, useSessionHolder, useT } from './providers';

/**
 * /sign-in-link asks for the email and mails a one-time sign-in link (the way in while many
 * addresses are trying the account's password); /sign-in-link?token=… (the emailed link) signs in
 * when the button is pressed — never on opening, so a mail scanner fetching the link does not use it up.
 */
export function SignInLinkForm() {
  const t = useT();
  const client = useGraphqlClient();
  const holder = useSessionHolder();
  const token = useSearchParams().get('token');
  const [email, setEmail] = useState('');
  const [done, setDone] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  return (
    <form
      className="auth"
      onSubmit={async event => {
        event.preventDefault();
        setError('');
        setBusy(true);
        try {
          if (token) {
            const result = await sessionRequest('sign-in-link', { token });
            if ('session' in result) {
              holder.set(result.session);
              window.location.assign('/');
              return;
            }
            setError('error' in result ? result.error.message : t('auth.verifyFailed'));
          } else {
            await client.mutate({ mutation: RequestSignInLinkDocument, variables: { email } });
            setDone(t('auth.linkSent'));
          }
        } catch (caught) {
          setError(errorOf(caught, t).message);
        } finally {
          setBusy(false);
        }
      }}
    >
      <h1>{t('auth.linkTitle')}</h1>
      {token ? null : (
        <div className="field">
          <label htmlFor="link-email">{t('auth.email')}</label>
          <input
            id="link-email"
            type="email"
            autoComplete="email"
            value={email}
            onChange={event => setEmail(event.target.value)}
            required
          />
        </div>
      )}
      {error ? (
        <p className="notice error" role="alert">
          {error}
        </p>
      ) : null}
      {done ? (
        <p className="notice ok" role="status">
          {done}
        </p>
      ) : (
        <button type="submit" className="btn primary" disabled={busy}>
          {busy ? t('auth.working') : token ? t('auth.linkSubmit') : t('auth.linkRequest')}
        </button>
      )}
    </form>
  );
}
