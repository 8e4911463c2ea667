import { MikroORM } from '@mikro-orm/postgresql';
import { ormConfig } from './db';
import { preparedRead } from './prepared';
import { createTestDatabase, eventually } from './testing';

describe('preparedRead', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let orm: MikroORM;

  beforeAll(async () => {
    database = await createTestDatabase('kit_prepared');
    orm = await MikroORM.init({
      ...ormConfig({ schema: 'probe', databaseUrl: database.url, entities: [], migrations: [] }),
      discovery: { warnWhenNoEntities: false },
    });
  });

  afterAll(async () => {
    await orm.close();
    await database.drop();
  });

  it('answers rows with MikroORM type parsing, and again on a fresh connection once PostgreSQL ended its own', async () => {
    const em = orm.em.fork();
    const read = (n: number) =>
      preparedRead(em, 'probe.echo', 'select $1::int as n, now() as at', [n]);
    const [first] = await read(1);
    expect(first.n).toBe(1);
    // timestamptz as text, as MikroORM's own queries get it (its hydration makes the Date)
    expect(typeof first.at).toBe('string');
    expect((await read(2))[0].n).toBe(2);
    const [{ pid }] = await preparedRead(em, 'probe.pid', 'select pg_backend_pid() as pid', []);
    await orm.em
      .getConnection()
      .execute(`select pg_terminate_backend(${Number(pid)})`)
      .catch(() => undefined);
    await eventually(async () => (await read(3).catch(() => []))[0]?.n === 3, {
      what: 'a read on a fresh connection',
    });
  });

  it('prepares a statement again when a migration changed the table it reads (select *)', async () => {
    const em = orm.em.fork();
    const connection = orm.em.getConnection();
    await connection.execute('create schema if not exists probe');
    await connection.execute('create table probe.grows (id int primary key)');
    await connection.execute('insert into probe.grows values (1)');
    // one connection in turn, as a pooled one would meet the change
    const read = () => preparedRead(em, 'probe.grows', 'select * from probe.grows', []);
    const before = await Promise.all([read(), read(), read()]);
    expect(before.flat()).toEqual([{ id: 1 }, { id: 1 }, { id: 1 }]);
    await connection.execute("alter table probe.grows add column label text not null default 'a'");
    const after = await Promise.all([read(), read(), read()]);
    expect(after.flat()).toEqual([
      { id: 1, label: 'a' },
      { id: 1, label: 'a' },
      { id: 1, label: 'a' },
    ]);
    expect(await read()).toEqual([{ id: 1, label: 'a' }]);
  });
});
