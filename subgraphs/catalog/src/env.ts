import { platformEnv } from '@vp/kit';

/** The catalog subgraph reads only what every subgraph reads (the kit's `subgraphEnv`). */
export const catalogEnv = platformEnv;

export const catalogConfigFromEnv = (): Record<string, never> => ({});
