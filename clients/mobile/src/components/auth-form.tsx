import type { SessionProblem } from '@vp/client/src/session';
import { Link, useRouter } from 'expo-router';
import { useState } from 'react';
import { Pressable, ScrollView, Text, TextInput, View, type TextInputProps } from 'react-native';
import { useSessionHolder, useT } from '../lib/app';
import type { MessageKey } from '@vp/client/src/i18n';
import { colors, common } from './theme';

export interface Field {
  name: string;
  label: MessageKey;
  hint?: MessageKey;
  input?: TextInputProps;
}

/**
 * Sign in or sign up: the fields, the platform's refusal (with each field's problem under it), and
 * on success back to where the viewer came from.
 */
export function AuthForm({
  action,
  title,
  submit,
  fields,
  other,
}: {
  action: 'sign-in' | 'sign-up';
  title: MessageKey;
  submit: MessageKey;
  fields: Field[];
  other: { prompt: MessageKey; label: MessageKey; href: '/sign-in' | '/sign-up' };
}) {
  const t = useT();
  const holder = useSessionHolder();
  const router = useRouter();
  const [values, setValues] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [problems, setProblems] = useState<SessionProblem[]>([]);
  const send = async () => {
    setBusy(true);
    setError(null);
    setProblems([]);
    const result = await holder.open(action, values);
    setBusy(false);
    if ('session' in result) {
      if (router.canGoBack()) {
        router.back();
      } else {
        router.replace('/');
      }
    } else if ('error' in result) {
      setError(
        result.error.code === 'RATE_LIMITED' ? t('error.rateLimited') : result.error.message,
      );
      setProblems(result.error.problems ?? []);
    }
  };
  return (
    <ScrollView style={common.screen} contentContainerStyle={common.content}>
      <Text style={common.title} accessibilityRole="header">
        {t(title)}
      </Text>
      {fields.map(field => {
        const problem = problems.find(
          candidate => (candidate.field ?? candidate.path ?? '').split('.').pop() === field.name,
        );
        return (
          <View key={field.name} style={{ gap: 4 }}>
            <Text style={common.dim} nativeID={`label-${field.name}`}>
              {t(field.label)}
            </Text>
            <TextInput
              testID={`field-${field.name}`}
              accessibilityLabel={t(field.label)}
              aria-labelledby={`label-${field.name}`}
              style={common.input}
              value={values[field.name] ?? ''}
              onChangeText={value => setValues(current => ({ ...current, [field.name]: value }))}
              autoCapitalize="none"
              autoCorrect={false}
              placeholderTextColor={colors.dim}
              {...field.input}
            />
            {problem ? (
              <Text style={common.error}>{problem.message}</Text>
            ) : field.hint ? (
              <Text style={common.dim}>{t(field.hint)}</Text>
            ) : null}
          </View>
        );
      })}
      {error ? (
        <Text style={common.error} accessibilityRole="alert" testID="auth-error">
          {error}
        </Text>
      ) : null}
      <Pressable
        testID="auth-submit"
        accessibilityRole="button"
        style={[common.button, common.primary]}
        disabled={busy}
        onPress={() => void send()}
      >
        <Text style={common.buttonText}>{busy ? t('auth.working') : t(submit)}</Text>
      </Pressable>
      <Text style={common.dim}>
        {t(other.prompt)}{' '}
        <Link href={other.href} replace style={{ color: colors.accent }}>
          {t(other.label)}
        </Link>
      </Text>
    </ScrollView>
  );
}
