import { type ExecutionResult } from 'graphql';
import { type WebSocket } from 'ws';

/** A stream handed to one subscriber, with the methods graphql-ws needs to stop it early. */
export type SubscriberStream = AsyncGenerator<ExecutionResult, undefined, unknown>;

/**
 * Where a subscriber's events may be written already serialized, past graphql-ws's per-subscriber
 * `next` (its onNext, its JSON.stringify of the whole message, a promise per send).
 */
export interface EventSink {
  /**
   * Sends the graphql-ws `next` message whose payload is `payloadJson`; false when it was not sent
   * because the socket holds too much unsent data already (a subscriber reading too slowly).
   */
  sendNext(payloadJson: string): boolean;
}

/** Unsent bytes a socket may hold before its subscriber is cut off as too slow. */
const MAX_BUFFERED_BYTES = 64 * 1024;

/** An EventSink writing graphql-ws `next` messages for subscription `id` straight to `socket`. */
export function socketSink(
  socket: WebSocket,
  id: string,
  maxBufferedBytes = MAX_BUFFERED_BYTES,
): EventSink {
  // graphql-ws's own message shape ({ id, type, payload }), so clients see no difference
  const head = `{"id":${JSON.stringify(id)},"type":"next","payload":`;
  return {
    sendNext(payloadJson) {
      if (socket.readyState !== socket.OPEN) {
        return true; // closing: graphql-ws ends the subscription
      }
      if (socket.bufferedAmount > maxBufferedBytes) {
        return false;
      }
      socket.send(`${head}${payloadJson}}`);
      return true;
    },
  };
}

interface Subscriber {
  /** `json`: the result serialized once for every subscriber, when it may be written as is. */
  push(result: ExecutionResult, json?: string): void;
  end(): void;
}

interface SharedStream {
  subscribers: Set<Subscriber>;
  upstream: AsyncIterator<ExecutionResult>;
}

export interface HubOptions {
  /** Events a slow subscriber may have waiting before it is cut off. */
  maxQueuedEvents?: number;
}

/**
 * Shares upstream subscriptions: all subscribers with the same key (document, variables, viewer)
 * hang on one upstream stream, and each event is resolved once and delivered to all of them.
 * An event without errors is also serialized once: subscribers with a sink get those bytes
 * written to their socket (one string concatenation and one write each), which at thousands of
 * subscribers of one chat is most of the fan-out's cost otherwise. The upstream stream is closed
 * when its last subscriber leaves.
 */
export class SubscriptionHub {
  private readonly streams = new Map<string, SharedStream>();
  private readonly maxQueued: number;

  constructor(options: HubOptions = {}) {
    this.maxQueued = options.maxQueuedEvents ?? 100;
  }

  /** Number of distinct upstream streams open right now. */
  get upstreamCount() {
    return this.streams.size;
  }

  subscribe(
    key: string,
    start: () => AsyncIterator<ExecutionResult>,
    resolveEvent: (event: ExecutionResult) => Promise<ExecutionResult>,
    sink?: EventSink,
  ): SubscriberStream {
    let shared = this.streams.get(key);
    const isNew = !shared;
    if (!shared) {
      shared = { subscribers: new Set(), upstream: start() };
      this.streams.set(key, shared);
    }
    const stream = this.subscriberStream(shared, key, sink);
    if (isNew) {
      void this.pump(key, shared, resolveEvent);
    }
    return stream;
  }

  private async pump(
    key: string,
    shared: SharedStream,
    resolveEvent: (event: ExecutionResult) => Promise<ExecutionResult>,
  ) {
    try {
      for (;;) {
        const next = await shared.upstream.next();
        if (next.done || shared.subscribers.size === 0) {
          break;
        }
        const result = await resolveEvent(next.value);
        // results with errors go through graphql-ws's onNext, which masks them per subscriber
        const json = result.errors?.length ? undefined : JSON.stringify(result);
        for (const subscriber of shared.subscribers) {
          subscriber.push(result, json);
        }
      }
    } catch (error) {
      const result = upstreamFailure(error);
      for (const subscriber of shared.subscribers) {
        subscriber.push(result);
      }
    }
    this.close(key, shared);
  }

  private close(key: string, shared: SharedStream) {
    if (this.streams.get(key) === shared) {
      this.streams.delete(key);
    }
    for (const subscriber of shared.subscribers) {
      subscriber.end();
    }
    shared.subscribers.clear();
    void shared.upstream.return?.();
  }

  private subscriberStream(
    shared: SharedStream,
    key: string,
    sink: EventSink | undefined,
  ): SubscriberStream {
    const queue: ExecutionResult[] = [];
    let waiting: ((result: IteratorResult<ExecutionResult, undefined>) => void) | undefined;
    let ended = false;
    let finishAfterQueue = false;
    const finish = () => {
      ended = true;
      shared.subscribers.delete(subscriber);
      if (shared.subscribers.size === 0) {
        this.close(key, shared);
      }
      waiting?.({ done: true, value: undefined });
      waiting = undefined;
    };
    const cutOff = () => {
      finishAfterQueue = true;
      shared.subscribers.delete(subscriber);
      if (waiting) {
        waiting({ done: false, value: tooSlow() });
        waiting = undefined;
      } else {
        queue.push(tooSlow());
      }
    };
    const subscriber: Subscriber = {
      push: (result, json) => {
        // Written directly only while graphql-ws waits on this stream with nothing queued: it has
        // sent every earlier event by then, so the order of events holds.
        if (sink && json !== undefined && waiting && queue.length === 0) {
          if (!sink.sendNext(json)) {
            cutOff();
          }
          return;
        }
        if (waiting) {
          waiting({ done: false, value: result });
          waiting = undefined;
        } else if (queue.length < this.maxQueued) {
          queue.push(result);
        } else {
          cutOff();
        }
      },
      end: () => {
        finishAfterQueue = true;
        if (queue.length === 0) {
          finish();
        }
      },
    };
    shared.subscribers.add(subscriber);
    const stream: SubscriberStream = {
      async next() {
        if (queue.length > 0) {
          return { done: false, value: queue.shift()! };
        }
        if (ended || finishAfterQueue) {
          finish();
          return { done: true, value: undefined };
        }
        return new Promise(resolve => {
          waiting = resolve;
        });
      },
      async return() {
        queue.length = 0;
        finish();
        return { done: true, value: undefined };
      },
      async throw(error) {
        queue.length = 0;
        finish();
        throw error;
      },
      [Symbol.asyncIterator]() {
        return this;
      },
      async [Symbol.asyncDispose]() {
        finish();
      },
    };
    return stream;
  }
}

function upstreamFailure(error: unknown): ExecutionResult {
  // graphql-ws rejects with the subgraph's error list, or with a close event / Error
  if (Array.isArray(error)) {
    return { errors: error };
  }
  // The subgraph instance went away (killed, restarted, scaled in): a retryable condition, so
  // clients subscribe again (with `after` where the field has it) and reach a live instance.
  return {
    errors: [
      Object.assign(new Error('The subscription source went away. Subscribe again to go on.'), {
        extensions: { code: 'SERVICE_UNAVAILABLE' },
        cause: error,
      }),
    ] as unknown as ExecutionResult['errors'],
  };
}

const tooSlow = (): ExecutionResult =>
  ({
    errors: [
      {
        message:
          'Events arrived faster than this subscriber read them; the subscription was ended.',
        extensions: { code: 'RATE_LIMITED' },
      },
    ],
  }) as unknown as ExecutionResult;
