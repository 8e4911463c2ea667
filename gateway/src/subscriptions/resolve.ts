import { print, type GraphQLFormattedError } from 'graphql';
import { HELPER_PREFIX, keyAlias, TYPENAME_ALIAS, type EntityFetch } from './plan';

type Json = Record<string, unknown>;

export interface EntitiesResponse {
  data?: { _entities?: (Json | null)[] } | null;
  errors?: GraphQLFormattedError[];
}

/** Sends one `_entities` query to a subgraph (the gateway may; clients may not). */
export type EntitiesFetcher = (
  graph: string,
  query: string,
  variables: Record<string, unknown>,
) => Promise<EntitiesResponse>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The objects at `path` under each root, through lists, skipping nulls. */
function objectsAt(roots: unknown[], path: string[]): Json[] {
  let current = roots;
  for (const key of path) {
    const next: unknown[] = [];
    for (const value of current) {
      if (isObject(value)) {
        next.push(value[key]);
      }
    }
    current = next.flatMap(value => (Array.isArray(value) ? value.flat(Infinity) : [value]));
  }
  return current.filter(isObject);
}

const printed = new WeakMap<EntityFetch, string>();

/**
 * Fills in the fields of an event that other subgraphs own: one `_entities` request per fetch for
 * all the entities it covers (deduplicated by key), then the fetches nested under those entities.
 * Returns the errors met on the way; the entities it could not fetch are left as they were.
 */
export async function resolveEntities(
  roots: unknown[],
  fetches: EntityFetch[],
  variables: Record<string, unknown>,
  fetchEntities: EntitiesFetcher,
): Promise<GraphQLFormattedError[]> {
  const errors: GraphQLFormattedError[] = [];
  await Promise.all(
    fetches.map(async fetch => {
      const targets = objectsAt(roots, fetch.path).filter(
        o => o[TYPENAME_ALIAS] === fetch.typeName,
      );
      if (targets.length === 0) {
        return;
      }
      const byKey = new Map<string, { representation: Json; targets: Json[] }>();
      for (const target of targets) {
        const representation: Json = { __typename: fetch.typeName };
        for (const keyField of fetch.keyFields) {
          representation[keyField] = target[keyAlias(keyField)];
        }
        const key = JSON.stringify(representation);
        const entry = byKey.get(key) ?? { representation, targets: [] };
        entry.targets.push(target);
        byKey.set(key, entry);
      }
      const entries = [...byKey.values()];
      let query = printed.get(fetch);
      if (!query) {
        query = print(fetch.document);
        printed.set(fetch, query);
      }
      const fetchVariables: Record<string, unknown> = {
        representations: entries.map(entry => entry.representation),
      };
      for (const variable of fetch.variableNames) {
        fetchVariables[variable] = variables[variable];
      }
      const response = await fetchEntities(fetch.graph, query, fetchVariables);
      errors.push(...(response.errors ?? []));
      const entities = response.data?._entities ?? [];
      const resolved = entries.map((_, index) => entities[index]).filter(isObject);
      // nested fetches first: they add fields to the entities, which are then copied to the targets
      if (fetch.then.length > 0 && resolved.length > 0) {
        errors.push(...(await resolveEntities(resolved, fetch.then, variables, fetchEntities)));
      }
      entries.forEach((entry, index) => {
        const entity = entities[index];
        if (isObject(entity)) {
          for (const target of entry.targets) {
            Object.assign(target, entity);
          }
        }
      });
    }),
  );
  return errors;
}

/** Removes the gateway's helper fields (`_vp_…`) from a result, in place. */
export function stripHelpers(value: unknown): unknown {
  if (Array.isArray(value)) {
    value.forEach(stripHelpers);
  } else if (isObject(value)) {
    for (const key of Object.keys(value)) {
      if (key.startsWith(HELPER_PREFIX)) {
        delete value[key];
      } else {
        stripHelpers(value[key]);
      }
    }
  }
  return value;
}
