import { useApolloClient, useQuery } from '@apollo/client/react';
import { StudioEarningsDocument, StudioRequestWithdrawalDocument } from '@vp/client/src/gql/graphql';
import { useState, type FormEvent } from 'react';
import { messageOf, useApp } from '../app';

export function EarningsPage() {
  const { t, yen, locale } = useApp();
  const client = useApolloClient();
  const { data, error, refetch } = useQuery(StudioEarningsDocument, { fetchPolicy: 'network-only' });
  const [note, setNote] = useState<{ ok: boolean; text: string } | null>(null);
  const date = (iso: string) => new Date(iso).toLocaleString(locale === 'ja' ? 'ja-JP' : 'en-US');
  const withdraw = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const amountJpy = Number(new FormData(event.currentTarget).get('amount'));
    try {
      await client.mutate({ mutation: StudioRequestWithdrawalDocument, variables: { amountJpy } });
      setNote({ ok: true, text: t('earn.requested') });
      await refetch();
    } catch (caught) {
      setNote({ ok: false, text: messageOf(caught, t) });
    }
  };
  const earnings = data?.me.earnings;
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
      <form className="inline" onSubmit={event => void withdraw(event)}>
        <label>
          {t('earn.amountField')}
          <input name="amount" type="number" min={1000} step={1} required />
        </label>
        <button type="submit">{t('earn.withdraw')}</button>
      </form>
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
                <td>{node.kind}</td>
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
          <li key={node.id}>
            {date(node.createdAt)} · {yen(node.amountJpy)} · {node.status}
          </li>
        ))}
      </ul>
    </section>
  );
}
