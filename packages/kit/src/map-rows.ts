import { type EntityClass, type EntityData, helper } from '@mikro-orm/core';
import { type EntityManager } from '@mikro-orm/postgresql';

/**
 * Rows read with hand-written SQL, made into entities of `em` as `em.find` makes the rows of its
 * own query: mapped by the driver and created by the entity factory (custom types converted,
 * registered in the identity map with their change-tracking snapshot). An entity `em` already
 * holds (and perhaps changed) is returned as it is, whatever the row says, as `em.find` does.
 *
 * Not `em.map`: it also validates every scalar, validates the entity, takes the snapshot a second
 * time and cascades a merge, per row; under load that was the largest part of reading a page of
 * videos by hand (bench/ops: Home reads about 60 videos and their owners).
 */
export function mapRows<T extends object>(
  em: EntityManager,
  entity: EntityClass<T>,
  rows: readonly Record<string, unknown>[],
): T[] {
  const meta = em.getMetadata().get<T>(entity.name);
  const unitOfWork = em.getUnitOfWork();
  const factory = em.getEntityFactory();
  const driver = em.getDriver();
  return rows.map(row => {
    const data = driver.mapResult(row as EntityData<T>, meta) as EntityData<T>;
    const loaded = unitOfWork.tryGetById<T>(entity.name, data as never, undefined, false);
    if (loaded && helper(loaded).__managed && helper(loaded).__initialized) {
      return loaded;
    }
    return factory.create<T>(entity.name, data, { merge: true, convertCustomTypes: true });
  });
}
