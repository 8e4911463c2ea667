import { type EntityManager } from '@mikro-orm/postgresql';
import { isUuid, type Messaging, type MikroORM } from '@vp/kit';
import { type PaymentsRuntime } from '../providers/runtime';
import { expireLapsedSubscriptions } from '../subscriptions/subscription-lifecycle';
import { AccountAge } from './account-age.entity';
import { syncEntitlement } from './entitlement.service';

/** What payments expects the users subgraph to publish at sign-up (and on a birth-date change). */
export interface UserRegisteredPayload {
  userId: string;
  birthDate: string;
}

export const EXPIRE_QUEUE = 'payments.expire-subscriptions';

export async function applyUserRegistered(
  em: EntityManager,
  payload: UserRegisteredPayload,
  graceDays: number,
) {
  if (!isUuid(payload.userId) || !/^\d{4}-\d{2}-\d{2}$/.test(payload.birthDate ?? '')) {
    return;
  }
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
  await messaging.onEvent<UserRegisteredPayload>('UserRegistered', (event, em) =>
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
