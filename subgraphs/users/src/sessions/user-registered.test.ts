import {
  eventTopic,
  parseEmitted,
  UserProfileChanged,
  UserRegistered,
  UserRolesChanged,
} from '@vp/contracts';
import { type EventEnvelope } from '@vp/kit';
import { eventually } from '@vp/kit/testing';
import PgBoss from 'pg-boss';
import { GOOD_PASSWORD, startUsers, type UsersHarness } from '../../test/harness';

// Payments learns ages from this event (adult plans); it goes out through the outbox with the sign-up.
// The producer's side of its contract test (payments' side: entitlement.consumers.test.ts).
describe('UserRegistered', () => {
  let users: UsersHarness;
  let boss: PgBoss;
  const queue = `test-listener.${eventTopic(UserRegistered)}`;

  const rolesQueue = `test-listener.${eventTopic(UserRolesChanged)}`;
  const profileQueue = `test-listener.${eventTopic(UserProfileChanged)}`;

  beforeAll(async () => {
    users = await startUsers();
    boss = new PgBoss({ connectionString: users.databaseUrl, schema: 'pgboss', max: 2 });
    await boss.start();
    for (const [contract, listener] of [
      [UserRegistered, queue],
      [UserRolesChanged, rolesQueue],
      [UserProfileChanged, profileQueue],
    ] as const) {
      await boss.createQueue(listener);
      await boss.subscribe(eventTopic(contract), listener);
    }
  });
  afterAll(async () => {
    await boss.stop({ graceful: false });
    await users.stop();
  });

  const fetchEvents = async (from = queue) =>
    ((await boss.fetch<EventEnvelope<Record<string, string>>>(from, { batchSize: 10 })) ?? []).map(
      job => job.data,
    );
  const nextEvents = (from = queue) =>
    eventually(() => fetchEvents(from), { until: events => events.length > 0, what: from });
  /** Once the outbox is empty every event is in pg-boss: what the queue holds then is all. */
  const allRelayed = async () => (await users.count('outbox')) === 0;

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
    await eventually(allRelayed, { what: 'the outbox to be relayed' });
    expect(await fetchEvents()).toEqual([]);
  });

  // UserRolesChanged's producer side (no subgraph consumes it yet).
  it('tells of a role change by an admin, as the contract of UserRolesChanged says', async () => {
    const member = await users.signUp();
    const admin = await users.signUp();
    await users.sql.query(`update users."user" set roles = '{VIEWER,ADMIN}' where id = $1`, [
      admin.user.id,
    ]);
    const adminToken = (await users.signIn(admin.input.email, GOOD_PASSWORD)).data.signIn
      .accessToken;
    const changed = await users.query(
      `mutation($id: ID!, $roles: [Role!]!) { setUserRoles(userId: $id, roles: $roles) { roles } }`,
      { id: member.user.id, roles: ['CREATOR', 'VIEWER'] },
      adminToken,
    );
    expect(changed.errors).toBeUndefined();
    const [event] = await nextEvents(rolesQueue);
    expect(event.type).toBe(eventTopic(UserRolesChanged));
    expect(parseEmitted(UserRolesChanged, event.payload)).toEqual({
      userId: member.user.id,
      roles: ['VIEWER', 'CREATOR'],
      previousRoles: ['VIEWER'],
    });
  });

  // UserProfileChanged's producer side (search's: src/events/channel-events.test.ts).
  it('tells of the channel name at sign-up and when the display name changes, as UserProfileChanged says', async () => {
    const account = await users.signUp();
    const ofAccount = async () =>
      (await fetchEvents(profileQueue)).filter(event => event.payload.userId === account.user.id);
    const [atSignUp] = await eventually(ofAccount, {
      until: events => events.length > 0,
      what: 'UserProfileChanged at sign-up',
    });
    expect(parseEmitted(UserProfileChanged, atSignUp.payload)).toEqual({
      userId: account.user.id,
      handle: account.input.handle,
      displayName: account.input.displayName,
      changedAt: expect.any(String),
    });
    const UPDATE = `mutation ($input: UpdateProfileInput!) { updateProfile(input: $input) { id } }`;
    await users.query(UPDATE, { input: { displayName: 'Renamed Channel' } }, account.accessToken);
    // The same name again, and a bio alone, change no channel name: nothing is sent.
    await users.query(UPDATE, { input: { displayName: 'Renamed Channel' } }, account.accessToken);
    await users.query(UPDATE, { input: { bio: 'Hello' } }, account.accessToken);
    const [renamed] = await eventually(ofAccount, {
      until: events => events.length > 0,
      what: 'UserProfileChanged after the rename',
    });
    expect(parseEmitted(UserProfileChanged, renamed.payload)).toMatchObject({
      userId: account.user.id,
      displayName: 'Renamed Channel',
    });
    await eventually(allRelayed, { what: 'the outbox to be relayed' });
    expect(await ofAccount()).toEqual([]);
  });
});
