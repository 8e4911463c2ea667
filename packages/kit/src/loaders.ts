import DataLoader from 'dataloader';
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
