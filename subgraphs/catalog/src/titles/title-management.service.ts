import { LockMode } from '@mikro-orm/core';
import { type EntityManager } from '@mikro-orm/postgresql';
import { badInput, isUuid, notFound, PlanTier } from '@vp/kit';
import { requireManager } from '../access';
import { type CatalogContext } from '../config';
import { Episode } from '../episodes/episode.entity';
import { emitTitleChanged } from './title-events';
import {
  type CreateTitleInput,
  normalizeGenres,
  planProblem,
  type UpdateTitleInput,
} from './title.inputs';
import { Title } from './title.entity';

/**
 * The title a manager changes, locked for the rest of the transaction: changes to one title (its
 * licences, seasons, episodes) run one at a time, so their checks see each other. A malformed id is
 * BAD_USER_INPUT, an unknown one NOT_FOUND.
 */
export async function lockTitle(em: EntityManager, id: string, field = 'id'): Promise<Title> {
  if (!isUuid(id)) {
    throw badInput('Not a title id.', [{ field, message: 'Not a title id.' }]);
  }
  const title = await em.findOne(Title, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
  if (!title) {
    throw notFound('The title');
  }
  return title;
}

export async function createTitle(context: CatalogContext, input: CreateTitleInput) {
  requireManager(context.viewer);
  // The input's own rule only sees a requiredPlan that was sent; left out, it is PREMIUM, which an
  // R18 title may not have (the database's check would refuse it as an internal error).
  const problem = planProblem(input.maturityRating, input.requiredPlan ?? PlanTier.PREMIUM);
  if (problem) {
    throw badInput(problem, [{ field: 'input.requiredPlan', message: problem }]);
  }
  return context.em.transactional(async em => {
    const title = em.create(Title, {
      kind: input.kind,
      name: input.name,
      synopsis: input.synopsis ?? '',
      genres: normalizeGenres(input.genres ?? []),
      releaseYear: input.releaseYear ?? null,
      maturityRating: input.maturityRating,
      requiredPlan: input.requiredPlan ?? PlanTier.PREMIUM,
    });
    await em.flush();
    await emitTitleChanged(em, title);
    return title;
  });
}

export async function updateTitle(context: CatalogContext, id: string, input: UpdateTitleInput) {
  requireManager(context.viewer);
  return context.em.transactional(async em => {
    const title = await lockTitle(em, id);
    if (input.name != null) {
      title.name = input.name;
    }
    if (input.synopsis != null) {
      title.synopsis = input.synopsis;
    }
    if (input.genres != null) {
      title.genres = normalizeGenres(input.genres);
    }
    if (input.releaseYear !== undefined) {
      title.releaseYear = input.releaseYear; // null clears it
    }
    if (input.maturityRating != null) {
      title.maturityRating = input.maturityRating;
    }
    if (input.requiredPlan != null) {
      title.requiredPlan = input.requiredPlan;
    }
    const problem = planProblem(title.maturityRating, title.requiredPlan);
    if (problem) {
      throw badInput(problem, [{ field: 'input.requiredPlan', message: problem }]);
    }
    if (input.audience && (input.audience === 'ADULT') !== (title.maturityRating === 'R18')) {
      throw badInput('ADULT exactly when the rating is R18.', [
        { field: 'input.audience', message: 'ADULT exactly when the rating is R18.' },
      ]);
    }
    title.deriveAudience();
    await em.flush();
    await emitTitleChanged(em, title);
    return title;
  });
}

/**
 * Publishes a title: from now on it is listed and plays wherever and whenever a licence covers the
 * viewer. It needs at least one episode. Publishing a published title changes nothing.
 */
export async function publishTitle(context: CatalogContext, id: string) {
  requireManager(context.viewer);
  return context.em.transactional(async em => {
    const title = await lockTitle(em, id);
    if (title.publishedAt) {
      return title;
    }
    const episodes = await em.count(Episode, { season: { title: title.id } });
    if (!episodes) {
      throw badInput('A title needs at least one episode to be published.', [
        { field: 'id', message: 'The title has no episodes.' },
      ]);
    }
    title.publishedAt = context.now;
    title.firstPublishedAt ??= context.now;
    await em.flush();
    await emitTitleChanged(em, title);
    return title;
  });
}

/** Withdraws a title: no longer listed or played (NOT_PUBLISHED), still readable by id. */
export async function unpublishTitle(context: CatalogContext, id: string) {
  requireManager(context.viewer);
  return context.em.transactional(async em => {
    const title = await lockTitle(em, id);
    if (!title.publishedAt) {
      return title;
    }
    title.publishedAt = null;
    await em.flush();
    await emitTitleChanged(em, title);
    return title;
  });
}
