import { useMutation } from '@apollo/client/react';
import { formatYen } from '@vp/client/src/format';
import { SendTipDocument } from '@vp/client/src/gql/graphql';
import { useRouter } from 'expo-router';
import { useState } from 'react';
import { Pressable, StyleSheet, Text, TextInput, View } from 'react-native';
import { messageOf, useLocale, useT, useViewer } from '../lib/app';
import { openInSystemBrowser } from '../lib/system-browser';
import { colors, common } from './theme';

const PRESETS = [100, 500, 1000, 5000];
const MIN = 100;
const MAX = 50_000;

/**
 * The web live room's tip flow on a phone: an amount (a preset or typed, whole yen from ¥100 to
 * ¥50,000) and an optional message, `sendTip`, then the provider's checkout in the system browser.
 * The tip shows in the chat, highlighted, once the provider confirms the payment.
 */
export function TipPanel({ targetId }: { targetId: string }) {
  const t = useT();
  const locale = useLocale();
  const viewer = useViewer();
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [amount, setAmount] = useState(500);
  const [message, setMessage] = useState('');
  const [checkoutUrl, setCheckoutUrl] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [sendTip, sending] = useMutation(SendTipDocument);
  const yen = (value: number) => formatYen(value, locale);

  const toggle = () => {
    if (!viewer) {
      router.push('/sign-in');
      return;
    }
    setOpen(!open);
    setCheckoutUrl(null);
    setProblem(null);
  };
  const send = async () => {
    setProblem(null);
    try {
      const { data } = await sendTip({
        variables: { input: { targetId, amountJpy: amount, message: message.trim() || null } },
      });
      const url = data?.sendTip.checkoutUrl ?? null;
      setCheckoutUrl(url);
      if (url) {
        await openInSystemBrowser(url).catch(() => undefined);
      }
    } catch (error) {
      setProblem(messageOf(error, t));
    }
  };
  const valid = Number.isInteger(amount) && amount >= MIN && amount <= MAX;

  return (
    <View style={{ gap: 8 }}>
      <Pressable
        testID="tip"
        accessibilityRole="button"
        accessibilityState={{ expanded: open }}
        style={[common.button, styles.gold]}
        onPress={toggle}
      >
        <Text style={[common.buttonText, styles.goldText]}>¥ {t('video.tip')}</Text>
      </Pressable>
      {open ? (
        <View style={styles.panel} testID="tip-panel">
          <Text style={common.heading}>{t('tip.title')}</Text>
          <View style={[common.row, { flexWrap: 'wrap' }]}>
            {PRESETS.map(preset => (
              <Pressable
                key={preset}
                testID={`tip-preset-${preset}`}
                accessibilityRole="button"
                accessibilityState={{ selected: preset === amount }}
                style={[common.button, preset === amount && styles.gold]}
                onPress={() => setAmount(preset)}
              >
                <Text style={[common.buttonText, preset === amount && styles.goldText]}>
                  {yen(preset)}
                </Text>
              </Pressable>
            ))}
          </View>
          <TextInput
            testID="tip-amount"
            style={common.input}
            keyboardType="number-pad"
            value={String(amount || '')}
            onChangeText={text => setAmount(Number(text.replace(/[^0-9]/g, '')))}
            accessibilityLabel={t('tip.amount')}
            placeholder={t('tip.amount')}
            placeholderTextColor={colors.dim}
          />
          <Text style={common.dim}>{t('tip.range')}</Text>
          <TextInput
            testID="tip-message"
            style={common.input}
            value={message}
            onChangeText={setMessage}
            maxLength={200}
            accessibilityLabel={t('tip.message')}
            placeholder={t('tip.message')}
            placeholderTextColor={colors.dim}
          />
          {problem ? (
            <Text style={common.error} accessibilityRole="alert">
              {problem}
            </Text>
          ) : null}
          {checkoutUrl ? (
            <>
              <Text style={common.text} accessibilityRole="alert" testID="tip-thanks">
                {t('tip.thanks')}
              </Text>
              <Pressable
                testID="tip-pay"
                accessibilityRole="link"
                style={[common.button, common.primary]}
                onPress={() => void openInSystemBrowser(checkoutUrl).catch(() => undefined)}
              >
                <Text style={common.buttonText}>{t('tip.pay')}</Text>
              </Pressable>
            </>
          ) : (
            <Pressable
              testID="tip-send"
              accessibilityRole="button"
              style={[common.button, styles.gold]}
              disabled={!valid || sending.loading}
              onPress={() => void send()}
            >
              <Text style={[common.buttonText, styles.goldText]}>
                {t('tip.send', { amount: yen(valid ? amount : 0) })}
              </Text>
            </Pressable>
          )}
        </View>
      ) : null}
    </View>
  );
}

const styles = StyleSheet.create({
  gold: { backgroundColor: colors.gold, borderColor: colors.gold },
  goldText: { color: '#1a1400' },
  panel: {
    gap: 10,
    padding: 12,
    borderRadius: 10,
    backgroundColor: colors.surface,
    borderColor: colors.border,
    borderWidth: 1,
  },
});
