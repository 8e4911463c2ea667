import { eventTopic, parseEmitted, UserRegistered } from '@vp/contracts';
import { type EventEnvelope } from '@vp/kit';
import PgBoss from 'pg-boss';
import { startUsers, type UsersHarness } from '../../test/harness';

// Payments learns ages from this event (adult plans); it goes out through the outbox with the sign-up.
// The producer's side of its contract test (payments' side: entitlement.consumers.test.ts).
describe('UserRegistered', () => {
  let users: UsersHarness;
  let boss: PgBoss;
  const queue = `test-listener.${eventTopic(UserRegistered)}`;

  beforeAll(async () => {
    users = await startUsers();
    boss = new PgBoss({ connectionString: users.databaseUrl, schema: 'pgboss', max: 2 });
    await boss.start();
    await boss.createQueue(queue);
    await boss.subscribe(eventTopic(UserRegistered), queue);
  });
  afterAll(async () => {
    await boss.stop({ graceful: false });
    await users.stop();
  });

  const nextEvents = async (timeoutMs = 10_000) => {
    const started = Date.now();
    while (Date.now() - started < timeoutMs) {
      const jobs = await boss.fetch<EventEnvelope<Record<string, string>>>(queue, { batchSize: 10 });
      if (jobs?.length) {
        return jobs.map(job => job.data);
      }
      await new Promise(resolve => setTimeout(resolve, 100));
    }
    return [];
  };

  it('is delivered after a sign-up, with the birth date, as its contract says', async () => {
    const account = await users.signUp({ birthDate: '2001-02-03' });
    const events = await nextEvents();
    expect(events).toHaveLength(1);
    expect(events[0].type).toBe(eventTopic(UserRegistered));
    expect(parseEmitted(UserRegistered, events[0].payload)).toEqual({
      userId: account.user.id,
      handle: account.input.handle,
      birthDate: '2001-02-03',
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
    expect(await nextEvents(1500)).toEqual([]);
  });
});
