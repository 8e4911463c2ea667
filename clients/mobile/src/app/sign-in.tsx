import { AuthForm } from '../components/auth-form';

export default function SignInScreen() {
  return (
    <AuthForm
      action="sign-in"
      title="auth.signInTitle"
      submit="auth.signInSubmit"
      fields={[
        {
          name: 'email',
          label: 'auth.email',
          input: {
            keyboardType: 'email-address',
            autoComplete: 'email',
            textContentType: 'username',
          },
        },
        {
          name: 'password',
          label: 'auth.password',
          input: {
            secureTextEntry: true,
            autoComplete: 'current-password',
            textContentType: 'password',
          },
        },
      ]}
      other={{ prompt: 'auth.noAccount', label: 'nav.signUp', href: '/sign-up' }}
    />
  );
}
