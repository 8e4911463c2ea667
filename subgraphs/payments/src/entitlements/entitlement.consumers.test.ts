import { randomUUID } from 'node:crypto';
import { eventTopic, UserRegistered } from '@vp/contracts';
import { joinMessageBus } from '../ledger/ledger.testing';
import { eventually } from '@vp/kit/testing';
import { type PaymentsTest, startPaymentsTest } from '../webhooks/payments.testing';
import { AccountAge } from './account-age.entity';
import { Entitlement } from './entitlement.entity';

// UserRegistered's consumer side (the producer's: users' user-registered.test.ts): payments keeps
// the birth date the users subgraph published, for adult plans.
describe('UserRegistered (the age read model)', () => {
  let t: PaymentsTest;
  let users: Awaited<ReturnType<typeof joinMessageBus>>;
  beforeAll(async () => {
    t = await startPaymentsTest();
    users = await joinMessageBus(t.app.em(), 'users-test');
  });
  afterAll(async () => {
    await users?.stop();
    await t?.stop();
  });

  it('keeps the birth date of a new account, not yet age-verified, on the FREE plan', async () => {
    const userId = randomUUID();
    await users.messaging.publish(UserRegistered, { ...UserRegistered.example, userId });
    expect(
      await eventually(() => t.app.em().findOne(AccountAge, { userId }), { what: 'the age' }),
    ).toMatchObject({ birthDate: UserRegistered.example.birthDate, ageVerifiedAt: null });
    expect(await t.app.em().findOne(Entitlement, { userId })).toMatchObject({
      tier: 'FREE',
      ageVerified: false,
    });
  });

  it('dead-letters a malformed UserRegistered and stores nothing of it', async () => {
    const userId = randomUUID();
    await users.messaging.queue.publish(eventTopic(UserRegistered), {
      id: randomUUID(),
      type: eventTopic(UserRegistered),
      occurredAt: new Date().toISOString(),
      payload: { ...UserRegistered.example, userId, birthDate: '03/02/2001' },
    });
    const dead = `payments.${eventTopic(UserRegistered)}.dead`;
    await eventually(() => users.messaging.queue.getQueueSize(dead), {
      until: size => size === 1,
      what: 'the malformed event in the dead letters',
    });
    expect(await t.app.em().findOne(AccountAge, { userId })).toBeNull();
    expect(await t.app.em().findOne(Entitlement, { userId })).toBeNull();
  });
});
