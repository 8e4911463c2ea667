import { useMutation } from '@apollo/client/react';
import { formatDate, formatYen } from '@vp/client/src/format';
import {
  AccountPageDocument,
  CancelSubscriptionDocument,
  ClearWatchHistoryDocument,
  ResumeSubscriptionDocument,
  StartCheckoutDocument,
  UpdateNotificationSettingsDocument,
  type AccountPageQuery,
  type NotificationKind,
} from '@vp/client/src/gql/graphql';
import { useRouter } from 'expo-router';
import { useState } from 'react';
import { Pressable, StyleSheet, Switch, Text, View } from 'react-native';
import { messageOf, useLocale, useT } from '../lib/app';
import { checkoutInSystemBrowser, platformReturnUrl } from '../lib/checkout';
import { colors, common } from './theme';

type Me = NonNullable<AccountPageQuery['me']>;
type Plans = AccountPageQuery['plans'];

const RANK: Record<string, number> = { FREE: 0, PREMIUM: 1, PREMIUM_PLUS: 2 };

/**
 * The plan, and its upgrade: startCheckout's page opens in the system browser, and the platform's
 * page sends the viewer back to the app through `vp://checkout/<result>` (or the browser is
 * closed); the checkout route then asks the platform for the plan. Cancel / keep while subscribed.
 */
export function PlanSection({ me, plans }: { me: Me; plans: Plans }) {
  const t = useT();
  const locale = useLocale();
  const router = useRouter();
  const [problem, setProblem] = useState<string | null>(null);
  const [startCheckout, starting] = useMutation(StartCheckoutDocument);
  const [cancel] = useMutation(CancelSubscriptionDocument);
  const [resume] = useMutation(ResumeSubscriptionDocument);
  const tier = me.planTier ?? 'FREE';
  const subscription = me.subscription;

  const upgrade = async (planId: string) => {
    setProblem(null);
    try {
      const { data } = await startCheckout({
        variables: { planId, returnUrl: platformReturnUrl() },
      });
      if (data?.startCheckout.url) {
        router.push(await checkoutInSystemBrowser(data.startCheckout.url));
      }
    } catch (error) {
      setProblem(messageOf(error, t));
    }
  };
  const cancelOrResume = async () => {
    setProblem(null);
    try {
      await (subscription?.cancelAtPeriodEnd ? resume() : cancel());
    } catch (error) {
      setProblem(messageOf(error, t));
    }
  };

  return (
    <View style={styles.section}>
      <Text style={common.heading} accessibilityRole="header">
        {t('account.plan')}
      </Text>
      <Text style={common.text} testID="current-plan">
        {t('account.currentPlan', { plan: t(`plan.${tier}`) })}
        {subscription
          ? ` ${t(subscription.cancelAtPeriodEnd ? 'account.ends' : 'account.renews', {
              date: formatDate(subscription.currentPeriodEnd, locale),
            })}`
          : ''}
      </Text>
      {plans.map(plan => (
        <View key={plan.id} style={[styles.plan, plan.tier === tier && styles.current]}>
          <View style={[common.row, { justifyContent: 'space-between' }]}>
            <Text style={common.text}>
              {t(`plan.${plan.tier}`)}
              {plan.adultsOnly ? ' · 18+' : ''}
            </Text>
            <Text style={common.dim}>{formatYen(plan.priceJpy, locale)}</Text>
          </View>
          {RANK[plan.tier] > RANK[tier] && !subscription ? (
            <Pressable
              testID={`upgrade-${plan.tier}`}
              accessibilityRole="button"
              style={[common.button, common.primary]}
              disabled={starting.loading}
              onPress={() => void upgrade(plan.id)}
            >
              <Text style={common.buttonText}>
                {t('account.upgrade', {
                  plan: t(`plan.${plan.tier}`),
                  price: formatYen(plan.priceJpy, locale),
                })}
              </Text>
            </Pressable>
          ) : null}
          {plan.tier === tier && subscription ? (
            <Pressable
              testID="cancel-or-resume"
              accessibilityRole="button"
              style={common.button}
              onPress={() => void cancelOrResume()}
            >
              <Text style={common.buttonText}>
                {subscription.cancelAtPeriodEnd ? t('account.resume') : t('account.cancel')}
              </Text>
            </Pressable>
          ) : null}
        </View>
      ))}
      {problem ? (
        <Text style={common.error} accessibilityRole="alert">
          {problem}
        </Text>
      ) : null}
    </View>
  );
}

/** The ways a notification reaches the viewer, each switched per kind. */
const CHANNELS = [
  ['inApp', 'account.inApp'],
  ['email', 'account.byEmail'],
  ['push', 'account.byPush'],
] as const;

/** Which notifications the viewer gets, per kind: in the app, by email, as a push to the phone. */
export function NotificationSettingsSection({
  settings,
}: {
  settings: Me['notificationSettings'];
}) {
  const t = useT();
  // the answer is the kind's stored settings, which Apollo's cache puts in place of these
  const [update] = useMutation(UpdateNotificationSettingsDocument, {
    refetchQueries: [AccountPageDocument],
  });
  const change = (kind: NotificationKind, field: (typeof CHANNELS)[number][0], value: boolean) =>
    void update({ variables: { input: { kind, [field]: value } } }).catch(() => undefined);
  return (
    <View style={styles.section}>
      <Text style={common.heading} accessibilityRole="header">
        {t('account.notifications')}
      </Text>
      {settings.map(setting => {
        const label = t(`notifications.${setting.kind}`, {
          actor: '…',
          what: '…',
          amount: '…',
          reason: '…',
        });
        return (
          <View key={setting.kind} style={styles.setting}>
            <Text style={[common.text, { flex: 1 }]}>{label}</Text>
            {CHANNELS.map(([field, name]) => (
              <View key={field} style={styles.toggle}>
                <Text style={common.dim}>{t(name)}</Text>
                <Switch
                  testID={`setting-${setting.kind}-${field}`}
                  accessibilityLabel={`${label}: ${t(name)}`}
                  value={setting[field]}
                  onValueChange={value => change(setting.kind, field, value)}
                />
              </View>
            ))}
          </View>
        );
      })}
    </View>
  );
}

export function ClearHistoryButton() {
  const t = useT();
  const [clear, clearing] = useMutation(ClearWatchHistoryDocument, {
    refetchQueries: [AccountPageDocument],
  });
  return (
    <Pressable
      testID="clear-history"
      accessibilityRole="button"
      style={common.button}
      disabled={clearing.loading}
      onPress={() => void clear().catch(() => undefined)}
    >
      <Text style={common.buttonText}>{t('account.clearHistory')}</Text>
    </Pressable>
  );
}

const styles = StyleSheet.create({
  section: { gap: 10 },
  plan: {
    gap: 8,
    padding: 12,
    borderRadius: 10,
    backgroundColor: colors.surface,
    borderColor: colors.border,
    borderWidth: 1,
  },
  current: { borderColor: colors.accent },
  setting: {
    gap: 6,
    paddingVertical: 8,
    borderBottomColor: colors.border,
    borderBottomWidth: 1,
  },
  toggle: { flexDirection: 'row', alignItems: 'center', justifyContent: 'space-between' },
});
