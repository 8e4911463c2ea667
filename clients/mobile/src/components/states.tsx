import { ActivityIndicator, Pressable, Text, View } from 'react-native';
import { useT } from '../lib/app';
import { colors, common } from './theme';

export function Loading() {
  return (
    <View style={[common.screen, { justifyContent: 'center' }]}>
      <ActivityIndicator color={colors.dim} accessibilityLabel="Loading" />
    </View>
  );
}

/** A failed load, with a retry. */
export function Failed({ message, retry }: { message?: string; retry?: () => void }) {
  const t = useT();
  return (
    <View style={[common.screen, common.content]} accessibilityRole="alert">
      <Text style={common.error}>{message ?? t('error.title')}</Text>
      {retry ? (
        <Pressable style={common.button} onPress={retry} accessibilityRole="button">
          <Text style={common.buttonText}>{t('error.retry')}</Text>
        </Pressable>
      ) : null}
    </View>
  );
}
