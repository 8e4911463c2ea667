import { useApolloClient } from '@apollo/client/react';
import { StudioSetThumbnailDocument } from '@vp/client/src/gql/graphql';
import { parseStoryboard, type StoryboardCue } from '@vp/client/src/hls-source';
import { useEffect, useState } from 'react';
import { messageOf, useApp } from '../app';
import { formatDuration } from '../i18n';

/**
 * The thumbnail chosen from the storyboard the transcode drew (a sprite and its WebVTT): each tile is
 * a button showing its frame; saving asks the videos subgraph for that moment's frame at full poster
 * size (`setThumbnail`), which comes back under a new URL.
 */
export function ThumbnailPicker({ videoId, storyboard }: { videoId: string; storyboard: { imageUrl: string; vttUrl: string } }) {
  const { t } = useApp();
  const client = useApolloClient();
  const [cues, setCues] = useState<StoryboardCue[] | null>(null);
  const [chosen, setChosen] = useState<number | null>(null);
  const [saving, setSaving] = useState(false);
  const [status, setStatus] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const { vttUrl } = storyboard;
  useEffect(() => {
    let cancelled = false;
    fetch(vttUrl)
      .then(response => (response.ok ? response.text() : Promise.reject(new Error(String(response.status)))))
      .then(text => !cancelled && setCues(parseStoryboard(text, vttUrl)))
      .catch(() => !cancelled && setFailure(t('common.error')));
    return () => {
      cancelled = true;
    };
  }, [vttUrl]);
  const save = async () => {
    if (chosen === null) {
      return;
    }
    setSaving(true);
    setStatus(null);
    setFailure(null);
    try {
      await client.mutate({ mutation: StudioSetThumbnailDocument, variables: { id: videoId, atSeconds: chosen } });
      setStatus(t('video.thumbnailSaved'));
    } catch (caught) {
      setFailure(messageOf(caught, t));
    } finally {
      setSaving(false);
    }
  };
  return (
    <section aria-labelledby="thumbnail-title" className="picker">
      <h2 id="thumbnail-title">{t('video.thumbnail')}</h2>
      <p className="muted">{t('video.thumbnailHint')}</p>
      {cues === null && !failure && <p>{t('common.loading')}</p>}
      {cues && (
        <div className="frames" role="group" aria-label={t('video.frames')}>
          {cues.map(cue => (
            <button
              key={cue.start}
              type="button"
              className="frame"
              aria-pressed={chosen === cue.start}
              aria-label={t('video.frameAt', { time: formatDuration(cue.start) })}
              onClick={() => setChosen(cue.start)}
              style={{
                width: cue.w,
                height: cue.h,
                backgroundImage: `url("${storyboard.imageUrl}")`,
                backgroundPosition: `-${cue.x}px -${cue.y}px`,
              }}
            />
          ))}
        </div>
      )}
      <button type="button" disabled={chosen === null || saving} onClick={() => void save()}>
        {chosen === null ? t('video.saveThumbnail') : t('video.saveThumbnailAt', { time: formatDuration(chosen) })}
      </button>
      {status && <p role="status">{status}</p>}
      {failure && (
        <p role="alert" className="error">
          {failure}
        </p>
      )}
    </section>
  );
}
