import { randomUUID } from 'node:crypto';
import { type EventContract, type EventInput, eventTopic } from '@vp/contracts';
import { OutboxMessage } from '@vp/kit';
import { eventually, startTestSubgraph } from '@vp/kit/testing';
import { type SearchConfig } from './config';
import { search } from './definition';
import { recordViews } from './discovery/signals';
import { SearchDocumentKind, SearchVisibility } from './documents/search-document.entity';
import { PostgresSearchIndex } from './documents/postgres-search-index';
import { type SearchDocumentInput } from './documents/search-port';

/** The real search subgraph on a fresh database, and an index writing to it as the consumers do. */
export async function startSearchSubgraph(config: Partial<SearchConfig> = {}) {
  const subgraph = await startTestSubgraph(search, config);
  const index = () => new PostgresSearchIndex(subgraph.em());
  const inboxEntries = async (contract: EventContract, eventId: string): Promise<number> => {
    const [{ count }] = await subgraph
      .em()
      .getConnection()
      .execute(
        `select count(*)::int as "count" from "search"."inbox" where "consumer" = ? and "event_id" = ?`,
        [`search.${eventTopic(contract)}`, eventId],
      );
    return count;
  };
  const helpers = {
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
    /**
     * Emits as the producing subgraph does: a row in an outbox (here search's own database's),
     * relayed by the kit to pg-boss; `occurredAt` stamps it as if written then. Resolves with the
     * event id once this subgraph's consumer has handled it.
     */
    async emit<C extends EventContract>(
      contract: C,
      payload: EventInput<C>,
      occurredAt?: Date,
    ): Promise<string> {
      const em = subgraph.em();
      const id = randomUUID();
      em.persist(
        Object.assign(new OutboxMessage(), {
          id,
          kind: 'event',
          name: eventTopic(contract),
          // Checked against the contract as emitEvent checks it.
          payload: contract.schema.parse(payload),
          createdAt: occurredAt ?? new Date(),
        }),
      );
      await em.flush();
      await eventually(() => inboxEntries(contract, id), {
        until: count => count > 0,
        what: `${contract.name} handled`,
      });
      return id;
    },
    /** Waits until every event written so far is relayed and handled. */
    async settled() {
      await eventually(
        async () => {
          const [{ n }] = await subgraph
            .em()
            .getConnection()
            .execute(
              `select (select count(*) from "search"."outbox")
                    + (select count(*) from pgboss.job where name like 'search.%' and state in ('created', 'active', 'retry'))::int as "n"`,
            );
          return Number(n);
        },
        { until: n => n === 0, what: 'events handled' },
      );
    },
    /** Counted views as the ViewCounted consumer records them (quicker than events, for volume). */
    async views(videoId: string, viewers: string[], at: Date = new Date()) {
      await subgraph.em().transactional(em =>
        recordViews(
          em,
          viewers.map(viewerKey => ({ videoId, viewerKey, at })),
        ),
      );
    },
    inboxEntries,
  };
  return helpers;
}

export type SearchTestSubgraph = Awaited<ReturnType<typeof startSearchSubgraph>>;
