'use client';

import { useT } from '@/components/providers';

export default function ErrorPage({ reset }: { error: Error; reset: () => void }) {
  const t = useT();
  return (
    <div className="empty">
      <h1 style={{ marginBottom: 12 }}>{t('error.title')}</h1>
      <button type="button" className="btn" onClick={reset}>
        {t('error.retry')}
      </button>
    </div>
  );
}
