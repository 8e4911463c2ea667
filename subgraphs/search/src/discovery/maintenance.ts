import { type EntityManager } from '@mikro-orm/postgresql';
import { type Logger } from '@vp/kit';
import { type ElasticsearchSearchIndex } from '../documents/elasticsearch-search-index';
import {
  type SearchDocumentKind,
  type SearchVisibility,
} from '../documents/search-document.entity';
import { purgeSnapshots } from './snapshot';

/** How many documents one signal sync sends to Elasticsearch at most. */
const SYNC_BATCH = 500;

/**
 * With Elasticsearch as the index, the view counts it sorts MOST_VIEWED and suggestions by are
 * copied from `search.signal`: each document whose count moved is written again from the
 * PostgreSQL catalog at its own version (`external_gte`, see ElasticsearchSearchIndex.refresh), so
 * a newer change or a removal already in Elasticsearch is never undone. Returns how many were sent.
 */
export async function syncSignals(
  em: EntityManager,
  elasticsearch: ElasticsearchSearchIndex,
): Promise<number> {
  const rows: {
    id: string;
    kind: SearchDocumentKind;
    owner_id: string | null;
    title: string;
    body: string;
    tags: string[];
    visibility: SearchVisibility;
    audience: 'GENERAL' | 'ADULT';
    published_at: Date | null;
    updated_at: Date;
    category_id: string | null;
    duration_seconds: number | null;
    required_plan: 'FREE' | 'PREMIUM' | 'PREMIUM_PLUS';
    live_status: 'SCHEDULED' | 'LIVE' | 'ENDED' | null;
    licences: Record<string, string> | null;
    view_count: string;
  }[] = await em.getConnection().execute(
    `select d.*, s."view_count" from "search"."signal" s
     join "search"."document" d on d."id" = s."video_id"
     where s."view_count" <> s."indexed_view_count" and d."deleted_at" is null
     limit ${SYNC_BATCH}`,
  );
  for (const row of rows) {
    await elasticsearch.refresh({
      id: row.id,
      kind: row.kind,
      ownerId: row.owner_id,
      title: row.title,
      body: row.body,
      tags: row.tags,
      visibility: row.visibility,
      audience: row.audience as never,
      publishedAt: row.published_at ? new Date(row.published_at) : null,
      updatedAt: new Date(row.updated_at),
      categoryId: row.category_id,
      durationSeconds: row.duration_seconds,
      requiredPlan: row.required_plan as never,
      liveStatus: row.live_status as never,
      licences: row.licences
        ? Object.entries(row.licences).map(([territory, endsAt]) => ({
            territories: [territory],
            startsAt: endsAt,
            endsAt,
          }))
        : null,
      viewCount: Number(row.view_count),
    });
    await em
      .getConnection()
      .execute(`update "search"."signal" set "indexed_view_count" = ? where "video_id" = ?`, [
        row.view_count,
        row.id,
      ]);
  }
  return rows.length;
}

/**
 * Periodic housekeeping while the subgraph runs: expired feed snapshots are purged, and with
 * Elasticsearch the view counts are synced. One tick at a time; failures are logged and retried
 * at the next tick.
 */
export function startMaintenance(options: {
  em: () => EntityManager;
  elasticsearch?: ElasticsearchSearchIndex;
  intervalMs: number;
  log: Logger;
}): { stop(): Promise<void> } {
  let stopped = false;
  let running: Promise<void> | undefined;
  let timer: NodeJS.Timeout | undefined;
  const tick = async () => {
    try {
      await purgeSnapshots(options.em());
      if (options.elasticsearch) {
        while (
          !stopped &&
          (await syncSignals(options.em(), options.elasticsearch)) === SYNC_BATCH
        ) {
          // more to send
        }
      }
    } catch (err) {
      options.log.warn({ err }, 'search maintenance failed; retrying at the next tick');
    }
  };
  const schedule = () => {
    if (!stopped) {
      timer = setTimeout(() => {
        running = tick().finally(schedule);
      }, options.intervalMs);
    }
  };
  schedule();
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
