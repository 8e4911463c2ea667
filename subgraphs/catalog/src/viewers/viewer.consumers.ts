import { type EntityManager } from '@mikro-orm/postgresql';
import { EntitlementChanged, UserRegistered } from '@vp/contracts';
import { applyEntitlementChange, type EventOf, type Messaging } from '@vp/kit';

/** Keeps the birth date the users subgraph published at sign-up (R15 titles are checked against it). */
export async function applyUserRegistered(
  event: EventOf<typeof UserRegistered>,
  em: EntityManager,
): Promise<void> {
  const { userId, birthDate } = event.payload;
  await em.execute(
    `insert into "catalog"."viewer_age" ("user_id", "birth_date") values (?, ?)
     on conflict ("user_id") do update set "birth_date" = excluded."birth_date"`,
    [userId, birthDate],
  );
}

/** What availability knows of viewers: their birth date (users) and plan and age check (payments). */
export async function consumeViewerEvents(messaging: Messaging) {
  await messaging.onEvent(UserRegistered, applyUserRegistered);
  await messaging.onEvent(EntitlementChanged, applyEntitlementChange);
}
