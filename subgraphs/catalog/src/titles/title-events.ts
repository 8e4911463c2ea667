import { type EntityManager } from '@mikro-orm/postgresql';
import { type EventInput, TitleChanged } from '@vp/contracts';
import { emitEvent } from '@vp/kit';
import { Licence } from '../licences/licence.entity';
import { type Title } from './title.entity';

/** A title as TitleChanged carries it: its whole current state, every licence window included. */
export async function titleChangedPayload(
  em: EntityManager,
  title: Title,
): Promise<EventInput<typeof TitleChanged>> {
  const licences = await em.find(
    Licence,
    { title: title.id },
    { orderBy: { startsAt: 'asc', id: 'asc' } },
  );
  return {
    id: title.id,
    kind: title.kind,
    name: title.name,
    synopsis: title.synopsis,
    genres: [...title.genres],
    releaseYear: title.releaseYear,
    maturityRating: title.maturityRating,
    audience: title.audience,
    requiredPlan: title.requiredPlan,
    published: title.publishedAt !== null,
    publishedAt: title.publishedAt?.toISOString() ?? null,
    licences: licences.map(licence => ({
      territories: [...licence.territories],
      startsAt: licence.startsAt.toISOString(),
      endsAt: licence.endsAt.toISOString(),
    })),
  };
}

/**
 * Written to the outbox in the transaction of the change (call it after the change is flushed, so
 * the licences read are the new ones): search indexes the title where it is or will be licensed.
 */
export async function emitTitleChanged(em: EntityManager, title: Title) {
  emitEvent(em, TitleChanged, await titleChangedPayload(em, title));
}
