import { Client } from 'pg';
import { retryOnDeadlock } from './messaging';
import { createTestDatabase } from './testing';

/*
 * retryOnDeadlock (what Messaging wraps pg-boss's queue creation in): two transactions that lock
 * the same rows in opposite orders really deadlock here; PostgreSQL aborts one (40P01), which is
 * run again and succeeds, and both end committed. Other errors are not retried.
 */
describe('retryOnDeadlock', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  const clients: Client[] = [];
  const connect = async () => {
    const client = new Client({ connectionString: database.url });
    await client.connect();
    clients.push(client);
    return client;
  };

  beforeAll(async () => {
    database = await createTestDatabase('kit_deadlock');
    const setup = await connect();
    await setup.query('create table counter (id int primary key, n int not null)');
    await setup.query('insert into counter values (1, 0), (2, 0)');
  });

  afterAll(async () => {
    await Promise.all(clients.map(client => client.end()));
    await database.drop();
  });

  it('runs the transaction PostgreSQL aborted for a deadlock again, and both commit', async () => {
    const [a, b] = [await connect(), await connect()];
    let tries = 0;
    let bothHoldTheirFirstRow!: () => void;
    const firstRowsLocked = new Promise<void>(resolve => (bothHoldTheirFirstRow = resolve));
    let locked = 0;
    const transfer = (client: Client, first: number, second: number) =>
      retryOnDeadlock(async () => {
        tries += 1;
        await client.query('begin');
        try {
          await client.query('update counter set n = n + 1 where id = $1', [first]);
          if (++locked === 2) {
            bothHoldTheirFirstRow();
          }
          await firstRowsLocked; // each now waits for the row the other holds
          await client.query('update counter set n = n + 1 where id = $1', [second]);
          await client.query('commit');
        } catch (error) {
          await client.query('rollback');
          throw error;
        }
      });
    await Promise.all([transfer(a, 1, 2), transfer(b, 2, 1)]);
    expect(tries).toBe(3); // one of the two was aborted once and ran again
    const { rows } = await a.query('select id, n from counter order by id');
    expect(rows).toEqual([
      { id: 1, n: 2 },
      { id: 2, n: 2 },
    ]);
  });

  it('does not retry other errors', async () => {
    const client = await connect();
    let tries = 0;
    await expect(
      retryOnDeadlock(async () => {
        tries += 1;
        await client.query('select * from no_such_table');
      }),
    ).rejects.toMatchObject({ code: '42P01' });
    expect(tries).toBe(1);
  });
});
