import { Suspense } from 'react';
import { SignUpForm } from '@/components/auth-forms';
import { getT } from '@/lib/session';

export async function generateMetadata() {
  const { t } = await getT();
  return { title: t('auth.signUpTitle') };
}

export default function SignUpPage() {
  return (
    <Suspense>
      <SignUpForm />
    </Suspense>
  );
}
