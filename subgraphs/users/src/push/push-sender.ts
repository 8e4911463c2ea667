/** One push notification to one device, as the mobile app receives it. */
export interface PushMessage {
  /** The device's Expo push token. */
  to: string;
  title: string;
  body: string;
  /** `url`: the app's deep link to open on a tap (`vp://watch/<id>`…); which notification it is. */
  data: { url: string; notificationId: string };
}

/** What a provider said about a send, besides having accepted it. */
export interface PushOutcome {
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
}

/** Most messages in one request to Expo's push API (its documented limit). */
export const PUSH_BATCH_SIZE = 100;
