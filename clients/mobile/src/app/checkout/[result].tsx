import { useQuery } from '@apollo/client/react';
import { MyPlanDocument } from '@vp/client/src/gql/graphql';
import { formatDate } from '@vp/client/src/format';
import { Redirect, useLocalSearchParams, useRouter } from 'expo-router';
import { useEffect } from 'react';
import { Pressable, ScrollView, Text } from 'react-native';
import { Failed, Loading } from '../../components/states';
import { common } from '../../components/theme';
import { messageOf, useLocale, useT, useViewer } from '../../lib/app';

/** While the platform has not heard from the provider, ask it again this often. */
const POLL_MS = 2_000;

/**
 * /checkout/<result>: where the app lands back from the provider's checkout (`vp://checkout/…`,
 * or `closed` when the viewer closed the browser). The plan comes from the platform, not from the
 * link: a subscription starts when the provider's webhook confirms the payment, so until then
 * the screen asks again and says it is waiting.
 */
export default function CheckoutResultScreen() {
  const { result = 'closed' } = useLocalSearchParams<{ result: string }>();
  const t = useT();
  const locale = useLocale();
  const viewer = useViewer();
  const router = useRouter();
  const cancelled = result === 'cancel';
  const { data, error, loading, refetch, startPolling, stopPolling } = useQuery(MyPlanDocument, {
    skip: !viewer,
    fetchPolicy: 'network-only',
    notifyOnNetworkStatusChange: false,
  });
  const me = data?.me;
  const tier = me?.planTier ?? 'FREE';
  const upgraded = tier !== 'FREE';
  const waiting = Boolean(me) && !upgraded && !cancelled;
  useEffect(() => {
    if (!waiting) {
      return;
    }
    startPolling(POLL_MS);
    return stopPolling;
  }, [waiting, startPolling, stopPolling]);
  if (!viewer) {
    return <Redirect href="/sign-in" />;
  }
  if (!me) {
    return loading ? (
      <Loading />
    ) : (
      <Failed message={messageOf(error, t)} retry={() => void refetch()} />
    );
  }
  const plan = t(`plan.${tier}`);
  return (
    <ScrollView style={common.screen} contentContainerStyle={common.content}>
      <Text style={common.title} accessibilityRole="header">
        {t('checkout.title')}
      </Text>
      <Text style={common.text} accessibilityRole="alert" testID="checkout-result">
        {upgraded
          ? t('account.upgraded', { plan })
          : cancelled
            ? t('checkout.cancelled')
            : `${t('account.waiting')} ${t('checkout.notConfirmed')}`}
      </Text>
      <Text style={common.dim} testID="current-plan">
        {t('account.currentPlan', { plan })}
        {me.subscription
          ? ` ${t('account.renews', { date: formatDate(me.subscription.currentPeriodEnd, locale) })}`
          : ''}
      </Text>
      <Pressable
        testID="back-to-account"
        accessibilityRole="button"
        style={[common.button, common.primary]}
        onPress={() => router.replace('/account')}
      >
        <Text style={common.buttonText}>{t('checkout.backToAccount')}</Text>
      </Pressable>
    </ScrollView>
  );
}
