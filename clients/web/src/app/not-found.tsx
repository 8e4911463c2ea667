import Link from 'next/link';
import { getT } from '@/lib/session';

export default async function NotFound() {
  const { t } = await getT();
  return (
    <div className="empty">
      <h1 style={{ marginBottom: 12 }}>{t('error.notFound')}</h1>
      <Link className="btn" href="/">
        {t('nav.home')}
      </Link>
    </div>
  );
}
