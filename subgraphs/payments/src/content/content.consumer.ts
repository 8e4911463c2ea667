import { type EntityManager } from '@mikro-orm/postgresql';
import { LiveStreamChanged, VideoDeleted, VideoPublished, VideoUpdated } from '@vp/contracts';
import { type EventOf, type Messaging } from '@vp/kit';
import { TipTargetKind } from './tip-target.entity';

/** The events that make a tip target: a video's (with its visibility) or a live stream's. */
type ContentEvent =
  EventOf<typeof VideoPublished> | EventOf<typeof VideoUpdated> | EventOf<typeof LiveStreamChanged>;

/**
 * Applies a published or updated video (or live stream) to the read model. Events arrive at least
 * once and in any order: a row only takes an event newer than the one it last applied.
 */
export async function applyContentUpserted(
  em: EntityManager,
  kind: TipTargetKind,
  event: ContentEvent,
) {
  const { id, ownerId, audience } = event.payload;
  // Live streams have no visibility: a stream stays tippable while it exists (live or replayed).
  const visibility = 'visibility' in event.payload ? event.payload.visibility : null;
  await em.execute(
    `insert into "payments"."tip_target" ("id", "kind", "owner_id", "audience", "visibility", "deleted", "version")
     values (?, ?, ?, ?, ?, false, ?)
     on conflict ("id") do update set
       "owner_id" = excluded."owner_id", "audience" = excluded."audience",
       "visibility" = excluded."visibility", "version" = excluded."version"
     where "tip_target"."version" < excluded."version"`,
    [id, kind, ownerId, audience, visibility, new Date(event.occurredAt)],
    'run',
  );
}

/** Deletion is final, whatever order the events came in: a late VideoUpdated cannot revive it. */
export async function applyContentDeleted(
  em: EntityManager,
  kind: TipTargetKind,
  event: EventOf<typeof VideoDeleted>,
) {
  const { id, ownerId, audience } = event.payload;
  await em.execute(
    `insert into "payments"."tip_target" ("id", "kind", "owner_id", "audience", "visibility", "deleted", "version")
     values (?, ?, ?, ?, null, true, ?)
     on conflict ("id") do update set
       "deleted" = true, "version" = greatest("tip_target"."version", excluded."version")`,
    [id, kind, ownerId, audience, new Date(event.occurredAt)],
    'run',
  );
}

/** Registers the consumers of the events that feed the tip targets: videos and live streams. */
export async function consumeContentEvents(messaging: Messaging) {
  const video = TipTargetKind.VIDEO;
  await messaging.onEvent(LiveStreamChanged, (event, em) =>
    applyContentUpserted(em, TipTargetKind.LIVE_STREAM, event),
  );
  await messaging.onEvent(VideoPublished, (event, em) => applyContentUpserted(em, video, event));
  await messaging.onEvent(VideoUpdated, (event, em) => applyContentUpserted(em, video, event));
  await messaging.onEvent(VideoDeleted, (event, em) => applyContentDeleted(em, video, event));
}
