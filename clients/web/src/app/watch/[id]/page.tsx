import type { Metadata } from 'next';
import { headers } from 'next/headers';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { cache, Suspense } from 'react';
import {
  PlansDocument,
  RelatedVideosDocument,
  VideoCommentsDocument,
  WatchPageDocument,
  type PlanTier,
} from '@vp/client/src/gql/graphql';
import { Avatar } from '@/components/avatar';
import { PlanPills, SideVideoCard } from '@/components/cards';
import { Comments } from '@/components/comments';
import { Icon } from '@/components/icons';
import { earlyStartScript } from '@/components/early-start';
import { hlsConfig } from '@/components/hls-source';
import { Player } from '@/components/player';
import { FollowButton, FollowerCount, LikeButton, SaveToPlaylist, TipButton } from '@/components/watch-actions';
import { formatAgo, formatCount, formatYen } from '@/lib/format';
import { codeAt } from '@/lib/graphql-errors';
import type { Translate } from '@/lib/i18n';
import { serverGraphql } from '@/lib/server-graphql';
import { firstFilesToPreload } from '@/lib/first-segment';
import { hlsScriptPath } from '@/lib/hls-script';
import { getClientAddress, getSession, getT } from '@/lib/session';

export const dynamic = 'force-dynamic';

type Params = { params: Promise<{ id: string }> };

const loadVideo = cache(async (id: string) => {
  const [session, clientAddress] = await Promise.all([getSession(), getClientAddress()]);
  return serverGraphql(WatchPageDocument, { id }, { token: session?.accessToken, clientAddress });
});

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { id } = await params;
  const { data } = await loadVideo(id);
  const video = data?.video;
  if (!video) {
    return { title: 'Not found', robots: { index: false } };
  }
  const description = (video.description || `${video.owner.displayName}`).slice(0, 200);
  return {
    title: video.title,
    description,
    alternates: { canonical: `/watch/${video.id}` },
    openGraph: {
      type: 'video.other',
      title: video.title,
      description,
      url: `/watch/${video.id}`,
      images: video.thumbnailUrl ? [{ url: video.thumbnailUrl, alt: video.title }] : undefined,
    },
    twitter: { card: 'summary_large_image', title: video.title, description },
  };
}

/** Why the viewer cannot play, and the action that fixes it. */
async function Gate({
  code,
  requiredPlan,
  audience,
  signedIn,
  poster,
  t,
  locale,
  videoId,
  takedownReason,
}: {
  code: string | undefined;
  /** Set only for the owner (and admins) of a video a moderator took down. */
  takedownReason?: string | null;
  requiredPlan: PlanTier;
  audience: string;
  signedIn: boolean;
  poster?: string | null;
  t: Translate;
  locale: 'en' | 'ja';
  videoId: string;
}) {
  const signIn = `/sign-in?next=${encodeURIComponent(`/watch/${videoId}`)}`;
  let body: React.ReactNode;
  if (takedownReason != null) {
    body = (
      <p style={{ margin: 0 }} data-testid="taken-down">
        {t('watch.why.takenDown', { reason: takedownReason })}
      </p>
    );
  } else if (code === 'PAYMENT_REQUIRED') {
    const plans = (await serverGraphql(PlansDocument, {})).data?.plans ?? [];
    const plan = plans.find(candidate => candidate.tier === requiredPlan);
    const planName = t(`plan.${requiredPlan}`);
    body = (
      <>
        <p style={{ margin: 0, fontSize: '1.1rem', fontWeight: 650 }}>
          {t('watch.why.upgrade', { plan: planName })}
        </p>
        {signedIn ? (
          <Link
            className="btn gold"
            href={`/account?upgrade=${requiredPlan}&next=${encodeURIComponent(`/watch/${videoId}`)}`}
            data-testid="upgrade"
          >
            {t('watch.why.upgradeAction', {
              plan: planName,
              price: plan ? formatYen(plan.priceJpy, locale) : '',
            })}
          </Link>
        ) : (
          <>
            {plan ? (
              <p className="dim" style={{ margin: 0 }}>
                {t('watch.why.upgradeAction', {
                  plan: planName,
                  price: formatYen(plan.priceJpy, locale),
                })}
              </p>
            ) : null}
            <Link className="btn primary" href={signIn}>
              {t('nav.signIn')}
            </Link>
          </>
        )}
      </>
    );
  } else if (code === 'FORBIDDEN' && audience === 'ADULT') {
    body = (
      <>
        <p style={{ margin: 0 }}>{t('watch.why.age')}</p>
        {signedIn ? (
          <Link className="btn" href="/account">
            {t('nav.account')}
          </Link>
        ) : (
          <Link className="btn primary" href={signIn}>
            {t('nav.signIn')}
          </Link>
        )}
      </>
    );
  } else if (code === 'UNAUTHENTICATED' || (!signedIn && code === 'FORBIDDEN')) {
    body = (
      <>
        <p style={{ margin: 0 }}>{t('watch.why.signIn')}</p>
        <Link className="btn primary" href={signIn}>
          {t('nav.signIn')}
        </Link>
      </>
    );
  } else {
    body = (
      <p style={{ margin: 0 }}>
        {code === 'FORBIDDEN' ? t('watch.why.private') : t('watch.why.unavailable')}
      </p>
    );
  }
  return (
    <div className="player" data-testid="gate">
      {poster ? <img className="gate-poster" src={poster} alt="" /> : null}
      <div className="gate">
        <div className="gate-box">
          <span className="gate-icon" aria-hidden="true">
            <Icon name="lock" size={44} />
          </span>
          {body}
        </div>
      </div>
    </div>
  );
}

/** "Up next": co-viewing and shared tags first (discovery), then the channel's own, then the newest. */
async function UpNext({
  videoId,
  handle,
  token,
  clientAddress,
  locale,
}: {
  videoId: string;
  handle: string;
  token?: string;
  clientAddress?: string | null;
  locale: 'en' | 'ja';
}) {
  const related = await serverGraphql(
    RelatedVideosDocument,
    { id: videoId, handle },
    { token, clientAddress },
  );
  const seen = new Set([videoId]);
  const upNext = [
    ...(related.data?.video?.related.edges ?? []),
    ...(related.data?.user?.videos.edges ?? []),
    ...(related.data?.videos.edges ?? []),
  ]
    .map(edge => edge.node)
    .filter(
      candidate => candidate.kind === 'VIDEO' && !seen.has(candidate.id) && seen.add(candidate.id),
    )
    .slice(0, 12);
  return (
    <>
      {upNext.map(candidate => (
        <SideVideoCard key={candidate.id} video={candidate} locale={locale} />
      ))}
    </>
  );
}

/** The first page of comments, streamed after the player (no client query at load). */
async function CommentsSection({
  videoId,
  ownerId,
  count,
  token,
  clientAddress,
}: {
  videoId: string;
  ownerId: string;
  count: number;
  token?: string;
  clientAddress?: string | null;
}) {
  const { data } = await serverGraphql(
    VideoCommentsDocument,
    { id: videoId, sort: 'NEWEST' },
    { token, clientAddress },
  );
  return (
    <Comments
      videoId={videoId}
      ownerId={ownerId}
      count={data?.video?.commentCount ?? count}
      initial={data?.video?.comments}
    />
  );
}

function CommentsPlaceholder({ count, t }: { count: number; t: Translate }) {
  return (
    <section className="comments" aria-labelledby="comments-title">
      <div className="row" style={{ marginBottom: 12 }}>
        <h2 id="comments-title">{t('comments.title', { count })}</h2>
      </div>
      <p className="dim">{t('common.loading')}</p>
    </section>
  );
}

/** Card-shaped blanks while "Up next" streams in, so the column does not jump. */
function UpNextPlaceholder() {
  return (
    <>
      {[0, 1, 2, 3].map(index => (
        <div key={index} className="side-card" aria-hidden="true">
          <div className="thumb" />
        </div>
      ))}
    </>
  );
}

export default async function WatchPage({ params }: Params) {
  const { id } = await params;
  const [{ locale, t }, session, clientAddress, { data, errors }] = await Promise.all([
    getT(),
    getSession(),
    getClientAddress(),
    loadVideo(id),
  ]);
  const video = data?.video;
  if (!video) {
    notFound();
  }
  const progress = video.viewerProgress;
  const duration = video.durationSeconds ?? 0;
  const resumeAt =
    progress &&
    !progress.completed &&
    progress.positionSeconds > 5 &&
    progress.positionSeconds < duration - 5
      ? progress.positionSeconds
      : undefined;

  let stage: React.ReactNode;
  // A video still processing plays once its first segments exist (playback non-null, not complete).
  if (video.status !== 'READY' && !(video.status === 'PROCESSING' && video.playback)) {
    stage = (
      <div className="player">
        <div className="gate">
          <p>{video.status === 'FAILED' ? t('video.failed') : t('video.processing')}</p>
        </div>
      </div>
    );
  } else if (video.playback) {
    // the browser fetches these while it reads the HTML: the master playlist (the player's ladder,
    // and hls.js's first request) and the poster (the largest paint until the video draws)
    // (as <link> elements in the HTML: react-dom's preload() from here only reached the RSC
    // payload, read once the app's JavaScript runs). After the master, the lowest rung's playlist
    // and first segment, so that nothing waits on the one before it.
    // Only for a document request: a client-side render (the RSC payload of a navigation or a
    // refresh, whose signed URLs are new) would add a second set the player never reads.
    const documentRequest = !(await headers()).has('rsc');
    const media = !documentRequest
      ? []
      : video.playback.complete
        ? [video.playback.hlsUrl, ...(await firstFilesToPreload(video.id, video.playback.hlsUrl))]
        : [video.playback.hlsUrl];
    stage = (
      <>
        {documentRequest && video.thumbnailUrl ? (
          // crossorigin like the <video>'s, which fetches its poster in CORS mode: else the
          // browser cannot use the preload and fetches the poster twice
          <link
            rel="preload"
            as="image"
            href={video.thumbnailUrl}
            crossOrigin="anonymous"
            fetchPriority="high"
          />
        ) : null}
        {media.map(url => (
          <link
            key={url}
            rel="preload"
            as="fetch"
            href={url}
            crossOrigin="anonymous"
            fetchPriority="high"
          />
        ))}
        <Player
          key={video.id}
          src={video.playback.hlsUrl}
          videoId={video.id}
          poster={video.thumbnailUrl}
          title={video.title}
          durationSeconds={video.durationSeconds}
          resumeAt={resumeAt}
          storyboardVtt={video.storyboard?.vttUrl}
          growing={!video.playback.complete}
        />
        {/* a growing (still transcoding) upload is left to the player, which starts it at 0 */}
        {video.playback.complete ? (
          <script
            dangerouslySetInnerHTML={{
              __html: earlyStartScript(
                video.playback.hlsUrl,
                resumeAt,
                hlsScriptPath(),
                hlsConfig({ startAt: resumeAt }),
              ),
            }}
          />
        ) : null}
      </>
    );
  } else {
    stage = (
      <Gate
        code={codeAt(errors, ['video', 'playback'])}
        requiredPlan={video.requiredPlan}
        audience={video.audience}
        signedIn={Boolean(session)}
        poster={video.thumbnailUrl}
        t={t}
        locale={locale}
        videoId={video.id}
        takedownReason={video.takenDownAt ? (video.takedownReason ?? '') : null}
      />
    );
  }

  return (
    <div className="watch">
      <div>
        {stage}
        <h1 className="watch-title">{video.title}</h1>
        <div className="owner-row">
          <div className="who">
            <Link href={`/@${video.owner.handle}`} aria-hidden="true" tabIndex={-1}>
              <Avatar user={video.owner} />
            </Link>
            <div>
              <Link href={`/@${video.owner.handle}`} style={{ fontWeight: 700 }}>
                {video.owner.displayName}
              </Link>
              <div className="dim small">
                <FollowerCount userId={video.owner.id} followers={video.owner.followerCount} />
              </div>
            </div>
            <FollowButton
              userId={video.owner.id}
              following={video.owner.viewerIsFollowing}
              followers={video.owner.followerCount}
            />
          </div>
          <LikeButton videoId={video.id} liked={video.viewerHasLiked} likes={video.likeCount} />
          <SaveToPlaylist videoId={video.id} />
          <TipButton targetId={video.id} />
        </div>
        <div className="description">
          <div className="row small" style={{ fontWeight: 650, marginBottom: 6 }}>
            <span>{t('video.views', { count: formatCount(video.viewCount, locale) })}</span>
            {video.publishedAt ? <span>{formatAgo(video.publishedAt, locale)}</span> : null}
            <PlanPills
              requiredPlan={video.requiredPlan}
              audience={video.audience}
              locale={locale}
            />
          </div>
          {video.tags.length ? (
            <div className="tags">
              {video.tags.map(tag => (
                <Link key={tag} href={`/search?q=${encodeURIComponent(tag)}`}>
                  <span>#{tag}</span>
                </Link>
              ))}
            </div>
          ) : null}
          {video.description}
        </div>
        {video.status === 'READY' ? (
          <Suspense fallback={<CommentsPlaceholder count={video.commentCount} t={t} />}>
            <CommentsSection
              videoId={video.id}
              ownerId={video.owner.id}
              count={video.commentCount}
              token={session?.accessToken}
              clientAddress={clientAddress}
            />
          </Suspense>
        ) : null}
      </div>
      <aside className="watch-side" aria-labelledby="up-next">
        <h2 id="up-next">{t('video.related')}</h2>
        {/* streamed: the player and the page around it go out without waiting for these */}
        <Suspense fallback={<UpNextPlaceholder />}>
          <UpNext
            videoId={video.id}
            handle={video.owner.handle}
            token={session?.accessToken}
            clientAddress={clientAddress}
            locale={locale}
          />
        </Suspense>
      </aside>
    </div>
  );
}
