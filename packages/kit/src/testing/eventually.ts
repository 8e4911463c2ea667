import { inspect } from 'node:util';

export interface EventuallyOptions<T> {
  /** The state waited for; by default, any truthy value. */
  until?: (value: T) => unknown;
  /**
   * Generous on purpose: a state that arrives late on a loaded machine is not a failure, a state
   * that never arrives is. Keep it under the test's own timeout so the message below is what fails.
   */
  timeoutMs?: number;
  intervalMs?: number;
  /** What is awaited, for the failure message ("the job to be completed"). */
  what?: string;
}

/**
 * The one way tests wait: reads a state again and again until it holds — `read` returns a truthy
 * value (or one `until` accepts) without throwing, so an `expect` inside `read` also means "not
 * yet" — never for a fixed time. On the deadline it fails with the last value read and the last
 * error thrown, which is what tells a slow machine from a real bug.
 */
export async function eventually<T>(
  read: () => T | Promise<T>,
  options: EventuallyOptions<Awaited<T>> & { until: (value: Awaited<T>) => unknown },
): Promise<Awaited<T>>;
export async function eventually<T>(
  read: () => T | Promise<T>,
  options?: Omit<EventuallyOptions<Awaited<T>>, 'until'>,
): Promise<NonNullable<Awaited<T>>>;
export async function eventually<T>(
  read: () => T | Promise<T>,
  options: EventuallyOptions<Awaited<T>> = {},
): Promise<Awaited<T>> {
  const { until, timeoutMs = 20_000, intervalMs = 50, what = 'a state' } = options;
  const deadline = Date.now() + timeoutMs;
  let reads = 0;
  let lastValue: { value: Awaited<T> } | undefined;
  let lastError: unknown;
  for (;;) {
    reads += 1;
    try {
      const value = await read();
      lastValue = { value };
      lastError = undefined;
      if (until ? until(value) : value) {
        return value;
      }
    } catch (error) {
      lastError = error;
    }
    if (Date.now() >= deadline) {
      const shown = (value: unknown) => inspect(value, { depth: 5, breakLength: 120 });
      const lines = [`eventually: ${what} did not come within ${timeoutMs} ms (${reads} reads)`];
      if (lastValue) {
        lines.push(`last value: ${shown(lastValue.value)}`);
      }
      if (lastError !== undefined) {
        lines.push(
          `last error: ${lastError instanceof Error ? lastError.message : shown(lastError)}`,
        );
      }
      throw new Error(lines.join('\n'));
    }
    await new Promise(resolve => setTimeout(resolve, intervalMs));
  }
}
