import { useQuery } from '@apollo/client/react';
import { StudioStatsDocument } from '@vp/client/src/gql/graphql';
import { useMemo } from 'react';
import { Bar, BarChart, CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { messageOf, useApp } from '../app';
import { Link } from '../router';
import { dailyRows, lastDays, type DayRow } from '../stats';

function Chart({ title, rows, field, color, kind }: { title: string; rows: DayRow[]; field: keyof DayRow; color: string; kind: 'line' | 'bar' }) {
  const total = rows.reduce((sum, row) => sum + Number(row[field]), 0);
  return (
    <figure className="chart">
      <figcaption>
        {title}: <strong>{Math.round(total * 100) / 100}</strong>
      </figcaption>
      <div role="img" aria-label={`${title}: ${Math.round(total * 100) / 100}`}>
        <ResponsiveContainer width="100%" height={160}>
          {kind === 'line' ? (
            <LineChart data={rows} margin={{ left: 0, right: 8, top: 8, bottom: 0 }}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey="day" tickFormatter={(day: string) => day.slice(5)} fontSize={11} />
              <YAxis fontSize={11} width={40} allowDecimals={false} />
              <Tooltip />
              <Line type="monotone" dataKey={field} stroke={color} dot={false} isAnimationActive={false} />
            </LineChart>
          ) : (
            <BarChart data={rows} margin={{ left: 0, right: 8, top: 8, bottom: 0 }}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey="day" tickFormatter={(day: string) => day.slice(5)} fontSize={11} />
              <YAxis fontSize={11} width={40} />
              <Tooltip />
              <Bar dataKey={field} fill={color} isAnimationActive={false} />
            </BarChart>
          )}
        </ResponsiveContainer>
      </div>
    </figure>
  );
}

export function DashboardPage() {
  const { t, yen } = useApp();
  const range = useMemo(() => lastDays(28), []);
  const { data, error, loading } = useQuery(StudioStatsDocument, { variables: { from: range.from, to: range.to }, fetchPolicy: 'cache-and-network' });
  const videos = data?.me.videos.edges.map(edge => edge.node) ?? [];
  const rows = dailyRows(range.all, videos, data?.me.earningEntries?.edges.map(edge => edge.node) ?? [], data?.me.followersPerDay ?? []);
  const top = [...videos]
    .map(video => ({ ...video, recent: (video.stats ?? []).reduce((sum, day) => sum + day.views, 0) }))
    .sort((a, b) => b.recent - a.recent || b.viewCount - a.viewCount)
    .slice(0, 5);
  return (
    <section>
      <h1>{t('dash.title')}</h1>
      <p className="muted">{t('dash.last28')}</p>
      {loading && !data && <p>{t('common.loading')}</p>}
      {error && <p role="alert">{messageOf(error, t)}</p>}
      {data && (
        <>
          <dl className="tiles">
            <div>
              <dt>{t('dash.followers')}</dt>
              <dd>{data.me.followerCount}</dd>
            </div>
            <div>
              <dt>{t('earn.pending')}</dt>
              <dd>{yen(data.me.earnings?.pendingJpy ?? 0)}</dd>
            </div>
            <div>
              <dt>{t('earn.lifetime')}</dt>
              <dd>{yen(data.me.earnings?.lifetimeJpy ?? 0)}</dd>
            </div>
          </dl>
          <div className="charts">
            <Chart title={t('dash.views')} rows={rows} field="views" color="#2563eb" kind="line" />
            <Chart title={t('dash.watchHours')} rows={rows} field="watchHours" color="#7c3aed" kind="line" />
            <Chart title={t('dash.newFollowers')} rows={rows} field="newFollowers" color="#c2410c" kind="bar" />
            <Chart title={t('dash.earnings')} rows={rows} field="earningsJpy" color="#15803d" kind="bar" />
          </div>
          <h2>{t('dash.topVideos')}</h2>
          {top.length === 0 && <p>{t('common.none')}</p>}
          <ol className="list">
            {top.map(video => (
              <li key={video.id}>
                <Link href={`/videos/${video.id}`}>{video.title}</Link> · {t('dash.views')} {video.recent} ({video.viewCount})
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}
