import Link from 'next/link';
import type { LiveCardFragment, TitleCardFragment, VideoCardFragment } from '@vp/client/src/gql/graphql';
import { formatAgo, formatCount, formatDuration } from '@/lib/format';
import { translator, type Locale } from '@/lib/i18n';
import { Avatar } from './avatar';

/** Cards shared by the server-rendered pages (plain components: no hooks, no client JS). */

export function PlanPills({ requiredPlan, audience, locale }: { requiredPlan: string; audience?: string; locale: Locale }) {
  const t = translator(locale);
  return (
    <>
      {requiredPlan === 'PREMIUM' ? <span className="pill premium">{t('video.premium')}</span> : null}
      {requiredPlan === 'PREMIUM_PLUS' ? <span className="pill premium">{t('video.premiumPlus')}</span> : null}
      {audience === 'ADULT' ? <span className="pill adult">{t('video.adult')}</span> : null}
    </>
  );
}

export function VideoCard({ video, locale, priority = false }: { video: VideoCardFragment; locale: Locale; priority?: boolean }) {
  const t = translator(locale);
  return (
    <article className="card">
      <Link href={`/watch/${video.id}`} className="thumb" aria-hidden="true" tabIndex={-1}>
        {video.thumbnailUrl ? (
          <img src={video.thumbnailUrl} alt="" loading={priority ? 'eager' : 'lazy'} fetchPriority={priority ? 'high' : undefined} />
        ) : (
          <span className="placeholder" aria-hidden="true">
            ▶
          </span>
        )}
        <span className="pills">
          <PlanPills requiredPlan={video.requiredPlan} audience={video.audience} locale={locale} />
        </span>
        {video.durationSeconds ? <span className="duration">{formatDuration(video.durationSeconds)}</span> : null}
      </Link>
      <div className="card-meta">
        <Link href={`/@${video.owner.handle}`} aria-label={video.owner.displayName}>
          <Avatar user={video.owner} />
        </Link>
        <div>
          <h3 className="card-title">
            <Link href={`/watch/${video.id}`}>{video.title}</Link>
          </h3>
          <div className="card-sub">
            <Link href={`/@${video.owner.handle}`}>{video.owner.displayName}</Link>
          </div>
          <div className="card-sub">
            {t('video.views', { count: formatCount(video.viewCount, locale) })}
            {video.publishedAt ? ` · ${formatAgo(video.publishedAt, locale)}` : ''}
          </div>
        </div>
      </div>
    </article>
  );
}

export function SideVideoCard({ video, locale }: { video: VideoCardFragment; locale: Locale }) {
  const t = translator(locale);
  return (
    <article className="side-card">
      <Link href={`/watch/${video.id}`} className="thumb" aria-hidden="true" tabIndex={-1}>
        {video.thumbnailUrl ? <img src={video.thumbnailUrl} alt="" loading="lazy" /> : <span className="placeholder" aria-hidden="true">▶</span>}
        {video.durationSeconds ? <span className="duration">{formatDuration(video.durationSeconds)}</span> : null}
      </Link>
      <div>
        <h3 className="card-title" style={{ fontSize: '0.92rem' }}>
          <Link href={`/watch/${video.id}`}>{video.title}</Link>
        </h3>
        <div className="card-sub">{video.owner.displayName}</div>
        <div className="card-sub">{t('video.views', { count: formatCount(video.viewCount, locale) })}</div>
      </div>
    </article>
  );
}

export function ShortCard({ video, locale }: { video: VideoCardFragment; locale: Locale }) {
  const t = translator(locale);
  return (
    <article className="card short-card">
      <Link href={`/shorts?start=${video.id}`} className="thumb" aria-hidden="true" tabIndex={-1}>
        {video.thumbnailUrl ? <img src={video.thumbnailUrl} alt="" loading="lazy" /> : <span className="placeholder" aria-hidden="true">▶</span>}
      </Link>
      <div>
        <h3 className="card-title" style={{ fontSize: '0.9rem' }}>
          <Link href={`/shorts?start=${video.id}`}>{video.title}</Link>
        </h3>
        <div className="card-sub">{t('video.views', { count: formatCount(video.viewCount, locale) })}</div>
      </div>
    </article>
  );
}

export function LiveCard({ stream, locale }: { stream: LiveCardFragment; locale: Locale }) {
  const t = translator(locale);
  const live = stream.status === 'LIVE';
  return (
    <article className="card">
      <Link href={`/live/${stream.id}`} className="thumb" aria-hidden="true" tabIndex={-1}>
        <span className="placeholder" aria-hidden="true" style={{ background: 'linear-gradient(135deg, #3b1d2a, #1b1f2e)' }}>
          ●
        </span>
        <span className="pills">
          {live ? <span className="pill live">{t('player.live')}</span> : <span className="pill muted">{t('home.upcoming')}</span>}
          <PlanPills requiredPlan={stream.requiredPlan} locale={locale} />
        </span>
        {live ? <span className="duration">{t('live.viewers', { count: formatCount(stream.viewerCount, locale) })}</span> : null}
      </Link>
      <div className="card-meta">
        <Avatar user={stream.owner} />
        <div>
          <h3 className="card-title">
            <Link href={`/live/${stream.id}`}>{stream.title}</Link>
          </h3>
          <div className="card-sub">{stream.owner.displayName}</div>
          <div className="card-sub">
            {live ? formatAgo(stream.startedAt, locale) : stream.scheduledAt ? t('live.scheduled', { when: formatAgo(stream.scheduledAt, locale) }) : ''}
          </div>
        </div>
      </div>
    </article>
  );
}

export function TitleCard({ title, locale }: { title: TitleCardFragment; locale: Locale }) {
  const t = translator(locale);
  return (
    <Link href={`/title/${title.id}`} className="title-card">
      <div className="row">
        <span className="pill muted">{title.titleKind === 'SERIES' ? t('title.series') : t('title.movie')}</span>
        <span className="pill muted">{title.maturityRating}</span>
        <PlanPills requiredPlan={title.requiredPlan} audience={title.audience} locale={locale} />
      </div>
      <h3>{title.name}</h3>
      <p className="dim small" style={{ margin: 0, display: '-webkit-box', WebkitLineClamp: 3, WebkitBoxOrient: 'vertical', overflow: 'hidden' }}>
        {title.synopsis}
      </p>
      {title.releaseYear ? <span className="dim small">{title.releaseYear}</span> : null}
    </Link>
  );
}
