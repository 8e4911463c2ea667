/** How far the clocks of an app's server and the live subgraph may disagree. */
const CLOCK_MARGIN_MS = 30_000;

/**
 * `since` for the chat subscriptions of a page whose history was read at `readAt` (ms): they
 * replay what was said and deleted while the page was connecting, so nothing falls in the gap.
 * The margin replays a little more than needed; lines already shown are dropped by id.
 */
export const chatReplaySince = (readAt: number) => new Date(readAt - CLOCK_MARGIN_MS).toISOString();
