import { type EntityManager } from '@mikro-orm/postgresql';
import { type VideoMediaChanged } from '@vp/contracts';
import { type BaseContext, type EventOf, isUuid, loaderFor } from '@vp/kit';
import { VideoAsset } from './video-asset.entity';

/** Episode videos by id, batched per request (a season page's 50 episodes: one query). */
export function videoAssetLoader(context: BaseContext) {
  return loaderFor<string, VideoAsset>(context, 'VideoAsset', async ids => {
    const valid = ids.filter(isUuid);
    const rows = valid.length ? await context.em.find(VideoAsset, { videoId: { $in: valid } }) : [];
    const found = new Map(rows.map(row => [row.videoId, row]));
    return ids.map(id => found.get(id) ?? null);
  });
}

/**
 * Applies VideoMediaChanged to the read model. Deliveries come at least once and in any order: a row
 * only takes a newer change, and a deletion is final (a late READY cannot bring a video back).
 * A deleted video leaves its episodes without a video (they answer NOT_PUBLISHED).
 */
export async function applyVideoMediaChange(
  event: EventOf<typeof VideoMediaChanged>,
  em: EntityManager,
): Promise<void> {
  const media = event.payload;
  await em.execute(
    `insert into "catalog"."video_asset"
       ("video_id", "owner_id", "status", "duration_seconds", "playback_entry", "changed_at")
     values (?, ?, ?, ?, ?, ?)
     on conflict ("video_id") do update
       set "owner_id" = excluded."owner_id", "status" = excluded."status",
           "duration_seconds" = excluded."duration_seconds",
           "playback_entry" = excluded."playback_entry", "changed_at" = excluded."changed_at"
       where "video_asset"."status" <> 'DELETED'
         and "video_asset"."changed_at" < excluded."changed_at"`,
    [
      media.id,
      media.ownerId,
      media.status,
      media.durationSeconds === null ? null : Math.round(media.durationSeconds),
      media.playbackEntry,
      new Date(media.changedAt),
    ],
  );
  if (media.status === 'DELETED') {
    await em.execute(
      `update "catalog"."episode" set "video_id" = null, "updated_at" = now() where "video_id" = ?`,
      [media.id],
    );
  }
}
