import { type EntityManager } from '@mikro-orm/postgresql';
import { Licence, LicenceTerritory } from './licences/licence.entity';
import { type Title } from './titles/title.entity';

/** Test fixtures written straight to the database (the mutations have their own tests). */

const DAY = 86_400_000;

/** Published a day ago (as publishTitle would have done). */
export function published<T extends Title>(title: T, at = new Date(Date.now() - DAY)): T {
  title.publishedAt = at;
  title.firstPublishedAt = at;
  return title;
}

/** A licence with its per-territory rows, as addLicence writes them (default: JP, a year around now). */
export function licensed(
  em: EntityManager,
  title: Title,
  territories: string[] = ['JP'],
  startsAt = new Date(Date.now() - 30 * DAY),
  endsAt = new Date(Date.now() + 365 * DAY),
): Licence {
  const licence = em.create(Licence, { title, territories, startsAt, endsAt });
  for (const territory of territories) {
    em.create(LicenceTerritory, { licence, territory, titleId: title.id, startsAt, endsAt });
  }
  return licence;
}
