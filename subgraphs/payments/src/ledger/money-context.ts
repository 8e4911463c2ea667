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

const systemClock = () => new Date();

export function withMoney(
  base: BaseContext,
  config: MoneyConfig,
  defaultStartCheckout: StartCheckout,
): MoneyContext {
  return {
    ...base,
    startCheckout: config.startCheckout ?? defaultStartCheckout,
    now: config.clock ?? systemClock,
  };
}
