import { type EntityManager } from '@mikro-orm/postgresql';
import { Audience, type EventEnvelope, isUuid, type Messaging } from '@vp/kit';
import { TipTargetKind } from './tip-target.entity';

/** The part of the videos subgraph's VideoPublished / VideoUpdated / VideoDeleted payload we use. */
export interface ContentEventPayload {
  id: string;
  ownerId?: string;
  audience?: string;
  visibility?: string | null;
}

const NO_OWNER = '00000000-0000-0000-0000-000000000000';

/**
 * Applies a published or updated video (or live stream) to the read model. Events arrive at least
 * once and in any order: a row only takes an event newer than the one it last applied.
 */
export async function applyContentUpserted(
  em: EntityManager,
  kind: TipTargetKind,
  event: EventEnvelope<ContentEventPayload>,
) {
  const { id, ownerId, audience, visibility } = event.payload;
  if (!isUuid(id) || !isUuid(ownerId)) {
    return; // not something a tip can point at
  }
  await em.execute(
    `insert into "payments"."tip_target" ("id", "kind", "owner_id", "audience", "visibility", "deleted", "version")
     values (?, ?, ?, ?, ?, false, ?)
     on conflict ("id") do update set
       "owner_id" = excluded."owner_id", "audience" = excluded."audience",
       "visibility" = excluded."visibility", "version" = excluded."version"
     where "tip_target"."version" < excluded."version"`,
    [id, kind, ownerId, audienceOf(audience), visibility ?? null, new Date(event.occurredAt)],
    'run',
  );
}

/** Deletion is final, whatever order the events came in: a late VideoUpdated cannot revive it. */
export async function applyContentDeleted(
  em: EntityManager,
  kind: TipTargetKind,
  event: EventEnvelope<ContentEventPayload>,
) {
  const { id, ownerId, audience } = event.payload;
  if (!isUuid(id)) {
    return;
  }
  await em.execute(
    `insert into "payments"."tip_target" ("id", "kind", "owner_id", "audience", "visibility", "deleted", "version")
     values (?, ?, ?, ?, null, true, ?)
     on conflict ("id") do update set
       "deleted" = true, "version" = greatest("tip_target"."version", excluded."version")`,
    [
      id,
      kind,
      isUuid(ownerId) ? ownerId : NO_OWNER,
      audienceOf(audience),
      new Date(event.occurredAt),
    ],
    'run',
  );
}

// Anything we do not recognise is treated as adult: the stricter provider is the safe side.
const audienceOf = (value: string | undefined) =>
  value === Audience.GENERAL ? Audience.GENERAL : Audience.ADULT;

/** Registers the consumers of the events that feed the tip targets: videos and live streams. */
export async function consumeContentEvents(messaging: Messaging) {
  const video = TipTargetKind.VIDEO;
  // A stream stays tippable while it exists (live or replayed); live streams have no visibility.
  await messaging.onEvent<ContentEventPayload>('LiveStreamChanged', (event, em) =>
    applyContentUpserted(em, TipTargetKind.LIVE_STREAM, event),
  );
  await messaging.onEvent<ContentEventPayload>('VideoPublished', (event, em) =>
    applyContentUpserted(em, video, event),
  );
  await messaging.onEvent<ContentEventPayload>('VideoUpdated', (event, em) =>
    applyContentUpserted(em, video, event),
  );
  await messaging.onEvent<ContentEventPayload>('VideoDeleted', (event, em) =>
    applyContentDeleted(em, video, event),
  );
}
