import { randomUUID } from 'node:crypto';
import { startTestSubgraph } from '@vp/kit/testing';
import { live } from './definition';
import { LiveStream } from './streams/live-stream.entity';

/** The real live subgraph on a fresh database; rows are seeded directly (no mutations yet). */
export async function startLiveSubgraph() {
  const subgraph = await startTestSubgraph(live);
  return {
    ...subgraph,
    /** Stores streams; unspecified fields get the values of a SCHEDULED stream with no time. */
    async seed(...rows: Partial<LiveStream>[]): Promise<LiveStream[]> {
      const em = subgraph.em();
      const stored = rows.map(row =>
        em.create(LiveStream, { ownerId: randomUUID(), title: 'A stream', ...row } as LiveStream),
      );
      await em.flush();
      return stored;
    },
  };
}
