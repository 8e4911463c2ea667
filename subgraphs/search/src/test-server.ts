import { randomUUID } from 'node:crypto';
import { startTestSubgraph } from '@vp/kit/testing';
import { search } from './definition';
import { SearchDocumentKind, SearchVisibility } from './documents/search-document.entity';
import { PostgresSearchIndex } from './documents/postgres-search-index';
import { type SearchDocumentInput } from './documents/search-port';

/** The real search subgraph on a fresh database, and an index writing to it as the consumers do. */
export async function startSearchSubgraph() {
  const subgraph = await startTestSubgraph(search);
  const index = () => new PostgresSearchIndex(subgraph.em());
  return {
    ...subgraph,
    index,
    /** Indexes documents; unspecified fields make a published PUBLIC video. */
    async add(...documents: Partial<SearchDocumentInput>[]): Promise<SearchDocumentInput[]> {
      const complete = documents.map(document => ({
        id: randomUUID(),
        kind: SearchDocumentKind.VIDEO,
        title: 'Untitled',
        visibility: SearchVisibility.PUBLIC,
        publishedAt: new Date(Date.now() - 60_000),
        ...document,
      }));
      for (const document of complete) {
        await index().upsert(document);
      }
      return complete;
    },
  };
}
