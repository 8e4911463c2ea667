'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useEffect, useState } from 'react';
import {
  CancelSubscriptionDocument,
  ClearWatchHistoryDocument,
  MyPlanDocument,
  ResumeSubscriptionDocument,
  StartCheckoutDocument,
  UpdateNotificationSettingsDocument,
  type AccountPageQuery,
  type NotificationKind,
  type PlanTier,
} from '@vp/client/src/gql/graphql';
import { formatDate } from '@/lib/format';
import { safeNext } from './auth-forms';
import { errorOf, useGraphqlClient, useLocale, useT, useYen } from './providers';

type Plans = AccountPageQuery['plans'];
type CurrentSubscription = NonNullable<AccountPageQuery['me']['subscription']>;

const RANK: Record<PlanTier, number> = { FREE: 0, PREMIUM: 1, PREMIUM_PLUS: 2 };

/**
 * The plan and its upgrade: startCheckout opens the payment page (the sandbox on the embedded
 * platform) in a new tab; this panel watches the plan until the provider's webhook has made it so.
 */
export function PlanPanel({
  plans,
  tier: initialTier,
  subscription: initial,
  upgrade,
  next,
}: {
  plans: Plans;
  tier: PlanTier;
  subscription: CurrentSubscription | null;
  upgrade?: string;
  next?: string;
}) {
  const t = useT();
  const yen = useYen();
  const locale = useLocale();
  const client = useGraphqlClient();
  const router = useRouter();
  const [tier, setTier] = useState<PlanTier>(initialTier);
  const [subscription, setSubscription] = useState(initial);
  const [checkout, setCheckout] = useState<{ url: string; tier: PlanTier } | null>(null);
  const [welcome, setWelcome] = useState<PlanTier | null>(null);
  const [error, setError] = useState('');

  useEffect(() => {
    if (!checkout) {
      return;
    }
    const timer = setInterval(async () => {
      const { data } = await client
        .query({ query: MyPlanDocument, fetchPolicy: 'network-only' })
        .catch(() => ({ data: undefined }));
      const now = data?.me.planTier;
      if (now && RANK[now] >= RANK[checkout.tier]) {
        setTier(now);
        setSubscription(data?.me.subscription ?? null);
        setCheckout(null);
        setWelcome(now);
        router.refresh();
      }
    }, 1000);
    return () => clearInterval(timer);
  }, [checkout, client, router]);

  const start = async (planId: string, planTier: PlanTier) => {
    setError('');
    // open the tab now, while the click still counts as the viewer's (popup blockers)
    const tab = window.open('', '_blank');
    try {
      const { data } = await client.mutate({
        mutation: StartCheckoutDocument,
        variables: { planId },
      });
      const url = data?.startCheckout.url;
      if (url) {
        setCheckout({ url, tier: planTier });
        if (tab) {
          tab.opener = null;
          tab.location.href = url;
        }
      }
    } catch (caught) {
      tab?.close();
      setError(errorOf(caught, t).message);
    }
  };

  const cancelOrResume = async (resume: boolean) => {
    try {
      const { data } = resume
        ? await client.mutate({ mutation: ResumeSubscriptionDocument })
        : await client.mutate({ mutation: CancelSubscriptionDocument });
      const changed =
        data && ('resumeSubscription' in data ? data.resumeSubscription : data.cancelSubscription);
      if (changed && subscription) {
        setSubscription({ ...subscription, ...changed });
      }
    } catch (caught) {
      setError(errorOf(caught, t).message);
    }
  };

  return (
    <section className="panel" aria-labelledby="plan-title">
      <h2 id="plan-title">{t('account.plan')}</h2>
      <p style={{ margin: 0 }} data-testid="current-plan" data-tier={tier}>
        {t('account.currentPlan', { plan: t(`plan.${tier}`) })}{' '}
        {subscription
          ? subscription.cancelAtPeriodEnd
            ? t('account.ends', { date: formatDate(subscription.currentPeriodEnd, locale) })
            : t('account.renews', { date: formatDate(subscription.currentPeriodEnd, locale) })
          : null}
      </p>
      {welcome ? (
        <div className="notice ok row" role="status" data-testid="upgraded">
          <strong>{t('account.upgraded', { plan: t(`plan.${welcome}`) })}</strong>
          {next ? (
            <Link className="btn small primary" href={safeNext(next)}>
              {t('common.backToWhereYouWere')}
            </Link>
          ) : null}
        </div>
      ) : null}
      {checkout ? (
        <div className="notice row" role="status">
          <span>{t('account.checkoutOpened')}</span>
          <a
            className="btn small"
            href={checkout.url}
            target="_blank"
            rel="noopener"
            data-testid="checkout-link"
          >
            {t('account.checkoutLink')}
          </a>
          <span className="dim small">{t('account.waiting')}</span>
        </div>
      ) : null}
      {error ? (
        <p className="notice error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="plans">
        {plans.map(plan => {
          const current = plan.tier === tier;
          return (
            <div key={plan.id} className={current ? 'plan current' : 'plan'} data-plan={plan.tier}>
              <strong>{t(`plan.${plan.tier}`)}</strong>
              <span className="price">{plan.priceJpy ? yen(plan.priceJpy) : yen(0)}</span>
              {plan.adultsOnly ? (
                <span className="pill adult" style={{ alignSelf: 'flex-start' }}>
                  18+
                </span>
              ) : null}
              {RANK[plan.tier] > RANK[tier] && !subscription ? (
                <button
                  type="button"
                  className={upgrade === plan.tier ? 'btn gold' : 'btn primary'}
                  onClick={() => start(plan.id, plan.tier)}
                  data-testid={`upgrade-${plan.tier}`}
                >
                  {t('account.upgrade', {
                    plan: t(`plan.${plan.tier}`),
                    price: yen(plan.priceJpy),
                  })}
                </button>
              ) : null}
              {current && subscription ? (
                <button
                  type="button"
                  className="btn ghost"
                  onClick={() => cancelOrResume(subscription.cancelAtPeriodEnd)}
                >
                  {subscription.cancelAtPeriodEnd ? t('account.resume') : t('account.cancel')}
                </button>
              ) : null}
            </div>
          );
        })}
      </div>
    </section>
  );
}

export function ClearHistoryButton() {
  const t = useT();
  const client = useGraphqlClient();
  const router = useRouter();
  return (
    <button
      type="button"
      className="btn ghost small"
      onClick={async () => {
        await client.mutate({ mutation: ClearWatchHistoryDocument });
        router.refresh();
      }}
    >
      {t('account.clearHistory')}
    </button>
  );
}

export function NotificationSettings({
  settings: initial,
}: {
  settings: { kind: NotificationKind; inApp: boolean; email: boolean }[];
}) {
  const t = useT();
  const client = useGraphqlClient();
  const [settings, setSettings] = useState(initial);
  const change = async (kind: NotificationKind, field: 'inApp' | 'email', value: boolean) => {
    setSettings(list =>
      list.map(entry => (entry.kind === kind ? { ...entry, [field]: value } : entry)),
    );
    await client
      .mutate({
        mutation: UpdateNotificationSettingsDocument,
        variables: { input: { kind, [field]: value } },
      })
      .catch(() => undefined);
  };
  return (
    <section className="panel" aria-labelledby="notify-title">
      <h2 id="notify-title">{t('account.notifications')}</h2>
      <table className="settings">
        <thead>
          <tr>
            <th scope="col">{t('notifications.title')}</th>
            <th scope="col">{t('account.inApp')}</th>
            <th scope="col">{t('account.byEmail')}</th>
          </tr>
        </thead>
        <tbody>
          {settings.map(setting => {
            const label = t(`notifications.${setting.kind}`, {
              actor: '…',
              what: '…',
              amount: '…',
              reason: '…',
            });
            return (
              <tr key={setting.kind}>
                <th scope="row" style={{ fontWeight: 400 }}>
                  {label}
                </th>
                <td>
                  <input
                    type="checkbox"
                    aria-label={`${label}: ${t('account.inApp')}`}
                    checked={setting.inApp}
                    // a moderator's notice always reaches its owner (users refuses turning it off)
                    disabled={setting.kind === 'CONTENT_TAKEN_DOWN'}
                    onChange={event => change(setting.kind, 'inApp', event.target.checked)}
                  />
                </td>
                <td>
                  <input
                    type="checkbox"
                    aria-label={`${label}: ${t('account.byEmail')}`}
                    checked={setting.email}
                    onChange={event => change(setting.kind, 'email', event.target.checked)}
                  />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
