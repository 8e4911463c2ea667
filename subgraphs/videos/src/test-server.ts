import { randomUUID } from 'node:crypto';
import { startTestSubgraph } from '@vp/kit/testing';
import { videos } from './definition';
import { Video, VideoVisibility } from './videos/video.entity';

/** The real videos subgraph on a fresh database; rows are seeded directly (no mutations yet). */
export async function startVideosSubgraph() {
  const subgraph = await startTestSubgraph(videos);
  return {
    ...subgraph,
    /** Stores videos; unspecified fields get the values of a published PUBLIC video. */
    async seed(...rows: Partial<Video>[]): Promise<Video[]> {
      const em = subgraph.em();
      const stored = rows.map(row =>
        em.create(Video, {
          ownerId: randomUUID(),
          title: 'A video',
          visibility: VideoVisibility.PUBLIC,
          publishedAt: new Date(Date.now() - 60_000),
          ...row,
        } as Video),
      );
      await em.flush();
      return stored;
    },
  };
}
