import { Suspense } from 'react';
import { SignInLinkForm } from '@/components/sign-in-link-form';

export default function SignInLinkPage() {
  return (
    <Suspense>
      <SignInLinkForm />
    </Suspense>
  );
}
