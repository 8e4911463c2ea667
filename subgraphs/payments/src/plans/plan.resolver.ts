import { type BaseContext } from '@vp/kit';
import { Ctx, Query, Resolver } from 'type-graphql';
import { Plan } from './plan.entity';
import { listActivePlans, planLoader } from './plan.service';

@Resolver(() => Plan)
export class PlanResolver {
  @Query(() => [Plan], { description: 'The plans on offer, cheapest first.' })
  plans(@Ctx() { em }: BaseContext): Promise<Plan[]> {
    return listActivePlans(em);
  }
}

/** Plans are public: anyone may resolve one by id. */
export function resolvePlanReference(reference: { id: string }, context: BaseContext) {
  return planLoader(context).load(reference.id);
}
