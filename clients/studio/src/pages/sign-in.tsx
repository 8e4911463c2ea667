import { useState, type FormEvent } from 'react';
import { useApp } from '../app';

export function SignInPage() {
  const { t, holder, locale, setLocale } = useApp();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    setError(null);
    const result = await holder.signIn(String(form.get('email') ?? ''), String(form.get('password') ?? ''));
    setBusy(false);
    if ('error' in result) {
      setError(result.error.problems?.[0]?.message ?? result.error.message);
    }
  };
  return (
    <main id="main" className="sign-in">
      <h1>{t('signIn.title')}</h1>
      <form onSubmit={event => void submit(event)} noValidate>
        <label>
          {t('signIn.email')}
          <input name="email" type="email" autoComplete="email" required />
        </label>
        <label>
          {t('signIn.password')}
          <input name="password" type="password" autoComplete="current-password" required />
        </label>
        {error && (
          <p role="alert" className="error">
            {error}
          </p>
        )}
        <button type="submit" disabled={busy}>
          {t('signIn.submit')}
        </button>
      </form>
      <p>
        <button type="button" className="link" onClick={() => setLocale(locale === 'ja' ? 'en' : 'ja')} lang={locale === 'ja' ? 'en' : 'ja'}>
          {locale === 'ja' ? 'English' : '日本語'}
        </button>
      </p>
    </main>
  );
}
