/** Codes that say a subscription was refused for good: opening it again would change nothing. */
const FINAL_CODES = new Set([
  'BAD_USER_INPUT',
  'FORBIDDEN',
  'NOT_FOUND',
  'PAYMENT_REQUIRED',
  'UNAUTHENTICATED',
]);

/**
 * Whether an ended subscription should stay ended: refused for good (a ban, a plan needed, a
 * wrong id). Anything else (SERVICE_UNAVAILABLE when the live instance behind it restarted, a
 * dropped socket) is worth opening again.
 */
export const isFinalSubscriptionError = (error: unknown) =>
  ((error as { errors?: { extensions?: { code?: unknown } }[] } | null)?.errors ?? []).some(item =>
    FINAL_CODES.has(String(item.extensions?.code)),
  );

/** How long to wait before opening an ended subscription again: 1 s, doubling up to 30 s. */
export const reopenDelay = (attempt: number) => Math.min(1_000 * 2 ** attempt, 30_000);
