import { randomUUID } from 'node:crypto';
import { EntitlementChanged, UserRegistered } from '@vp/contracts';
import { ViewerEntitlement } from '@vp/kit';
import { eventually } from '@vp/kit/testing';
import { type CatalogHarness, startCatalog } from '../test-catalog';
import { ViewerAge } from './viewer-age.entity';

jest.setTimeout(60_000);

// The consumer's side of UserRegistered (users) and EntitlementChanged (payments): what the
// catalog knows of a viewer's age and plan, for R15, R18 and plan checks.
let app: CatalogHarness;

beforeAll(async () => {
  app = await startCatalog();
});
afterAll(() => app?.stop());

it("keeps a new account's birth date from UserRegistered, once however often it comes", async () => {
  const userId = randomUUID();
  const payload = { ...UserRegistered.example, userId };
  await app.peers.emit(UserRegistered, payload);
  await app.peers.emit(UserRegistered, payload);
  await eventually(() => app.peers.deliveries('catalog', UserRegistered, { userId }), {
    until: states => states.length === 2 && states.every(state => state === 'completed'),
  });
  expect(await app.em().find(ViewerAge, { userId })).toEqual([
    expect.objectContaining({ userId, birthDate: UserRegistered.example.birthDate }),
  ]);
});

it('keeps the newest plan and age check from EntitlementChanged, whatever the order', async () => {
  const userId = randomUUID();
  await app.peers.emit(EntitlementChanged, { ...EntitlementChanged.example, userId });
  await app.peers.emit(EntitlementChanged, {
    ...EntitlementChanged.example,
    userId,
    tier: 'FREE',
    ageVerified: false,
    changedAt: '2026-03-01T00:00:00.000Z', // older than the example's
  });
  await eventually(() => app.peers.deliveries('catalog', EntitlementChanged, { userId }), {
    until: states => states.length === 2 && states.every(state => state === 'completed'),
  });
  expect(await app.em().findOne(ViewerEntitlement, { userId })).toMatchObject({
    tier: 'PREMIUM',
    ageVerified: true,
  });
});

it('dead-letters a malformed UserRegistered and stores nothing of it', async () => {
  const userId = randomUUID();
  await app.peers.emitUnchecked(UserRegistered, { userId, handle: 'x', birthDate: '01/04/1990' });
  await eventually(() => app.peers.deadLetters('catalog', UserRegistered, { userId }), {
    until: count => count === 1,
    what: 'the dead letter',
  });
  expect(await app.em().count(ViewerAge, { userId })).toBe(0);
});
