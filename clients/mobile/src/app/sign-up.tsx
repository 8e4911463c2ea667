import { AuthForm } from '../components/auth-form';

export default function SignUpScreen() {
  return (
    <AuthForm
      action="sign-up"
      title="auth.signUpTitle"
      submit="auth.signUpSubmit"
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
          hint: 'auth.passwordHint',
          input: {
            secureTextEntry: true,
            autoComplete: 'new-password',
            textContentType: 'newPassword',
          },
        },
        { name: 'handle', label: 'auth.handle', hint: 'auth.handleHint' },
        { name: 'displayName', label: 'auth.displayName', input: { autoCapitalize: 'words' } },
        {
          name: 'birthDate',
          label: 'auth.birthDate',
          input: { placeholder: 'YYYY-MM-DD', keyboardType: 'numbers-and-punctuation' },
        },
      ]}
      other={{ prompt: 'auth.haveAccount', label: 'nav.signIn', href: '/sign-in' }}
    />
  );
}
