import { badInput, isUuid, notFound } from '@vp/kit';
import { requireManager } from '../access';
import { type CatalogContext } from '../config';
import { emitTitleChanged } from '../titles/title-events';
import { lockTitle } from '../titles/title-management.service';
import { type AddLicenceInput, normalizeTerritories } from './licence.inputs';
import { Licence, LicenceTerritory } from './licence.entity';

/**
 * Adds a licence under the title's lock, so two managers licensing one title at once see each
 * other: no two windows of a title may overlap in a territory (half-open windows, so one may start
 * exactly when another ends). The change goes to search as TitleChanged in the same transaction.
 */
export async function addLicence(
  context: CatalogContext,
  input: AddLicenceInput,
): Promise<Licence> {
  requireManager(context.viewer);
  const territories = normalizeTerritories(input.territories);
  return context.em.transactional(async em => {
    const title = await lockTitle(em, input.titleId, 'input.titleId');
    const clashes: { territory: string; starts_at: Date; ends_at: Date }[] = await em.execute(
      `select territory, starts_at, ends_at from "catalog"."licence_territory"
        where title_id = ? and territory = any(?::text[]) and starts_at < ? and ? < ends_at
        order by territory, starts_at`,
      [title.id, `{${territories.join(',')}}`, input.endsAt, input.startsAt],
    );
    if (clashes.length) {
      const codes = [...new Set(clashes.map(clash => clash.territory))];
      throw badInput(
        `The title is already licensed in ${codes.join(', ')} for part of this window.`,
        [
          {
            field: 'input.territories',
            message: clashes
              .map(
                clash =>
                  `${clash.territory}: ${new Date(clash.starts_at).toISOString()} to ${new Date(clash.ends_at).toISOString()}`,
              )
              .join('; '),
          },
        ],
      );
    }
    const licence = em.create(Licence, {
      title,
      territories,
      startsAt: input.startsAt,
      endsAt: input.endsAt,
    });
    for (const territory of territories) {
      em.create(LicenceTerritory, {
        licence,
        territory,
        titleId: title.id,
        startsAt: input.startsAt,
        endsAt: input.endsAt,
      });
    }
    await em.flush();
    await emitTitleChanged(em, title);
    return licence;
  });
}

/** Removes a licence: its title stops playing (and being listed) where only it covered. */
export async function removeLicence(context: CatalogContext, id: string): Promise<boolean> {
  requireManager(context.viewer);
  if (!isUuid(id)) {
    throw badInput('Not a licence id.', [{ field: 'id', message: 'Not a licence id.' }]);
  }
  return context.em.transactional(async em => {
    const found = await em.findOne(Licence, { id });
    if (!found) {
      throw notFound('The licence');
    }
    const title = await lockTitle(em, found.title.id);
    await em.nativeDelete(Licence, { id });
    await emitTitleChanged(em, title);
    return true;
  });
}

/** A title's licences, earliest first (managers read them; viewers get `availability`). */
export function licencesOf(context: CatalogContext, titleId: string) {
  return context.em.find(Licence, { title: titleId }, { orderBy: { startsAt: 'asc', id: 'asc' } });
}
