import { randomUUID } from 'node:crypto';
import {
  Entity,
  Index,
  ManyToOne,
  OptionalProps,
  PrimaryKey,
  Property,
  type Rel,
} from '@mikro-orm/core';
import { Plan } from '../plans/plan.entity';

export type CheckoutStatus = 'OPEN' | 'COMPLETED' | 'DECLINED' | 'EXPIRED';

/**
 * One attempt to pay for a plan or a tip. Its id names the sandbox page (`/checkout/<id>`) and is
 * carried through the provider (Stripe metadata, CCBill's X- pass-through field) back to the webhook.
 */
@Entity({ tableName: 'checkout_session' })
export class CheckoutSession {
  [OptionalProps]?: 'id' | 'status' | 'createdAt' | 'plan' | 'tipId' | 'providerRef' | 'returnUrl';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Index()
  @Property({ type: 'uuid' })
  userId!: string;

  @Property({ type: 'string', length: 20 })
  kind!: 'SUBSCRIPTION' | 'TIP';

  @ManyToOne(() => Plan, { nullable: true })
  plan: Rel<Plan> | null = null;

  @Index()
  @Property({ type: 'uuid', nullable: true })
  tipId: string | null = null;

  @Property({ type: 'integer' })
  amountJpy!: number;

  @Property({ type: 'string', length: 10 })
  provider!: 'STRIPE' | 'CCBILL';

  /** SANDBOX: paid on the local page; LIVE: at the provider. */
  @Property({ type: 'string', length: 10 })
  mode!: 'SANDBOX' | 'LIVE';

  /** The provider's session id (cs_…) once it exists. */
  @Index()
  @Property({ type: 'string', length: 255, nullable: true })
  providerRef: string | null = null;

  @Property({ type: 'text' })
  url!: string;

  /**
   * Where the checkout page sends the buyer once the outcome is known (`<returnUrl>/<result>`):
   * the app's `vp://checkout` or a page of the web app, checked against the allow-list on the way in.
   */
  @Property({ type: 'text', nullable: true })
  returnUrl: string | null = null;

  @Property({ type: 'string', length: 10 })
  status: CheckoutStatus = 'OPEN';

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  /** Stripe's sessions expire after 24 h; ours do too. */
  @Property({ type: 'datetime' })
  expiresAt!: Date;
}
