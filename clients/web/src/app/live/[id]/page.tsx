import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { cache } from 'react';
import { LivePageDocument } from '@vp/client/src/gql/graphql';
import { Avatar } from '@/components/avatar';
import { LiveRoom } from '@/components/live-room';
import { FollowButton, FollowerCount } from '@/components/watch-actions';
import { formatDateTime } from '@/lib/format';
import { codeAt } from '@/lib/graphql-errors';
import { serverGraphql } from '@/lib/server-graphql';
import { getClientAddress, getSession, getT } from '@/lib/session';

export const dynamic = 'force-dynamic';

type Params = { params: Promise<{ id: string }> };

const loadStream = cache(async (id: string) => {
  const readAt = Date.now();
  const [session, clientAddress] = await Promise.all([getSession(), getClientAddress()]);
  const result = await serverGraphql(LivePageDocument, { id }, { token: session?.accessToken, clientAddress });
  return { ...result, readAt };
});

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { data } = await loadStream((await params).id);
  const stream = data?.liveStream;
  if (!stream) {
    return { title: 'Not found' };
  }
  return {
    title: stream.title,
    description: stream.description || stream.owner.displayName,
    openGraph: { title: stream.title, description: stream.description || stream.owner.displayName, type: 'video.other' },
  };
}

export default async function LivePage({ params }: Params) {
  const { id } = await params;
  const [{ locale, t }, { data, errors, readAt }] = await Promise.all([getT(), loadStream(id)]);
  const stream = data?.liveStream;
  if (!stream) {
    notFound();
  }
  const notice =
    stream.status === 'ENDED'
      ? t('live.ended')
      : stream.status === 'SCHEDULED'
        ? stream.scheduledAt
          ? t('live.scheduled', { when: formatDateTime(stream.scheduledAt, locale) })
          : t('live.notStarted')
        : null;
  return (
    <LiveRoom
      stream={stream}
      initialMessages={data.chatMessages.edges.map(edge => edge.node)}
      historyReadAt={readAt}
      playbackCode={codeAt(errors, ['liveStream', 'playback'])}
      notice={notice}
    >
      <h1 className="watch-title">{stream.title}</h1>
      <div className="owner-row">
        <div className="who">
          <Link href={`/@${stream.owner.handle}`} aria-hidden="true" tabIndex={-1}>
            <Avatar user={stream.owner} />
          </Link>
          <div>
            <Link href={`/@${stream.owner.handle}`} style={{ fontWeight: 700 }}>
              {stream.owner.displayName}
            </Link>
            <div className="dim small"><FollowerCount userId={stream.owner.id} followers={stream.owner.followerCount} /></div>
          </div>
          <FollowButton userId={stream.owner.id} following={stream.owner.viewerIsFollowing} followers={stream.owner.followerCount} />
        </div>
      </div>
      {stream.description ? <div className="description">{stream.description}</div> : null}
    </LiveRoom>
  );
}
