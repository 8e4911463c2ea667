import { createHash } from 'node:crypto';
import { type CheckoutProvider, type CheckoutRequest } from './provider';
import { type PaymentsSettings } from './settings';

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
}
