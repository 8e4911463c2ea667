import { useQuery } from '@apollo/client/react';
import { StudioVideosDocument } from '@vp/client/src/gql/graphql';
import { messageOf, useApp } from '../app';
import { Link } from '../router';

export function VideosPage() {
  const { t } = useApp();
  const { data, loading, error } = useQuery(StudioVideosDocument, { fetchPolicy: 'cache-and-network' });
  const videos = data?.me.videos.edges.map(edge => edge.node) ?? [];
  return (
    <section>
      <h1>{t('videos.title')}</h1>
      {loading && !data && <p>{t('common.loading')}</p>}
      {error && <p role="alert">{messageOf(error, t)}</p>}
      {data && videos.length === 0 && <p>{t('common.none')}</p>}
      {videos.length > 0 && (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('videos.video')}</th>
              <th scope="col">{t('videos.status')}</th>
              <th scope="col">{t('videos.visibility')}</th>
              <th scope="col" className="num">
                {t('videos.views')}
              </th>
              <th scope="col" className="num">
                {t('videos.likes')}
              </th>
              <th scope="col" className="num">
                {t('videos.comments')}
              </th>
            </tr>
          </thead>
          <tbody>
            {videos.map(video => (
              <tr key={video.id}>
                <td>
                  <Link href={`/videos/${video.id}`}>{video.title}</Link>
                </td>
                <td>
                  {video.status}
                  {video.status === 'READY' && ` · ${video.publishedAt ? t('videos.published') : t('videos.draft')}`}
                </td>
                <td>{video.visibility}</td>
                <td className="num">{video.viewCount}</td>
                <td className="num">{video.likeCount}</td>
                <td className="num">{video.commentCount}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
