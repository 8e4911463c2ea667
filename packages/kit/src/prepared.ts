import { type EntityManager } from '@mikro-orm/postgresql';

interface PgClient {
  /** pg's own record of the statements this connection has parsed, by name. */
  connection?: { parsedStatements?: Record<string, string> };
  query(text: string, callback: (error: Error | null) => void): void;
  query(
    config: { name: string; text: string; values: unknown[] },
    callback: (error: Error | null, result: { rows: Record<string, unknown>[] }) => void,
  ): void;
}

interface KnexClient {
  acquireConnection(): Promise<PgClient>;
  releaseConnection(connection: PgClient): Promise<void>;
  emit(event: 'query', query: { sql: string; bindings: unknown[]; method: string }): boolean;
}

/**
 * Runs one hot read (`$1`-style parameters) as a named prepared statement on a pooled connection
 * of `em`'s database (the read replica when there is one, as `em.getConnection('read')`), outside
 * any transaction of `em`. PostgreSQL parses and plans it once per connection, and the request
 * skips MikroORM's and knex's query path (inlining the values into the text, a simple-protocol
 * round trip, query logging), which cost more CPU than the query itself on a request as small as
 * the session check. `name` must be unique to `text`. The rows come back as pg gives them to
 * MikroORM (its type parsers), ready for `em.map`. A statement whose table a migration has changed
 * since (a rolling deploy) is prepared again rather than failing.
 */
export async function preparedRead(
  em: EntityManager,
  name: string,
  text: string,
  values: unknown[],
): Promise<Record<string, unknown>[]> {
  const client = em.getConnection('read').getKnex().client as unknown as KnexClient;
  // told as knex tells of its own statements, so that what counts them (tests proving that
  // look-ups are batched: kit testing's takeSql) sees these too
  client.emit('query', { sql: text, bindings: values, method: 'select' });
  const connection = await client.acquireConnection();
  const run = () =>
    new Promise<Record<string, unknown>[]>((resolve, reject) => {
      connection.query({ name, text, values }, (error, result) =>
        error ? reject(error) : resolve(result.rows),
      );
    });
  try {
    try {
      return await run();
    } catch (error) {
      if (!isStalePlan(error)) {
        throw error;
      }
      // a migration changed a table this statement reads (`select *` after a column was added,
      // as in a rolling deploy): PostgreSQL refuses the plan it kept; prepare it again, once
      await new Promise<void>((resolve, reject) =>
        connection.query(`deallocate "${name.replace(/"/g, '""')}"`, error =>
          error ? reject(error) : resolve(),
        ),
      );
      delete connection.connection?.parsedStatements?.[name];
      return await run();
    }
  } finally {
    // a connection that failed is marked by knex (its 'error' listener) and dropped on next acquire;
    // the release itself is synchronous (the promise it returns is already settled)
    void client.releaseConnection(connection);
  }
}

/** PostgreSQL's "cached plan must not change result type" (feature_not_supported, 0A000). */
const isStalePlan = (error: unknown) =>
  (error as { code?: string }).code === '0A000' &&
  /cached plan must not change result type/.test((error as Error).message);
