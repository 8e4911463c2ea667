'use client';

import Link from 'next/link';
import { useSearchParams } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { sessionRequest } from '@vp/client/src/session';
import { useSessionHolder, useT } from './providers';

/** Only paths of this app: never an absolute URL from the query (no open redirect). */
export function safeNext(next: string | null | undefined) {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : '/';
}

function useSessionForm(action: 'sign-in' | 'sign-up') {
  const t = useT();
  const holder = useSessionHolder();
  const params = useSearchParams();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const [linkRequired, setLinkRequired] = useState(false);
  const [problems, setProblems] = useState<Record<string, string>>({});
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setBusy(true);
    setError('');
    setProblems({});
    const body = Object.fromEntries(new FormData(event.currentTarget).entries());
    const result = await sessionRequest(action, body);
    if ('session' in result) {
      holder.set(result.session);
      // a full load: every server-rendered part now renders for the signed-in viewer
      window.location.assign(safeNext(params.get('next')));
      return;
    }
    setBusy(false);
    if ('error' in result) {
      const byField: Record<string, string> = {};
      for (const problem of result.error.problems ?? []) {
        const field = (problem.field ?? problem.path ?? '').split('.').pop() ?? '';
        byField[field] = problem.message;
      }
      setProblems(byField);
      setError(result.error.code === 'RATE_LIMITED' ? t('error.rateLimited') : result.error.message);
      setLinkRequired(result.error.reason === 'SIGN_IN_LINK_REQUIRED');
    }
  };
  return { busy, error, linkRequired, problems, submit, t };
}

function Field({ id, label, hint, error, ...input }: { id: string; label: string; hint?: string; error?: string } & React.InputHTMLAttributes<HTMLInputElement>) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input id={id} name={id} aria-describedby={hint || error ? `${id}-note` : undefined} aria-invalid={error ? true : undefined} {...input} />
      {error ? (
        <span id={`${id}-note`} className="field-error">
          {error}
        </span>
      ) : hint ? (
        <span id={`${id}-note`} className="hint">
          {hint}
        </span>
      ) : null}
    </div>
  );
}

export function SignInForm() {
  const { busy, error, linkRequired, submit, t } = useSessionForm('sign-in');
  const params = useSearchParams();
  return (
    <form className="auth" onSubmit={submit}>
      <h1>{t('auth.signInTitle')}</h1>
      <Field id="email" label={t('auth.email')} type="email" autoComplete="email" required />
      <Field id="password" label={t('auth.password')} type="password" autoComplete="current-password" required />
      {error ? (
        <p className="notice error" role="alert">
          {error}{' '}
          {linkRequired ? (
            <Link href="/sign-in-link" style={{ color: '#8ab4ff' }}>
              {t('auth.linkOffer')}
            </Link>
          ) : null}
        </p>
      ) : null}
      <button type="submit" className="btn primary" disabled={busy}>
        {busy ? t('auth.working') : t('auth.signInSubmit')}
      </button>
      <p className="small dim" style={{ margin: 0 }}>
        {t('auth.noAccount')}{' '}
        <Link href={`/sign-up${params.get('next') ? `?next=${encodeURIComponent(params.get('next')!)}` : ''}`} style={{ color: '#8ab4ff' }}>
          {t('nav.signUp')}
        </Link>
        {' · '}
        <Link href="/reset-password" style={{ color: '#8ab4ff' }}>
          {t('auth.forgot')}
        </Link>
      </p>
    </form>
  );
}

export function SignUpForm() {
  const { busy, error, problems, submit, t } = useSessionForm('sign-up');
  return (
    <form className="auth" onSubmit={submit}>
      <h1>{t('auth.signUpTitle')}</h1>
      <Field id="email" label={t('auth.email')} type="email" autoComplete="email" required error={problems.email} />
      <Field id="password" label={t('auth.password')} type="password" autoComplete="new-password" minLength={10} maxLength={128} required hint={t('auth.passwordHint')} error={problems.password} />
      <Field id="handle" label={t('auth.handle')} type="text" autoComplete="username" pattern="[a-z0-9_]{3,30}" required hint={t('auth.handleHint')} error={problems.handle} />
      <Field id="displayName" label={t('auth.displayName')} type="text" autoComplete="nickname" maxLength={50} required error={problems.displayName} />
      <Field id="birthDate" label={t('auth.birthDate')} type="date" autoComplete="bday" required error={problems.birthDate} />
      {error ? (
        <p className="notice error" role="alert">
          {error}
        </p>
      ) : null}
      <button type="submit" className="btn primary" disabled={busy}>
        {busy ? t('auth.working') : t('auth.signUpSubmit')}
      </button>
      <p className="small dim" style={{ margin: 0 }}>
        {t('auth.haveAccount')}{' '}
        <Link href="/sign-in" style={{ color: '#8ab4ff' }}>
          {t('nav.signIn')}
        </Link>
      </p>
    </form>
  );
}
