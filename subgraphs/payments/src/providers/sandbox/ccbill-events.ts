import { randomInt } from 'node:crypto';

/** A CCBill webhook: the event type travels in the URL's query, the fields in the body. */
export interface CcbillPostback {
  eventType: string;
  eventGroupType: 'Subscription';
  fields: Record<string, string>;
}

/** CCBill's timestamp format (`2012-08-05 15:18:17`), written here in UTC. */
export const ccbillTimestamp = (at: Date) => at.toISOString().slice(0, 19).replace('T', ' ');
export const ccbillDate = (at: Date) => at.toISOString().slice(0, 10);

const digits = (count: number) =>
  Array.from({ length: count }, (_, index) =>
    index === 0 ? randomInt(1, 10) : randomInt(0, 10),
  ).join('');

export const ccbillSubscriptionId = () => digits(19);
export const ccbillTransactionId = () => digits(19);
