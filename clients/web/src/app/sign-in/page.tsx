import { Suspense } from 'react';
import { SignInForm } from '@/components/auth-forms';
import { getT } from '@/lib/session';

export async function generateMetadata() {
  const { t } = await getT();
  return { title: t('auth.signInTitle') };
}

export default function SignInPage() {
  return (
    <Suspense>
      <SignInForm />
    </Suspense>
  );
}
