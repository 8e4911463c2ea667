import { type ExecutionResult } from 'graphql';
import { type EventSink, SubscriptionHub } from '../src/subscriptions/hub';

/** An upstream stream the test feeds by hand. */
function upstream() {
  const pending: ExecutionResult[] = [];
  let wake: (() => void) | undefined;
  const iterator: AsyncIterator<ExecutionResult> = {
    async next() {
      while (pending.length === 0) {
        await new Promise<void>(resolve => (wake = resolve));
      }
      return { done: false, value: pending.shift()! };
    },
    async return() {
      return { done: true, value: undefined };
    },
  };
  return {
    iterator,
    emit(result: ExecutionResult) {
      pending.push(result);
      wake?.();
    },
  };
}

const tick = () => new Promise(resolve => setImmediate(resolve));

function sink(accepts = () => true) {
  const written: string[] = [];
  const eventSink: EventSink = {
    sendNext: json => {
      if (!accepts()) {
        return false;
      }
      written.push(json);
      return true;
    },
  };
  return { written, eventSink };
}

describe('SubscriptionHub', () => {
  it('serializes an event once and writes it to every waiting subscriber, results with errors go through the stream', async () => {
    const hub = new SubscriptionHub();
    const source = upstream();
    const resolved = jest.fn(async (event: ExecutionResult) => event);
    const a = sink();
    const b = sink();
    const streamA = hub.subscribe('k', () => source.iterator, resolved, a.eventSink);
    const streamB = hub.subscribe('k', () => source.iterator, resolved, b.eventSink);
    // graphql-ws waits on each stream, as it does once a subscription is set up
    const nextA = streamA.next();
    const nextB = streamB.next();
    source.emit({ data: { n: 1 } });
    await tick();
    expect(resolved).toHaveBeenCalledTimes(1);
    expect(a.written).toEqual(['{"data":{"n":1}}']);
    expect(b.written).toEqual(['{"data":{"n":1}}']);

    const failed = { errors: [{ message: 'no' }] } as unknown as ExecutionResult;
    source.emit(failed);
    expect(await nextA).toEqual({ done: false, value: failed });
    expect(await nextB).toEqual({ done: false, value: failed });
    // streamA's consumer is busy sending that result: the next event queues behind it, in order
    source.emit({ data: { n: 2 } });
    await tick();
    expect(a.written).toHaveLength(1);
    expect(await streamA.next()).toEqual({ done: false, value: { data: { n: 2 } } });
    await streamA.return(undefined);
    await streamB.return(undefined);
    expect(hub.upstreamCount).toBe(0);
  });

  it('ends a subscriber whose socket is backed up with RATE_LIMITED, and keeps the others', async () => {
    const hub = new SubscriptionHub();
    const source = upstream();
    const slow = sink(() => false);
    const fast = sink();
    const slowStream = hub.subscribe(
      'k',
      () => source.iterator,
      async e => e,
      slow.eventSink,
    );
    const fastStream = hub.subscribe(
      'k',
      () => source.iterator,
      async e => e,
      fast.eventSink,
    );
    const slowNext = slowStream.next();
    void fastStream.next();
    source.emit({ data: { n: 1 } });
    const cut = await slowNext;
    expect(cut.value?.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
    expect(await slowStream.next()).toEqual({ done: true, value: undefined });
    expect(fast.written).toEqual(['{"data":{"n":1}}']);
    expect(hub.upstreamCount).toBe(1);
    await fastStream.return(undefined);
    expect(hub.upstreamCount).toBe(0);
  });
});
