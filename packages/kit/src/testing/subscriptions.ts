import { type Client, createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { eventually } from './eventually';

export interface Subscription<T = any> {
  /** Every `next` payload so far. */
  events: { data?: T; errors?: { message: string; extensions?: Record<string, any> }[] }[];
  failures: unknown[];
  completed: boolean;
  /** Waits until `count` events have arrived. */
  waitFor(count: number, timeoutMs?: number): Promise<Subscription<T>['events']>;
  /** Waits until `predicate` holds for the events so far; a failed subscription fails at once. */
  waitUntil(
    predicate: (events: Subscription<T>['events']) => boolean,
    timeoutMs?: number,
  ): Promise<void>;
  close(): Promise<void>;
}

/** A graphql-ws client of `url` (one socket per subscription, as separate tabs would be). */
export function subscribe<T = any>(
  url: string,
  query: string,
  variables: Record<string, unknown>,
  token?: string,
): Subscription<T> {
  const client: Client = createClient({
    url: url.replace(/^http/, 'ws'),
    webSocketImpl: WebSocket,
    retryAttempts: 0,
    connectionParams: token ? { authorization: `Bearer ${token}` } : {},
  });
  const subscription: Subscription<T> = {
    events: [],
    failures: [],
    completed: false,
    async waitUntil(predicate, timeoutMs) {
      const failed = () => subscription.failures.length > 0;
      await eventually(() => failed() || predicate(subscription.events), {
        timeoutMs,
        what: "the subscription's events to match",
      }).catch((error: Error) => {
        throw new Error(`${error.message}\nevents: ${JSON.stringify(subscription.events)}`);
      });
      if (failed()) {
        throw new Error(`subscription failed: ${JSON.stringify(subscription.failures)}`);
      }
    },
    async waitFor(count, timeoutMs) {
      await subscription.waitUntil(events => events.length >= count, timeoutMs);
      return subscription.events;
    },
    close: () => client.dispose() as Promise<void>,
  };
  client.subscribe<T>(
    { query, variables },
    {
      next: event => void subscription.events.push(event as never),
      error: error => void subscription.failures.push(error),
      complete: () => {
        subscription.completed = true;
      },
    },
  );
  return subscription;
}
