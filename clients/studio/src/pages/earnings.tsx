import { useApolloClient, useQuery } from '@apollo/client/react';
import {
  StudioConnectPayoutAccountDocument,
  StudioEarningsDocument,
  StudioRequestWithdrawalDocument,
} from '@vp/client/src/gql/graphql';
import { CombinedGraphQLErrors } from '@apollo/client';
import { useEffect, useState, type FormEvent } from 'react';
import { messageOf, useApp } from '../app';
import type { Translate } from '../i18n';

/** The server's words and its code, so a creator can quote the code to support. */
function codedMessageOf(error: unknown, t: Translate): string {
  const code = CombinedGraphQLErrors.is(error) ? error.errors[0]?.extensions?.code : undefined;
  return typeof code === 'string' ? `${messageOf(error, t)} (${code})` : messageOf(error, t);
}

export function EarningsPage() {
  const { t, yen, locale } = useApp();
  const client = useApolloClient();
  const { data, error, refetch } = useQuery(StudioEarningsDocument, {
    fetchPolicy: 'network-only',
  });
  const [note, setNote] = useState<{ ok: boolean; text: string } | null>(null);
  const [connecting, setConnecting] = useState(false);
  // onboarding happens at the provider: coming back to this tab (or a tab left open) shows its outcome
  useEffect(() => {
    const again = () => {
      if (document.visibilityState === 'visible') {
        void refetch();
      }
    };
    document.addEventListener('visibilitychange', again);
    window.addEventListener('pageshow', again);
    return () => {
      document.removeEventListener('visibilitychange', again);
      window.removeEventListener('pageshow', again);
    };
  }, [refetch]);
  const connect = async () => {
    setConnecting(true);
    setNote(null);
    try {
      const result = await client.mutate({ mutation: StudioConnectPayoutAccountDocument });
      const url = result.data?.connectPayoutAccount.url;
      if (!url) {
        throw new Error(t('common.error'));
      }
      window.location.assign(url);
    } catch (caught) {
      setNote({ ok: false, text: codedMessageOf(caught, t) });
      setConnecting(false);
    }
  };
  const date = (iso: string) => new Date(iso).toLocaleString(locale === 'ja' ? 'ja-JP' : 'en-US');
  const withdraw = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const amountJpy = Number(new FormData(event.currentTarget).get('amount'));
    try {
      await client.mutate({ mutation: StudioRequestWithdrawalDocument, variables: { amountJpy } });
      setNote({ ok: true, text: t('earn.requested') });
      await refetch();
    } catch (caught) {
      setNote({ ok: false, text: codedMessageOf(caught, t) });
    }
  };
  const earnings = data?.me.earnings;
  const payoutStatus = data ? (data.me.payoutAccount?.status ?? 'NONE') : null;
  const blocked = payoutStatus !== null && payoutStatus !== 'ACTIVE';
  return (
    <section>
      <h1>{t('earn.title')}</h1>
      {error && <p role="alert">{messageOf(error, t)}</p>}
      {earnings && (
        <dl className="tiles">
          <div>
            <dt>{t('earn.available')}</dt>
            <dd data-testid="earn-available">{yen(earnings.availableJpy)}</dd>
          </div>
          <div>
            <dt>{t('earn.pending')}</dt>
            <dd data-testid="earn-pending">{yen(earnings.pendingJpy)}</dd>
          </div>
          <div>
            <dt>{t('earn.lifetime')}</dt>
            <dd data-testid="earn-lifetime">{yen(earnings.lifetimeJpy)}</dd>
          </div>
        </dl>
      )}
      {payoutStatus && (
        <section aria-labelledby="payout-title" className="payout">
          <h2 id="payout-title">{t('earn.payoutAccount')}</h2>
          <p>
            <span data-testid="payout-status" data-status={payoutStatus}>
              {t(`earn.payout.${payoutStatus}`)}
            </span>{' '}
            {payoutStatus !== 'ACTIVE' && (
              <button type="button" disabled={connecting} onClick={() => void connect()}>
                {payoutStatus === 'NONE' ? t('earn.setUpPayouts') : t('earn.updatePayouts')}
              </button>
            )}
          </p>
        </section>
      )}
      <form
        className="inline"
        onSubmit={event => void withdraw(event)}
        aria-describedby={blocked ? 'withdraw-blocked' : undefined}
      >
        <fieldset disabled={blocked}>
          <label>
            {t('earn.amountField')}
            <input name="amount" type="number" min={1000} step={1} required />
          </label>
          <button type="submit">{t('earn.withdraw')}</button>
        </fieldset>
      </form>
      {blocked && payoutStatus && (
        <p id="withdraw-blocked" data-testid="withdraw-blocked">
          {t(`earn.blocked.${payoutStatus}`)}
        </p>
      )}
      {note && (
        <p role={note.ok ? 'status' : 'alert'} className={note.ok ? undefined : 'error'}>
          {note.text}
        </p>
      )}
      <h2>{t('earn.entries')}</h2>
      {data && data.me.earningEntries?.edges.length === 0 && <p>{t('common.none')}</p>}
      {!!data?.me.earningEntries?.edges.length && (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('earn.date')}</th>
              <th scope="col">{t('earn.kind')}</th>
              <th scope="col" className="num">
                {t('earn.amount')}
              </th>
            </tr>
          </thead>
          <tbody>
            {data.me.earningEntries.edges.map(({ node }) => (
              <tr key={node.id}>
                <td>{date(node.createdAt)}</td>
                <td>{t(`earn.kind.${node.kind}`)}</td>
                <td className="num">{yen(node.amountJpy)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2>{t('earn.withdrawals')}</h2>
      {data && data.me.withdrawals?.edges.length === 0 && <p>{t('common.none')}</p>}
      <ul className="list">
        {data?.me.withdrawals?.edges.map(({ node }) => (
          <li key={node.id} data-testid="withdrawal" data-status={node.status}>
            {date(node.createdAt)} · {yen(node.amountJpy)} · {t(`earn.status.${node.status}`)}
          </li>
        ))}
      </ul>
    </section>
  );
}
