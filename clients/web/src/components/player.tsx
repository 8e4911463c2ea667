'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import {
  LivePlaybackDocument,
  RecordViewDocument,
  VideoPlaybackDocument,
} from '@vp/client/src/gql/graphql';
import { formatDuration } from '@/lib/format';
import { EARLY_START_KEY, type EarlyStart } from './early-start';
import {
  attachHls,
  loadHlsJs,
  needsHlsJs,
  parseStoryboard,
  type AttachedSource,
  type Level,
  type StoryboardCue,
} from './hls-source';
import { Icon } from './icons';
import { useGraphqlClient, useT } from './providers';

export interface PlayerProps {
  src: string;
  /** A video's id: heartbeats (recordView) and fresh URLs when these expire. */
  videoId?: string;
  /** A live stream's id instead: live edge, no seeking back past the window. */
  streamId?: string;
  poster?: string | null;
  title: string;
  durationSeconds?: number | null;
  /** Where to resume (viewerProgress). */
  resumeAt?: number;
  storyboardVtt?: string | null;
  autoPlay?: boolean;
  /** Keyboard shortcuts on the whole page (the page's main player). */
  pageShortcuts?: boolean;
  /**
   * Still being processed (Playback.complete false): played from the start while the rest is
   * encoded; a seek past what is encoded waits for it instead of failing or jumping short.
   */
  growing?: boolean;
}

const HEARTBEAT_MS = 10_000;

const prefersHlsJs = () => new URLSearchParams(window.location.search).get('player') === 'hlsjs';

// Where this browser will need hls.js, its chunk downloads now, while the app hydrates, not after.
if (
  typeof document !== 'undefined' &&
  needsHlsJs(document.createElement('video'), { preferHlsJs: prefersHlsJs() })
) {
  void loadHlsJs().catch(() => undefined);
}

function randomSessionId() {
  return (crypto.randomUUID?.() ?? `${Date.now()}-${Math.random()}`).replace(/[^A-Za-z0-9_-]/g, '');
}

/**
 * The player of /watch and /live: HLS (native or hls.js), a quality menu from the ladder,
 * storyboard previews over the seek bar, resume, keyboard shortcuts, recordView heartbeats, and
 * for live streams a player kept within a few seconds of the live edge.
 */
export function Player(props: PlayerProps) {
  const {
    src,
    videoId,
    streamId,
    poster,
    title,
    resumeAt,
    storyboardVtt,
    autoPlay = true,
    pageShortcuts = true,
    growing = false,
  } = props;
  const live = Boolean(streamId);
  const t = useT();
  const client = useGraphqlClient();
  const box = useRef<HTMLDivElement>(null);
  const video = useRef<HTMLVideoElement>(null);
  const source = useRef<AttachedSource | null>(null);
  const [url, setUrl] = useState(src);
  const [levels, setLevels] = useState<Level[]>([]);
  const [level, setLevel] = useState(-1);
  const [paused, setPaused] = useState(true);
  const [muted, setMuted] = useState(false);
  const [volume, setVolume] = useState(1);
  const [time, setTime] = useState(resumeAt ?? 0);
  const [duration, setDuration] = useState(props.durationSeconds ?? 0);
  const [fullscreen, setFullscreen] = useState(false);
  const [needsTap, setNeedsTap] = useState(false);
  const [resumed, setResumed] = useState(Boolean(resumeAt));
  const [cues, setCues] = useState<StoryboardCue[]>([]);
  const [hover, setHover] = useState<{ x: number; time: number } | null>(null);
  const [problem, setProblem] = useState(false);
  const retries = useRef(0);
  // A seek past what is encoded so far (growing videos): where to go once it is there.
  const [pendingSeek, setPendingSeek] = useState<number | null>(null);

  // attach the stream
  useEffect(() => {
    const element = video.current;
    if (!element) {
      return;
    }
    let cancelled = false;
    const preferHlsJs = prefersHlsJs();
    const startAt = live
      ? undefined
      : (source.current ? element.currentTime : resumeAt) || undefined;
    // the page's early start script may already be playing this very source in this element
    const scope = window as unknown as Record<string, EarlyStart | undefined>;
    const early = scope[EARLY_START_KEY];
    const adopt = early?.video === element && early.src === url;
    delete scope[EARLY_START_KEY];
    if (early && !adopt) {
      // not ours after all (the server's element was replaced): it must not play on unseen
      early.dropped = true;
      void early.hls?.then(hls => hls?.destroy()).catch(() => undefined);
      early.video.pause();
      early.video.removeAttribute('src');
      early.video.load();
    }
    const attach = async () => {
      const attached = await attachHls(element, url, {
        live,
        startAt,
        growing,
        preferHlsJs,
        // the early script started either the browser's own HLS or an hls.js player
        adopt: adopt && !early.hls,
        adoptHls: adopt ? early.hls : undefined,
        onLevels: found => !cancelled && setLevels(found),
        onFatalError: async () => {
          if (cancelled || retries.current++ > 3) {
            return;
          }
          setProblem(true);
          // most often the signed URLs expired: ask for fresh ones
          const fresh = videoId
            ? (
                await client.query({
                  query: VideoPlaybackDocument,
                  variables: { id: videoId },
                  fetchPolicy: 'network-only',
                })
              ).data?.video?.playback?.hlsUrl
            : streamId
              ? (
                  await client.query({
                    query: LivePlaybackDocument,
                    variables: { id: streamId },
                    fetchPolicy: 'network-only',
                  })
                ).data?.liveStream?.playback?.hlsUrl
              : null;
          if (fresh && !cancelled) {
            setUrl(fresh);
          }
        },
      });
      if (cancelled) {
        attached.destroy();
        return;
      }
      source.current = attached;
      if (attached.adopted) {
        // what happened before hydration, which React's handlers did not see
        setPaused(element.paused);
        setMuted(element.muted);
        setVolume(element.volume);
        setTime(element.currentTime);
        if (Number.isFinite(element.duration)) {
          setDuration(element.duration);
        }
      } else if ('requestVideoFrameCallback' in element) {
        element.requestVideoFrameCallback(() => {
          performance.mark('vp:first-frame');
          setProblem(false);
        });
      }
      if (autoPlay) {
        element.play().catch(() => {
          // autoplay with sound refused: try muted, else wait for a tap
          element.muted = true;
          element.play().catch(() => setNeedsTap(true));
        });
      }
    };
    void attach();
    return () => {
      cancelled = true;
      source.current?.destroy();
      source.current = null;
    };
  }, [url, live]);

  // storyboard cues
  useEffect(() => {
    if (!storyboardVtt) {
      return;
    }
    let cancelled = false;
    fetch(storyboardVtt)
      .then(response => (response.ok ? response.text() : ''))
      .then(text => !cancelled && setCues(parseStoryboard(text, storyboardVtt)))
      .catch(() => undefined);
    return () => {
      cancelled = true;
    };
  }, [storyboardVtt]);

  // heartbeats: where the viewer is and how much they watched since the last one
  useEffect(() => {
    const element = video.current;
    if (!videoId || !element) {
      return;
    }
    const sessionId = randomSessionId();
    let watched = 0;
    let last = element.currentTime;
    const onTime = () => {
      const delta = element.currentTime - last;
      if (!element.paused && delta > 0 && delta < 2) {
        watched += delta;
      }
      last = element.currentTime;
    };
    const beat = () => {
      if (watched <= 0 && element.paused) {
        return;
      }
      const input = {
        videoId,
        sessionId,
        positionSeconds: element.currentTime,
        watchedSeconds: Math.min(600, watched),
      };
      watched = 0;
      void client
        .mutate({ mutation: RecordViewDocument, variables: { input } })
        .catch(() => undefined);
    };
    const interval = setInterval(() => !element.paused && beat(), HEARTBEAT_MS);
    const onHidden = () => document.visibilityState === 'hidden' && beat();
    element.addEventListener('timeupdate', onTime);
    element.addEventListener('pause', beat);
    element.addEventListener('ended', beat);
    document.addEventListener('visibilitychange', onHidden);
    return () => {
      beat();
      clearInterval(interval);
      element.removeEventListener('timeupdate', onTime);
      element.removeEventListener('pause', beat);
      element.removeEventListener('ended', beat);
      document.removeEventListener('visibilitychange', onHidden);
    };
  }, [videoId, client]);

  // live: keep near the edge (hls.js does it itself; the browser's own HLS needs a nudge)
  useEffect(() => {
    const element = video.current;
    if (!live || !element) {
      return;
    }
    const timer = setInterval(() => {
      if (source.current?.engine !== 'native' || element.paused || !element.seekable.length) {
        return;
      }
      const edge = element.seekable.end(element.seekable.length - 1);
      const behind = edge - element.currentTime;
      if (behind > 8) {
        element.currentTime = edge - 3;
      } else {
        element.playbackRate = behind > 4.5 ? 1.15 : 1;
      }
    }, 1000);
    return () => clearInterval(timer);
  }, [live]);

  const toggle = useCallback(() => {
    const element = video.current;
    if (!element) {
      return;
    }
    setNeedsTap(false);
    if (element.paused) {
      void element.play().catch(() => undefined);
    } else {
      element.pause();
    }
  }, []);

  /** The end of what can be played now (a growing video's encoded part), else the duration. */
  const encodedEnd = (element: HTMLVideoElement) =>
    element.seekable.length
      ? element.seekable.end(element.seekable.length - 1)
      : element.duration || 0;

  /** Seeks; on a growing video a time not encoded yet is kept and reached once it is. */
  const seekTo = useCallback(
    (target: number) => {
      const element = video.current;
      if (!element || live) {
        return;
      }
      const end = props.durationSeconds || element.duration || 0;
      const clamped = Math.max(
        0,
        Number.isFinite(end) && end > 0 ? Math.min(end - 0.1, target) : target,
      );
      if (growing && clamped > encodedEnd(element) - 0.5) {
        setPendingSeek(clamped);
        return;
      }
      setPendingSeek(null);
      element.currentTime = clamped;
    },
    [live, growing, props.durationSeconds],
  );

  const seekBy = useCallback(
    (delta: number) => {
      const element = video.current;
      if (element) {
        seekTo((pendingSeek ?? element.currentTime) + delta);
      }
    },
    [seekTo, pendingSeek],
  );

  // growing: go to a waiting seek once the encode has reached it
  useEffect(() => {
    const element = video.current;
    if (pendingSeek === null || !element) {
      return;
    }
    const timer = setInterval(() => {
      if (encodedEnd(element) - 0.5 >= pendingSeek) {
        element.currentTime = pendingSeek;
        setPendingSeek(null);
      }
    }, 500);
    return () => clearInterval(timer);
  }, [pendingSeek]);

  const toggleFullscreen = useCallback(() => {
    if (document.fullscreenElement) {
      void document.exitFullscreen();
    } else {
      void box.current?.requestFullscreen?.();
    }
  }, []);

  const toggleMute = useCallback(() => {
    const element = video.current;
    if (element) {
      element.muted = !element.muted;
      if (!element.muted && element.volume === 0) {
        element.volume = 0.5;
      }
    }
  }, []);

  // keyboard shortcuts
  useEffect(() => {
    const target: HTMLElement | Document | null = pageShortcuts ? document : box.current;
    if (!target) {
      return;
    }
    const onKey = (event: Event) => {
      const key = event as KeyboardEvent;
      const active = document.activeElement as HTMLElement | null;
      if (key.ctrlKey || key.metaKey || key.altKey) {
        return;
      }
      if (
        active &&
        (active.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(active.tagName))
      ) {
        return;
      }
      // a focused button keeps Space and Enter for itself
      if (active?.tagName === 'BUTTON' && (key.key === ' ' || key.key === 'Enter')) {
        return;
      }
      const element = video.current;
      if (!element) {
        return;
      }
      const handled = (() => {
        switch (key.key) {
          case ' ':
          case 'k':
          case 'K':
            toggle();
            return true;
          case 'j':
          case 'J':
            seekBy(-10);
            return true;
          case 'l':
          case 'L':
            seekBy(10);
            return true;
          case 'ArrowLeft':
            seekBy(-5);
            return true;
          case 'ArrowRight':
            seekBy(5);
            return true;
          case 'ArrowUp':
            element.volume = Math.min(1, element.volume + 0.1);
            return true;
          case 'ArrowDown':
            element.volume = Math.max(0, element.volume - 0.1);
            return true;
          case 'm':
          case 'M':
            toggleMute();
            return true;
          case 'f':
          case 'F':
            toggleFullscreen();
            return true;
          default:
            if (/^[0-9]$/.test(key.key) && !live && (props.durationSeconds || element.duration)) {
              seekTo((Number(key.key) / 10) * (props.durationSeconds || element.duration));
              return true;
            }
            return false;
        }
      })();
      if (handled) {
        key.preventDefault();
      }
    };
    target.addEventListener('keydown', onKey);
    return () => target.removeEventListener('keydown', onKey);
  }, [
    pageShortcuts,
    toggle,
    seekBy,
    seekTo,
    toggleMute,
    toggleFullscreen,
    live,
    props.durationSeconds,
  ]);

  useEffect(() => {
    const onChange = () => setFullscreen(Boolean(document.fullscreenElement));
    document.addEventListener('fullscreenchange', onChange);
    return () => document.removeEventListener('fullscreenchange', onChange);
  }, []);

  const cueAt = (seconds: number) =>
    cues.find(cue => seconds >= cue.start && seconds < cue.end) ?? cues.at(-1);
  const preview = hover && cues.length ? cueAt(hover.time) : undefined;
  const shownDuration = duration || props.durationSeconds || 0;

  return (
    <div
      ref={box}
      className={paused ? 'player paused' : 'player'}
      data-testid="player"
      data-engine={source.current?.engine}
    >
      <video
        ref={video}
        poster={poster ?? undefined}
        playsInline
        crossOrigin="anonymous"
        preload="auto"
        aria-label={title}
        onClick={toggle}
        onPlay={() => setPaused(false)}
        onPause={() => setPaused(true)}
        onTimeUpdate={event => setTime(event.currentTarget.currentTime)}
        onDurationChange={event =>
          Number.isFinite(event.currentTarget.duration) && setDuration(event.currentTarget.duration)
        }
        onVolumeChange={event => {
          setMuted(event.currentTarget.muted);
          setVolume(event.currentTarget.volume);
        }}
      />
      {live ? <span className="live-badge pill live">{t('player.live')}</span> : null}
      {resumed && resumeAt ? (
        <div className="toast" role="status">
          <span>{t('player.resumed', { time: formatDuration(resumeAt) })}</span>
          <button
            type="button"
            onClick={() => {
              if (video.current) {
                video.current.currentTime = 0;
              }
              setResumed(false);
            }}
          >
            {t('player.startOver')}
          </button>
        </div>
      ) : null}
      {pendingSeek !== null ? (
        <div className="toast" role="status" data-testid="waiting-for-encode">
          {t('player.waitingForEncode')}
        </div>
      ) : growing ? (
        <div
          className="toast"
          role="status"
          style={{ top: 'auto', bottom: 70 }}
          data-testid="growing"
        >
          {t('player.growing')}
        </div>
      ) : null}
      {problem ? (
        <div className="toast" role="status" style={{ top: 'auto', bottom: 70 }}>
          {t('player.error')}
        </div>
      ) : null}
      {needsTap || (paused && time === 0 && !autoPlay) ? (
        <div className="player-overlay">
          <button type="button" className="big-play" onClick={toggle} aria-label={t('player.play')}>
            <Icon name="play" size={40} />
          </button>
        </div>
      ) : null}
      <div className="controls">
        {!live ? (
          <div
            className="seek"
            onMouseMove={event => {
              const rect = event.currentTarget.getBoundingClientRect();
              const ratio = Math.min(1, Math.max(0, (event.clientX - rect.left) / rect.width));
              setHover({ x: event.clientX - rect.left, time: ratio * shownDuration });
            }}
            onMouseLeave={() => setHover(null)}
          >
            {preview ? (
              <div
                className="preview"
                style={{
                  left: Math.min(
                    Math.max(hover!.x, preview.w / 2),
                    (box.current?.clientWidth ?? 0) - 24 - preview.w / 2,
                  ),
                  width: preview.w,
                  height: preview.h,
                  backgroundImage: `url("${preview.url}")`,
                  backgroundPosition: `-${preview.x}px -${preview.y}px`,
                }}
              >
                <span className="preview-time">{formatDuration(hover!.time)}</span>
              </div>
            ) : null}
            <label className="visually-hidden" htmlFor={`seek-${videoId ?? streamId}`}>
              {t('player.seek')}
            </label>
            <input
              id={`seek-${videoId ?? streamId}`}
              type="range"
              min={0}
              max={shownDuration || 0}
              step={0.1}
              value={Math.min(time, shownDuration || 0)}
              aria-valuetext={`${formatDuration(time)} / ${formatDuration(shownDuration)}`}
              onChange={event => seekTo(Number(event.target.value))}
            />
          </div>
        ) : null}
        <div className="controls-row">
          <button
            type="button"
            className="icon-btn"
            onClick={toggle}
            aria-label={paused ? t('player.play') : t('player.pause')}
            data-testid="play-toggle"
          >
            <Icon name={paused ? 'play' : 'pause'} />
          </button>
          <button
            type="button"
            className="icon-btn"
            onClick={toggleMute}
            aria-label={muted ? t('player.unmute') : t('player.mute')}
          >
            <Icon name={muted || volume === 0 ? 'muted' : 'volume'} />
          </button>
          <label className="visually-hidden" htmlFor={`volume-${videoId ?? streamId}`}>
            {t('player.volume')}
          </label>
          <input
            id={`volume-${videoId ?? streamId}`}
            className="volume"
            type="range"
            min={0}
            max={1}
            step={0.05}
            value={muted ? 0 : volume}
            onChange={event => {
              if (video.current) {
                video.current.volume = Number(event.target.value);
                video.current.muted = Number(event.target.value) === 0;
              }
            }}
          />
          {!live ? (
            <span className="time">
              {formatDuration(time)} / {formatDuration(shownDuration)}
            </span>
          ) : (
            <button
              type="button"
              className="btn small ghost"
              onClick={() => {
                const element = video.current;
                if (element?.seekable.length) {
                  element.currentTime = element.seekable.end(element.seekable.length - 1) - 2;
                }
              }}
            >
              {t('player.goLive')}
            </button>
          )}
          <span className="spacer" />
          {levels.length > 1 ? (
            <>
              <label className="visually-hidden" htmlFor={`quality-${videoId ?? streamId}`}>
                {t('player.quality')}
              </label>
              <select
                id={`quality-${videoId ?? streamId}`}
                value={level}
                title={t('player.quality')}
                data-testid="quality"
                onChange={event => {
                  const index = Number(event.target.value);
                  setLevel(index);
                  source.current?.setLevel(index);
                }}
              >
                <option value={-1}>{t('player.auto')}</option>
                {levels.map(entry => (
                  <option key={entry.index} value={entry.index}>
                    {entry.height}p
                  </option>
                ))}
              </select>
            </>
          ) : null}
          <button
            type="button"
            className="icon-btn"
            onClick={toggleFullscreen}
            aria-label={fullscreen ? t('player.exitFullscreen') : t('player.fullscreen')}
          >
            <Icon name="fullscreen" />
          </button>
        </div>
      </div>
    </div>
  );
}
