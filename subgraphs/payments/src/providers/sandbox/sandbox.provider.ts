import { type EntityManager } from '@mikro-orm/postgresql';
import { BillingCustomer } from '../../checkout/billing-customer.entity';
import { type PaymentProviderName } from '../../contracts';
import { type CheckoutProvider, type CheckoutRequest } from '../provider';
import { stripeId } from './stripe-events';

/**
 * The embedded default: checkout happens on a local page (`<publicUrl>/checkout/<id>`), which
 * then plays the provider — Stripe for general content, CCBill for adult — by posting that
 * provider's webhooks, signed the provider's way, to the same handlers the real ones reach.
 */
export class SandboxProvider implements CheckoutProvider {
  readonly mode = 'SANDBOX' as const;

  constructor(readonly name: PaymentProviderName) {}

  async createCheckout(em: EntityManager, request: CheckoutRequest) {
    if (this.name === 'STRIPE' && request.checkout.kind === 'SUBSCRIPTION') {
      // Like Stripe, a subscription belongs to the user's customer, made once.
      const known = await em.findOne(BillingCustomer, {
        userId: request.checkout.userId,
        provider: 'STRIPE',
      });
      if (!known) {
        await em
          .createQueryBuilder(BillingCustomer)
          .insert({
            userId: request.checkout.userId,
            provider: 'STRIPE',
            providerCustomerId: stripeId('cus'),
            createdAt: new Date(),
          })
          .onConflict(['user_id', 'provider'])
          .ignore()
          .execute('run');
      }
    }
    return {
      url: `${request.publicUrl}/checkout/${request.checkout.id}`,
      providerRef: this.name === 'STRIPE' ? stripeId('cs') : null,
    };
  }
}
