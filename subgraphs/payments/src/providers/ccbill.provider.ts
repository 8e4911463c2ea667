import { createHash } from 'node:crypto';
import { badInput } from '@vp/kit';
import {
  type BilledSubscription,
  type CheckoutProvider,
  type CheckoutRequest,
  providerFailure,
} from './provider';
import { type PaymentsSettings } from './settings';

/** CCBill's Data Link host, where its subscription management API lives. */
export const CCBILL_DATALINK_URL = 'https://datalink.ccbill.com';
export const CCBILL_FLEXFORMS_URL = 'https://api.ccbill.com/wap-frontflex/flexforms';
/** ISO 4217 numeric code of the yen, as CCBill's currencyCode wants it. */
export const CCBILL_JPY = '392';
/** CCBill's "rebill until cancelled". */
export const CCBILL_UNLIMITED_REBILLS = '99';
export const CCBILL_MONTH_DAYS = '30';

/** CCBill prices are decimals with two places, even for the yen. */
export const ccbillPrice = (yen: number) => yen.toFixed(2);

export interface CcbillPricing {
  initialPrice: string;
  initialPeriod: string;
  recurringPrice?: string;
  recurringPeriod?: string;
  numRebills?: string;
  currencyCode: string;
}

/**
 * The dynamic-pricing formDigest, as CCBill documents it for FlexForms: MD5 (hex) of the values
 * concatenated in this order, then the salt. Single billing: initialPrice, initialPeriod,
 * currencyCode. Recurring: initialPrice, initialPeriod, recurringPrice, recurringPeriod,
 * numRebills, currencyCode.
 */
export function ccbillFormDigest(pricing: CcbillPricing, salt: string): string {
  const parts = pricing.recurringPrice
    ? [
        pricing.initialPrice,
        pricing.initialPeriod,
        pricing.recurringPrice,
        pricing.recurringPeriod,
        pricing.numRebills,
        pricing.currencyCode,
      ]
    : [pricing.initialPrice, pricing.initialPeriod, pricing.currencyCode];
  return createHash('md5')
    .update(parts.join('') + salt)
    .digest('hex');
}

/** The pricing CCBill should charge for a checkout: plans recur monthly, tips are billed once. */
export function ccbillPricingFor(request: CheckoutRequest): CcbillPricing {
  if (request.plan) {
    return {
      initialPrice: ccbillPrice(request.initialAmountJpy),
      initialPeriod: CCBILL_MONTH_DAYS,
      recurringPrice: ccbillPrice(request.plan.priceJpy),
      recurringPeriod: CCBILL_MONTH_DAYS,
      numRebills: CCBILL_UNLIMITED_REBILLS,
      currencyCode: CCBILL_JPY,
    };
  }
  // A single-billing price needs a period of 2–365 days; a tip grants nothing over time.
  return {
    initialPrice: ccbillPrice(request.checkout.amountJpy),
    initialPeriod: '2',
    currencyCode: CCBILL_JPY,
  };
}

/**
 * CCBill FlexForms with dynamic pricing: a signed URL, nothing to call. The checkout id rides along
 * as a custom field, which CCBill returns in every webhook of the sale as `X-checkoutId`.
 */
export class CcbillProvider implements CheckoutProvider {
  readonly name = 'CCBILL' as const;
  readonly mode = 'LIVE' as const;

  constructor(private readonly settings: PaymentsSettings['ccbill']) {}

  async createCheckout(_em: unknown, request: CheckoutRequest) {
    const pricing = ccbillPricingFor(request);
    const query = new URLSearchParams({
      clientAccnum: this.settings.account,
      clientSubacc: this.settings.subaccount,
      ...(pricing as unknown as Record<string, string>),
      formDigest: ccbillFormDigest(pricing, this.settings.salt),
      checkoutId: request.checkout.id,
    });
    const url = `${CCBILL_FLEXFORMS_URL}/${encodeURIComponent(this.settings.flexFormId)}?${query}`;
    return { url, providerRef: null };
  }

  /**
   * CCBill's subscription management API (`subscriptionManagement.cgi`, action
   * `cancelSubscription`): rebilling stops, the subscriber keeps access to the end of the paid
   * period and CCBill then posts `Cancellation` (and `Expiration` at the end). It answers
   * `"results"` then `"1"` on success, `0` or a negative code otherwise. It takes no idempotency
   * key; the lifecycle calls it only from a state where it has not been called yet.
   */
  private async cancelAtCcbill(subscription: BilledSubscription): Promise<void> {
    const query = new URLSearchParams({
      clientAccnum: this.settings.account,
      clientSubacc: '',
      usingSubacc: this.settings.subaccount,
      subscriptionId: subscription.providerSubscriptionId,
      username: this.settings.datalink.username,
      password: this.settings.datalink.password,
      action: 'cancelSubscription',
    });
    let text: string;
    try {
      const response = await fetch(
        `${this.settings.datalink.url}/utils/subscriptionManagement.cgi?${query}`,
        { signal: AbortSignal.timeout(20_000) },
      );
      text = await response.text();
      if (!response.ok) {
        throw providerFailure('CCBILL', `http-${response.status}`);
      }
    } catch (error) {
      throw (error as { extensions?: unknown }).extensions
        ? error
        : providerFailure('CCBILL', 'network');
    }
    const result = ccbillApiResult(text);
    if (result !== '1') {
      throw providerFailure('CCBILL', `results:${result ?? 'unreadable'}`);
    }
  }

  async setCancelAtPeriodEnd(subscription: BilledSubscription, cancel: boolean) {
    if (!cancel) {
      // CCBill's API has no way back from a cancellation: the subscriber buys again at the end.
      throw badInput(
        'CCBill cannot restart a cancelled subscription. Subscribe again when the current period ends.',
      );
    }
    await this.cancelAtCcbill(subscription);
    return { cancelAtPeriodEnd: true };
  }

  async cancelNow(subscription: BilledSubscription) {
    await this.cancelAtCcbill(subscription);
    return {};
  }
}

/** The value of CCBill's CSV (`"results"` / `"1"`) or XML (`<results>1</results>`) answer. */
export function ccbillApiResult(text: string): string | null {
  const xml = /<results>\s*(-?\d+)\s*<\/results>/.exec(text);
  if (xml) {
    return xml[1];
  }
  const lines = text
    .trim()
    .split(/\r?\n/)
    .map(line => line.trim().replace(/^"|"$/g, ''));
  return lines[0] === 'results' && lines[1] !== undefined && /^-?\d+$/.test(lines[1])
    ? lines[1]
    : null;
}
