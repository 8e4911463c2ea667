import { z } from 'zod';

/** The processes that produce or consume events. */
export type Subgraph = 'users' | 'videos' | 'live' | 'payments' | 'catalog' | 'search';

/**
 * One cross-subgraph event: its name and version, who emits it and who listens, and the zod
 * schema its payload must match on both sides. Schemas are plain (not strict) objects, so a
 * consumer ignores fields added after it was written: adding a field is additive. Anything else
 * (removing or renaming a field, changing its type, narrowing it, adding an enum value) is a new
 * version, which travels on its own topic.
 */
export interface EventContract<S extends z.ZodTypeAny = z.ZodTypeAny> {
  name: string;
  version: number;
  /** One line for the README's table: what happened. */
  summary: string;
  producer: Subgraph;
  consumers: readonly Subgraph[];
  schema: S;
  /**
   * A payload as the producer emits it. Each consumer's contract test feeds it to the real
   * handler; the producer's contract test checks that the real payload has the same fields.
   */
  example: z.input<S>;
}

/** What a producer passes to `emitEvent`. */
export type EventInput<C extends EventContract> = z.input<C['schema']>;
/** What a consumer's handler receives, validated. */
export type EventPayload<C extends EventContract> = z.output<C['schema']>;

export function defineEvent<S extends z.ZodTypeAny>(contract: EventContract<S>): EventContract<S> {
  return Object.freeze(contract);
}

/**
 * The pg-boss topic (and `<consumer>.<topic>` queue) of an event: version 1 keeps the bare name,
 * later versions add `.v<N>` so old and new consumers never read each other's payloads.
 */
export const eventTopic = (contract: Pick<EventContract, 'name' | 'version'>) =>
  contract.version === 1 ? contract.name : `${contract.name}.v${contract.version}`;

/** `title: Required; tags.0: Expected string` — what is wrong with a payload, on one line. */
export const describeProblems = (error: z.ZodError) =>
  error.issues
    .map(issue => `${issue.path.length ? issue.path.join('.') : '(payload)'}: ${issue.message}`)
    .join('; ');

/** Fields every event reuses. */
export const uuid = z.string().uuid();
/** An ISO-8601 instant, as `Date#toISOString()` writes it. */
export const instant = z.string().datetime({ offset: true });
export const planTier = z.enum(['FREE', 'PREMIUM', 'PREMIUM_PLUS']);
export const audience = z.enum(['GENERAL', 'ADULT']);
export const role = z.enum([
  'VIEWER',
  'CREATOR',
  'ADMIN',
  'ANALYST',
  'PARTNER',
  'MODERATOR',
  'CATALOG_MANAGER',
]);

/**
 * For a producer's contract test: the payload it really emitted, parsed by the contract. Throws
 * when it does not parse, or when its fields differ from the contract's example (which consumers'
 * tests use, so it must stay what producers send).
 */
export function parseEmitted<C extends EventContract>(
  contract: C,
  payload: unknown,
): EventPayload<C> {
  const parsed = contract.schema.safeParse(payload);
  if (!parsed.success) {
    throw new Error(
      `${contract.name} as emitted does not match its contract: ${describeProblems(parsed.error)}`,
    );
  }
  const fields = (value: unknown) =>
    Object.keys(value as object)
      .sort()
      .join(', ');
  if (fields(payload) !== fields(contract.example)) {
    throw new Error(
      `${contract.name} as emitted has the fields ${fields(payload)}, its example ${fields(contract.example)}.`,
    );
  }
  return parsed.data;
}
