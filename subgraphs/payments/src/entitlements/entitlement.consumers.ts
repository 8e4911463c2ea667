import { type EntityManager } from '@mikro-orm/postgresql';
import { type EventPayload, UserRegistered } from '@vp/contracts';
import { type Messaging, type MikroORM } from '@vp/kit';
import { type PaymentsRuntime } from '../providers/runtime';
import { expireLapsedSubscriptions } from '../subscriptions/subscription-lifecycle';
import { AccountAge } from './account-age.entity';
import { syncEntitlement } from './entitlement.service';

export const EXPIRE_QUEUE = 'payments.expire-subscriptions';

/** The age read model takes the birth date the users subgraph published at sign-up. */
export async function applyUserRegistered(
  em: EntityManager,
  payload: EventPayload<typeof UserRegistered>,
  graceDays: number,
) {
  await em
    .createQueryBuilder(AccountAge)
    .insert({
      userId: payload.userId,
      birthDate: payload.birthDate,
      ageVerifiedAt: null,
      updatedAt: new Date(),
    })
    .onConflict('user_id')
    .merge(['birth_date', 'updated_at'])
    .execute('run');
  await syncEntitlement(em, payload.userId, graceDays);
}

/** The age read model's consumer and the expiry job (every minute, durable, one runner at a time). */
export async function registerEntitlementMessaging(
  messaging: Messaging,
  orm: MikroORM,
  runtime: PaymentsRuntime,
) {
  await messaging.onEvent(UserRegistered, (event, em) =>
    applyUserRegistered(em, event.payload, runtime.settings.graceDays),
  );
  await messaging.defineJob(EXPIRE_QUEUE, async () => {
    await expireLapsedSubscriptions(
      orm.em.fork() as EntityManager,
      runtime.settings.graceDays,
      runtime.now(),
    );
  });
  await messaging.queue.schedule(EXPIRE_QUEUE, '* * * * *');
}
