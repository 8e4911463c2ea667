import { MikroORM } from '@mikro-orm/postgresql';
import { ormConfig } from '@vp/kit';
import { createTestDatabase } from '@vp/kit/testing';
import { SUBGRAPHS } from './subgraphs';

/** What a schema holds besides the migration log: tables, views, sequences, functions, types. */
async function objectsIn(orm: MikroORM, schema: string): Promise<string[]> {
  const rows: { kind: string; name: string }[] = await orm.em.getConnection().execute(
    `select case c.relkind when 'r' then 'table' when 'v' then 'view' when 'm' then 'view'
                           when 'S' then 'sequence' when 'i' then 'index' else 'relation' end as kind,
            c.relname as name
       from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = ? and c.relname not like 'mikro_orm_migrations%'
     union all
     select 'function', p.proname from pg_proc p join pg_namespace n on n.oid = p.pronamespace
      where n.nspname = ?
     union all
     select 'type', t.typname from pg_type t join pg_namespace n on n.oid = t.typnamespace
      where n.nspname = ? and t.typtype in ('e', 'd') `,
    [schema, schema, schema],
  );
  return rows.map(row => `${row.kind} ${row.name}`).sort();
}

/** Every column of the schema's tables with its type, nullability and default. */
async function columnsIn(orm: MikroORM, schema: string): Promise<string[]> {
  const rows: Record<string, string>[] = await orm.em.getConnection().execute(
    `select table_name, column_name, data_type, is_nullable, coalesce(column_default, '') as column_default
       from information_schema.columns where table_schema = ? and table_name <> 'mikro_orm_migrations'`,
    [schema],
  );
  return rows.map(row => Object.values(row).join(' ')).sort();
}

// Every subgraph's migrations, each on a fresh database: all applied,
// all rolled back (its schema left with nothing but the migration log), all applied again.
describe.each(SUBGRAPHS.map(({ definition }) => [definition.name, definition] as const))(
  'the %s migrations',
  (_name, definition) => {
    let database: Awaited<ReturnType<typeof createTestDatabase>>;
    let orm: MikroORM;

    beforeAll(async () => {
      database = await createTestDatabase(`migrations_${definition.name}`);
      orm = await MikroORM.init(
        ormConfig({ ...definition, schema: definition.dbSchema, databaseUrl: database.url }),
      );
    });
    afterAll(async () => {
      await orm?.close();
      await database?.drop();
    });

    it('each have a down()', () => {
      for (const migration of definition.migrations) {
        const own = Object.getOwnPropertyNames(
          (migration as { class: { prototype: object } }).class.prototype,
        );
        expect([migration.name, own.includes('down')]).toEqual([migration.name, true]);
      }
    });

    it('apply, roll back to an empty schema, and apply again to the same schema', async () => {
      const migrator = orm.getMigrator();
      await migrator.up();
      expect(await migrator.getPendingMigrations()).toEqual([]);
      const objects = await objectsIn(orm, definition.dbSchema);
      const columns = await columnsIn(orm, definition.dbSchema);
      expect(objects.length).toBeGreaterThan(0);

      await migrator.down({ to: 0 });
      expect(await migrator.getExecutedMigrations()).toEqual([]);
      expect(await objectsIn(orm, definition.dbSchema)).toEqual([]);

      await migrator.up();
      expect(await objectsIn(orm, definition.dbSchema)).toEqual(objects);
      expect(await columnsIn(orm, definition.dbSchema)).toEqual(columns);
    });
  },
);
