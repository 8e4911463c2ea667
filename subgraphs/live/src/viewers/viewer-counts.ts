import { type EntityManager } from '@mikro-orm/postgresql';
import { type BaseContext, type SharedState } from '@vp/kit';
import { LiveStream, LiveStreamStatus } from '../streams/live-stream.entity';

/** The presence room of a stream's viewers (one Redis sorted set when REDIS_URL is set). */
export const viewersRoom = (streamId: string) => `live:viewers:${streamId}`;

/** How long a playlist fetch keeps a player counted (the presence time-to-live is the same). */
export const PLAYLIST_VIEWER_TTL_MS = 30_000;
const TICK_MS = 1_000;

/**
 * Who a subscription counts as. Signed in: the user, so one person with chat and the count open in
 * two tabs, through any gateway and live instance, is one viewer. Anonymous: the WebSocket
 * connection on this instance. (Through the gateway, anonymous subscribers with the same document
 * share one upstream connection; players are counted by their playlist fetches instead.)
 */
export function viewerMember(context: BaseContext): string {
  if (context.viewer) {
    return `user:${context.viewer.id}`;
  }
  return `conn:${context.shared.presence.instanceId}:${context.connectionId ?? context.requestId}`;
}

type Listener = (count: number) => void;

interface WatchedStream {
  listeners: Set<Listener>;
  holds: number;
  /** Keeps counting after the last playlist fetch, for as long as that player counts. */
  keepUntil: number;
  last: number | null;
  peak: number;
}

/**
 * One per process: for each stream with viewers here, reads the shared count once a second,
 * tells local listeners when it changed and records a new peak. One presence read per instance
 * per second for all its streams, whatever the number of subscribers.
 */
export class ViewerCounts {
  private readonly streams = new Map<string, WatchedStream>();
  private timer?: NodeJS.Timeout;
  private ticking = false;

  constructor(
    private readonly shared: SharedState,
    private readonly database: () => EntityManager,
  ) {}

  private watched(streamId: string): WatchedStream {
    let stream = this.streams.get(streamId);
    if (!stream) {
      stream = { listeners: new Set(), holds: 0, keepUntil: 0, last: null, peak: 0 };
      this.streams.set(streamId, stream);
    }
    if (!this.timer) {
      this.timer = setInterval(() => void this.tick(), TICK_MS);
      this.timer.unref();
    }
    return stream;
  }

  /** Counts `member` as a viewer of the stream until the returned function is called. */
  async hold(streamId: string, member: string): Promise<() => Promise<void>> {
    this.watched(streamId).holds += 1;
    await this.shared.presence.join(viewersRoom(streamId), member);
    let released = false;
    return async () => {
      if (released) {
        return;
      }
      released = true;
      const stream = this.streams.get(streamId);
      if (stream) {
        stream.holds -= 1;
      }
      await this.shared.presence.leave(viewersRoom(streamId), member);
      this.forgetIdle();
    };
  }

  /** A player fetched the stream's playlist: it counts for the next 30 s. */
  async touch(streamId: string, member: string) {
    this.watched(streamId).keepUntil = Date.now() + PLAYLIST_VIEWER_TTL_MS;
    await this.shared.presence.touch(viewersRoom(streamId), member);
  }

  /** Calls `listener` with each new count of the stream (checked once a second). */
  listen(streamId: string, listener: Listener): () => void {
    this.watched(streamId).listeners.add(listener);
    return () => {
      this.streams.get(streamId)?.listeners.delete(listener);
      this.forgetIdle();
    };
  }

  async current(streamIds: readonly string[]): Promise<number[]> {
    return this.shared.presence.count(streamIds.map(viewersRoom));
  }

  private forgetIdle() {
    const now = Date.now();
    for (const [streamId, stream] of this.streams) {
      if (stream.holds <= 0 && stream.listeners.size === 0 && stream.keepUntil <= now) {
        this.streams.delete(streamId);
      }
    }
    if (this.streams.size === 0 && this.timer) {
      clearInterval(this.timer);
      this.timer = undefined;
    }
  }

  private async tick() {
    if (this.ticking) {
      return; // the previous read is still out (Redis slow): skip rather than pile up
    }
    this.ticking = true;
    try {
      this.forgetIdle();
      const ids = [...this.streams.keys()];
      const counts = await this.current(ids).catch(() => null);
      if (!counts) {
        return;
      }
      const peaks: [string, number][] = [];
      ids.forEach((streamId, index) => {
        const stream = this.streams.get(streamId);
        const count = counts[index];
        if (!stream || count === stream.last) {
          return;
        }
        stream.last = count;
        for (const listener of stream.listeners) {
          listener(count);
        }
        if (count > stream.peak) {
          stream.peak = count;
          peaks.push([streamId, count]);
        }
      });
      await Promise.all(peaks.map(([streamId, count]) => this.recordPeak(streamId, count)));
    } finally {
      this.ticking = false;
    }
  }

  /** Raises the stored peak of a stream on air; instances racing each keep the larger value. */
  private async recordPeak(streamId: string, count: number) {
    try {
      await this.database()
        .createQueryBuilder(LiveStream)
        .update({ peakViewerCount: count })
        .where({ id: streamId, status: LiveStreamStatus.LIVE, peakViewerCount: { $lt: count } })
        .execute();
    } catch {
      // the next higher count tries again; a missed peak write must not stop the counting
    }
  }
}

const perProcess = new WeakMap<SharedState, ViewerCounts>();

type Services = Pick<BaseContext, 'shared' | 'em'>;

/** The process's ViewerCounts (one per server, found through its shared state). */
export function viewerCountsOf({ shared, em }: Services): ViewerCounts {
  let counts = perProcess.get(shared);
  if (!counts) {
    counts = new ViewerCounts(shared, () => em.fork() as EntityManager);
    perProcess.set(shared, counts);
  }
  return counts;
}

/**
 * The seam for the live HLS route: a player fetched the stream's playlist. `viewerKey` names the
 * player: pass `user:<id>` for a signed-in viewer (so chat and player count once), else an opaque
 * per-player key (e.g. from its signed playback session).
 */
export async function recordPlaylistFetch(services: Services, streamId: string, viewerKey: string) {
  const member = viewerKey.startsWith('user:') ? viewerKey : `hls:${viewerKey}`;
  await viewerCountsOf(services).touch(streamId, member);
}
