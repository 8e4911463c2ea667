import { notFound } from '@vp/kit';
import { Ctx, Resolver, Root, type SubscribeResolverData, Subscription } from 'type-graphql';
import { requireAccount } from '../accounts/account-access';
import { User } from '../accounts/user.entity';
import { type UsersContext } from '../context';
import { SecurityAlert } from './security-alert.type';
import { SECURITY_ALERTS_TOPIC, type SecurityAlertEvent } from './security-alerts';

@Resolver(() => SecurityAlert)
export class SecurityAlertResolver {
  @Subscription(() => SecurityAlert, {
    description:
      'Security events of the signed-in account as they happen: new sign-ins, password resets, ' +
      'refresh-token reuse.',
    subscribe: async ({ context }: SubscribeResolverData<unknown, object, UsersContext>) => {
      const { user } = await requireAccount(context);
      return context.shared.pubSub.subscribe(SECURITY_ALERTS_TOPIC, user.id);
    },
  })
  async securityAlerts(
    @Root() event: SecurityAlertEvent,
    @Ctx() { em }: UsersContext,
  ): Promise<SecurityAlert> {
    const user = await em.findOne(User, { id: event.userId });
    if (!user) {
      throw notFound('The account');
    }
    return {
      id: event.id,
      kind: event.kind,
      occurredAt: new Date(event.occurredAt),
      userAgent: event.userAgent,
      ip: event.ip,
      user,
    };
  }
}
