import Link from 'next/link';
import { VerifyEmailDocument } from '@vp/client/src/gql/graphql';
import { serverGraphql } from '@/lib/server-graphql';
import { getT } from '@/lib/session';

export const dynamic = 'force-dynamic';

/** The link in the verification email (users' PUBLIC_WEB_URL/verify-email?token=…). */
export default async function VerifyEmailPage({ searchParams }: { searchParams: Promise<{ token?: string }> }) {
  const { token } = await searchParams;
  const { t } = await getT();
  const ok = token ? Boolean((await serverGraphql(VerifyEmailDocument, { token })).data?.verifyEmail) : false;
  return (
    <div className="auth">
      <p className={ok ? 'notice ok' : 'notice error'} role="status">
        {ok ? t('auth.verified') : t('auth.verifyFailed')}
      </p>
      <Link className="btn" href="/">
        {t('nav.home')}
      </Link>
    </div>
  );
}
