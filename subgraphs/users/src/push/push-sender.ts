/** One push notification to one device, as the mobile app receives it. */
export interface PushMessage {
  /** The device's Expo push token. */
  to: string;
  title: string;
  body: string;
  /** `url`: the app's deep link to open on a tap (`vp://watch/<id>`…); which notification it is. */
  data: { url: string; notificationId: string };
}

/** A message the provider accepted: whether it reached the phone is told later, by its receipt. */
export interface PushTicket {
  id: string;
  /** The device's token the message went to. */
  to: string;
}

/** A delivery's outcome, by ticket id: delivered, or refused by Apple or Google with a reason. */
export type PushReceipt = { ok: true } | { ok: false; error: string };

/** What a provider said about a send, besides having accepted it. */
export interface PushOutcome {
  /** The accepted messages, whose receipts say later whether they were delivered. */
  tickets: PushTicket[];
  /** Tokens the provider says no device answers to any more (uninstalled app): drop them. */
  unregistered: string[];
  /** Other messages the provider refused, with its reason (logged; not retried). */
  refused: { to: string; error: string }[];
}

/**
 * The push port: the local push outbox on a laptop, the Expo push service in production. `send`
 * throws when the provider could not be reached or refused the request as a whole (the job then
 * retries with backoff); per-message refusals come back in the outcome.
 */
export interface PushSender {
  send(messages: PushMessage[]): Promise<PushOutcome>;
  /**
   * The receipts of earlier tickets, by ticket id; a ticket without one is not delivered yet (or
   * was forgotten: Expo keeps receipts for a day). Throws like `send` when the provider fails.
   */
  receipts(ticketIds: string[]): Promise<Record<string, PushReceipt>>;
}

/** The receipt error that says the app is gone from the device: drop its token. */
export const DEVICE_NOT_REGISTERED = 'DeviceNotRegistered';

/** Most messages in one request to Expo's push API (its documented limit). */
export const PUSH_BATCH_SIZE = 100;

/** Most ticket ids in one request for receipts (Expo's documented limit). */
export const RECEIPT_BATCH_SIZE = 1000;
