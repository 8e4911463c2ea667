import PgBoss from 'pg-boss';
import { type EventEnvelope } from '@vp/kit';
import { eventually } from '@vp/kit/testing';
import { startUsers, type UsersHarness } from '../../test/harness';

// Payments learns ages from this event (adult plans); it goes out through the outbox with the sign-up.
describe('UserRegistered', () => {
  let users: UsersHarness;
  let boss: PgBoss;
  const queue = 'test-listener.UserRegistered';

  beforeAll(async () => {
    users = await startUsers();
    boss = new PgBoss({ connectionString: users.databaseUrl, schema: 'pgboss', max: 2 });
    await boss.start();
    await boss.createQueue(queue);
    await boss.subscribe('UserRegistered', queue);
  });
  afterAll(async () => {
    await boss.stop({ graceful: false });
    await users.stop();
  });

  const fetchEvents = async () =>
    ((await boss.fetch<EventEnvelope<Record<string, string>>>(queue, { batchSize: 10 })) ?? []).map(
      job => job.data,
    );
  const nextEvents = () =>
    eventually(fetchEvents, { until: events => events.length > 0, what: 'UserRegistered' });
  /** Once the outbox is empty every event is in pg-boss: what the queue holds then is all. */
  const allRelayed = async () => (await users.count('outbox')) === 0;

  it('is delivered after a sign-up, with the birth date', async () => {
    const account = await users.signUp({ birthDate: '2001-02-03' });
    const events = await nextEvents();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      type: 'UserRegistered',
      payload: { userId: account.user.id, handle: account.input.handle, birthDate: '2001-02-03' },
    });
  });

  it('is not sent for a refused sign-up', async () => {
    const taken = await users.signUp();
    await nextEvents(); // drain the first one
    const refused = await users.query(
      `mutation ($input: SignUpInput!) { signUp(input: $input) { user { id } } }`,
      { input: users.newAccount({ email: taken.input.email }) },
    );
    expect(refused.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    await eventually(allRelayed, { what: 'the outbox to be relayed' });
    expect(await fetchEvents()).toEqual([]);
  });
});
