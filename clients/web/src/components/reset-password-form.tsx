'use client';

import Link from 'next/link';
import { useSearchParams } from 'next/navigation';
import { useState } from 'react';
import { RequestPasswordResetDocument, ResetPasswordDocument } from '@vp/client/src/gql/graphql';
import { errorOf, useGraphqlClient, useT } from './providers';

/** /reset-password asks for the email; /reset-password?token=… (the emailed link) sets the new password. */
export function ResetPasswordForm() {
  const t = useT();
  const client = useGraphqlClient();
  const token = useSearchParams().get('token');
  const [value, setValue] = useState('');
  const [done, setDone] = useState('');
  const [error, setError] = useState('');
  return (
    <form
      className="auth"
      onSubmit={async event => {
        event.preventDefault();
        setError('');
        try {
          if (token) {
            await client.mutate({
              mutation: ResetPasswordDocument,
              variables: { input: { token, newPassword: value } },
            });
            setDone(t('auth.resetDone'));
          } else {
            await client.mutate({
              mutation: RequestPasswordResetDocument,
              variables: { email: value },
            });
            setDone(t('auth.resetSent'));
          }
        } catch (caught) {
          setError(errorOf(caught, t).message);
        }
      }}
    >
      <h1>{t('auth.resetTitle')}</h1>
      <div className="field">
        <label htmlFor="reset-value">{token ? t('auth.newPassword') : t('auth.email')}</label>
        <input
          id="reset-value"
          type={token ? 'password' : 'email'}
          autoComplete={token ? 'new-password' : 'email'}
          value={value}
          onChange={event => setValue(event.target.value)}
          required
        />
      </div>
      {error ? (
        <p className="notice error" role="alert">
          {error}
        </p>
      ) : null}
      {done ? (
        <p className="notice ok" role="status">
          {done} {token ? <Link href="/sign-in">{t('nav.signIn')}</Link> : null}
        </p>
      ) : (
        <button type="submit" className="btn primary">
          {token ? t('auth.resetTitle') : t('auth.resetRequest')}
        </button>
      )}
    </form>
  );
}
