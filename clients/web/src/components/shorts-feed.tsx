'use client';

import Link from 'next/link';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { NewestVideosQuery } from '@vp/client/src/gql/graphql';
import { attachHls, type AttachedSource } from './hls-source';
import { Icon } from './icons';
import { useT } from './providers';
import { LikeButton } from './watch-actions';

type Short = NewestVideosQuery['videos']['edges'][number]['node'];

function ShortItem({ short, active, muted, onUnmute }: { short: Short; active: boolean; muted: boolean; onUnmute: () => void }) {
  const t = useT();
  const video = useRef<HTMLVideoElement>(null);
  const source = useRef<AttachedSource | null>(null);

  // attach when near the screen, play only the one in view (muted until a tap), loop
  useEffect(() => {
    const element = video.current;
    if (!element || !active || !short.playback) {
      return;
    }
    let cancelled = false;
    if (!source.current) {
      void attachHls(element, short.playback.hlsUrl).then(attached => {
        if (cancelled) {
          attached.destroy();
        } else {
          source.current = attached;
          void element.play().catch(() => undefined);
        }
      });
    } else {
      void element.play().catch(() => undefined);
    }
    return () => {
      cancelled = true;
      element.pause();
    };
  }, [active, short.playback]);

  useEffect(() => () => source.current?.destroy(), []);

  useEffect(() => {
    if (video.current) {
      video.current.muted = muted;
    }
  }, [muted]);

  return (
    <section className="short" data-short-id={short.id} aria-label={short.title}>
      <div className="short-frame">
        <video ref={video} poster={short.thumbnailUrl ?? undefined} loop muted playsInline crossOrigin="anonymous" aria-label={short.title} onClick={onUnmute} />
        {muted ? (
          <button type="button" className="btn small unmute" onClick={onUnmute}>
            <Icon name="muted" size={16} /> {t('shorts.unmute')}
          </button>
        ) : null}
        <div className="short-info">
          <h2 style={{ fontSize: '1rem' }}>{short.title}</h2>
          <div className="row" style={{ marginTop: 8 }}>
            <Link href={`/@${short.owner.handle}`} className="small" style={{ fontWeight: 700 }}>
              @{short.owner.handle}
            </Link>
            <span className="spacer" style={{ flex: 1 }} />
            <LikeButton videoId={short.id} liked={short.viewerHasLiked} likes={short.likeCount} />
          </div>
        </div>
      </div>
    </section>
  );
}

/** A full-height vertical feed: swipe or scroll (snap), arrow keys; autoplay muted, tap to unmute, loop. */
export function ShortsFeed({ shorts }: { shorts: Short[] }) {
  const t = useT();
  const box = useRef<HTMLDivElement>(null);
  const [active, setActive] = useState(0);
  const [muted, setMuted] = useState(true);

  useEffect(() => {
    const element = box.current;
    if (!element) {
      return;
    }
    const observer = new IntersectionObserver(
      entries => {
        for (const entry of entries) {
          if (entry.isIntersecting && entry.intersectionRatio > 0.6) {
            setActive(Number((entry.target as HTMLElement).dataset.index));
          }
        }
      },
      { root: element, threshold: [0.6] },
    );
    element.querySelectorAll<HTMLElement>('[data-index]').forEach(child => observer.observe(child));
    return () => observer.disconnect();
  }, [shorts]);

  const go = useCallback(
    (delta: number) => {
      const target = box.current?.querySelector<HTMLElement>(`[data-index="${Math.max(0, Math.min(shorts.length - 1, active + delta))}"]`);
      target?.scrollIntoView({ behavior: 'smooth' });
    },
    [active, shorts.length],
  );

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const tag = (document.activeElement as HTMLElement | null)?.tagName;
      if (tag === 'INPUT' || tag === 'TEXTAREA') {
        return;
      }
      if (event.key === 'ArrowDown' || event.key === 'PageDown' || event.key === 'j') {
        event.preventDefault();
        go(1);
      } else if (event.key === 'ArrowUp' || event.key === 'PageUp' || event.key === 'k') {
        event.preventDefault();
        go(-1);
      } else if (event.key === 'm') {
        setMuted(value => !value);
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [go]);

  return (
    <div className="shorts" ref={box} data-testid="shorts">
      {shorts.map((short, index) => (
        <div key={short.id} data-index={index}>
          <ShortItem short={short} active={index === active} muted={muted} onUnmute={() => setMuted(value => !value)} />
        </div>
      ))}
      <div className="short-nav">
        <button type="button" className="icon-btn" style={{ background: 'var(--bg-hover)' }} onClick={() => go(-1)} aria-label={t('shorts.previous')}>
          <Icon name="up" />
        </button>
        <button type="button" className="icon-btn" style={{ background: 'var(--bg-hover)' }} onClick={() => go(1)} aria-label={t('shorts.next')}>
          <Icon name="down" />
        </button>
      </div>
    </div>
  );
}
