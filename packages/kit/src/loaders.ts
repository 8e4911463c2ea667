import { type EntityClass } from '@mikro-orm/core';
import { type EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import { mapRows } from './map-rows';
import { preparedRead } from './prepared';
import { type BaseContext } from './server';

const loaders = new WeakMap<BaseContext, Map<string, DataLoader<any, any>>>();

/**
 * One DataLoader per request and name, so `__resolveReference` and field resolvers batch their
 * look-ups into one query per type instead of one per entity.
 */
export function loaderFor<K, V>(
  context: BaseContext,
  name: string,
  batch: (keys: readonly K[]) => Promise<(V | null)[]>,
): DataLoader<K, V | null> {
  let byName = loaders.get(context);
  if (!byName) {
    byName = new Map();
    loaders.set(context, byName);
  }
  let loader = byName.get(name);
  if (!loader) {
    loader = new DataLoader<K, V | null>(batch, { maxBatchSize: 500 });
    byName.set(name, loader);
  }
  return loader as DataLoader<K, V | null>;
}

/** Orders rows found by id to match the requested ids (missing ones are null). */
export function byIds<T extends { id: string }>(ids: readonly string[], rows: T[]): (T | null)[] {
  const found = new Map(rows.map(row => [row.id, row]));
  return ids.map(id => found.get(id) ?? null);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/**
 * Ids from clients and `_entities` representations are untrusted: comparing a malformed one with
 * a uuid column is a database error (masked as INTERNAL_SERVER_ERROR). Filter with this first.
 */
export const isUuid = (value: unknown): value is string =>
  typeof value === 'string' && UUID.test(value);

/** The statement of `findByIds`, per entity and schema: built once, not per request. */
const byIdStatements = new Map<string, string>();

/**
 * Rows of an entity with a uuid primary key, by id, in one statement built once per entity and
 * schema (`select * … where id = any($1)`) and prepared once per connection, mapped into `em` as `em.find` would leave them (an
 * entity already loaded in `em` is kept as it is). For the hot look-ups by id (loaders, the session
 * check): MikroORM's query builder cost more CPU per request than the rest of such a request.
 * Malformed ids are left out.
 */
export async function findByIds<T extends object>(
  em: EntityManager,
  entity: EntityClass<T>,
  ids: readonly string[],
): Promise<T[]> {
  const wanted = [...new Set(ids.filter(isUuid))];
  if (!wanted.length) {
    return [];
  }
  const meta = em.getMetadata().get<T>(entity.name);
  const schema = meta.schema ?? String(em.config.get('schema') ?? 'public');
  const cacheKey = `${schema}.${meta.className}`;
  let statement = byIdStatements.get(cacheKey);
  if (!statement) {
    const [primaryKey] = meta.getPrimaryProps();
    statement = `select * from "${schema}"."${meta.tableName}" where "${primaryKey.fieldNames[0]}" = any($1::uuid[])`;
    byIdStatements.set(cacheKey, statement);
  }
  // prepared once per connection: knex's query path cost more CPU than these small reads
  // (every `_entities` of a video or a user comes here); only checked uuids go in the array
  const rows = await preparedRead(em, `kit.find-by-ids.${cacheKey}`, statement, [wanted]);
  return mapRows(em, entity, rows);
}
