import { type EntityManager } from '@mikro-orm/postgresql';
import { type BaseContext, byIds, isUuid, loaderFor } from '@vp/kit';
import { Plan } from './plan.entity';

/** Every plan on offer, cheapest first (id breaks ties so the order never changes between calls). */
export function listActivePlans(em: EntityManager): Promise<Plan[]> {
  return em.find(Plan, { active: true }, { orderBy: { priceJpy: 'asc', id: 'asc' } });
}

/** Plans by id, batched per request; retired plans resolve too (old subscriptions refer to them). */
export function planLoader(context: BaseContext) {
  return loaderFor<string, Plan>(context, 'Plan', async ids => {
    const valid = ids.filter(isUuid);
    const rows = valid.length ? await context.em.find(Plan, { id: { $in: valid } }) : [];
    return byIds(ids, rows);
  });
}
