import { type BaseContext } from '@vp/kit';
import { type StartCheckout } from '../contracts';

/** What the money features (tips, earnings, withdrawals) take from the subgraph's config. */
export interface MoneyConfig {
  /** Starts a tip's checkout; the real one comes from src/checkout, tests pass a fake. */
  startCheckout?: StartCheckout;
  /** "Now" for balances and withdrawals; tests move it forward past the earnings hold. */
  clock?: () => Date;
}

export interface MoneyContext extends BaseContext {
  startCheckout: StartCheckout;
  now: () => Date;
}

/** The money features' part of the request context, from what the subgraph built at start-up. */
export function withMoney(
  base: BaseContext,
  adapters: { startCheckout: StartCheckout; now: () => Date },
): MoneyContext {
  return { ...base, startCheckout: adapters.startCheckout, now: adapters.now };
}
