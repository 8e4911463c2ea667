import { Client } from 'pg';

/** The platform's bookkeeping: rows there change on their own (relays, consumers, migrations). */
const BOOKKEEPING = new Set(['outbox', 'inbox', 'mikro_orm_migrations']);
const OWN_SCHEMAS = ['users', 'videos', 'live', 'payments', 'catalog', 'search'];

/**
 * A fingerprint of every domain table of the platform's database (an md5 of its rows, so inserts,
 * updates and deletes all show), to tell whether an operation stored anything.
 */
export class DatabaseDigest {
  private statement?: string;

  private constructor(private readonly client: Client) {}

  static async open(databaseUrl: string) {
    const client = new Client({ connectionString: databaseUrl, application_name: 'fuzz-digest' });
    // a dropped connection (a database restarted under a long bench) fails the next query, not the process
    client.on('error', () => undefined);
    await client.connect();
    return new DatabaseDigest(client);
  }

  private async prepare() {
    const { rows } = await this.client.query<{ table_schema: string; table_name: string }>(
      `select table_schema, table_name from information_schema.tables
        where table_schema = any($1) and table_type = 'BASE TABLE'
        order by 1, 2`,
      [OWN_SCHEMAS],
    );
    const tables = rows.filter(row => !BOOKKEEPING.has(row.table_name));
    this.statement = tables
      .map(
        ({ table_schema: schema, table_name: name }) =>
          `select '${schema}.${name}' as name, (select md5(coalesce(string_agg(t::text, '|' order by t::text), '')) from "${schema}"."${name}" t) as digest`,
      )
      .join(' union all ');
    return this.statement;
  }

  /** Table name → digest of its rows. */
  async take(): Promise<Map<string, string>> {
    const { rows } = await this.client.query<{ name: string; digest: string }>(
      this.statement ?? (await this.prepare()),
    );
    return new Map(rows.map(row => [row.name, row.digest]));
  }

  /** Rows waiting in any outbox: events and jobs not yet handed to pg-boss. */
  async pendingOutbox(): Promise<number> {
    const { rows } = await this.client.query<{ table_schema: string }>(
      `select table_schema from information_schema.tables where table_name = 'outbox' and table_schema = any($1)`,
      [OWN_SCHEMAS],
    );
    if (!rows.length) {
      return 0;
    }
    const counted = await this.client.query<{ n: string }>(
      `select (${rows.map(row => `(select count(*) from "${row.table_schema}".outbox)`).join(' + ')}) as n`,
    );
    return Number(counted.rows[0].n);
  }

  /** Waits (up to `timeoutMs`) for the outboxes to empty and the tables to hold still for a moment. */
  async settle(timeoutMs = 5_000): Promise<Map<string, string>> {
    const deadline = Date.now() + timeoutMs;
    let last = await this.take();
    for (;;) {
      await new Promise(resolve => setTimeout(resolve, 300));
      const now = await this.take();
      if ((sameDigest(now, last) && (await this.pendingOutbox()) === 0) || Date.now() > deadline) {
        return now;
      }
      last = now;
    }
  }

  close() {
    return this.client.end();
  }
}

/** The tables whose rows differ between two digests. */
export function changedTables(before: Map<string, string>, after: Map<string, string>): string[] {
  return [...new Set([...before.keys(), ...after.keys()])].filter(
    name => before.get(name) !== after.get(name),
  );
}

const sameDigest = (a: Map<string, string>, b: Map<string, string>) =>
  changedTables(a, b).length === 0;
