import type express from 'express';

export interface HealthState {
  draining: () => boolean;
  schemaLoaded: () => boolean;
  /** Subgraph name → GraphQL URL; each must answer `/health` for the gateway to be ready. */
  subgraphs?: () => Record<string, string>;
  timeoutMs?: number;
}

const healthUrlOf = (graphqlUrl: string) => new URL('/health', graphqlUrl).toString();

async function answers(url: string, timeoutMs: number): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    await response.body?.cancel();
    return response.ok;
  } catch {
    return false;
  }
}

/** `/health`: the process is alive. `/ready`: it has a supergraph and (if asked) every subgraph is up. */
export function healthRoutes(app: express.Express, state: HealthState) {
  app.get('/health', (_req, res) => {
    const draining = state.draining();
    res.status(draining ? 503 : 200).json({ status: draining ? 'draining' : 'ok' });
  });
  app.get('/ready', async (_req, res) => {
    if (state.draining() || !state.schemaLoaded()) {
      res.status(503).json({ status: state.draining() ? 'draining' : 'no supergraph' });
      return;
    }
    const subgraphs = Object.entries(state.subgraphs?.() ?? {});
    const results = await Promise.all(
      subgraphs.map(
        async ([name, url]) =>
          [name, await answers(healthUrlOf(url), state.timeoutMs ?? 1000)] as const,
      ),
    );
    const down = results.filter(([, ok]) => !ok).map(([name]) => name);
    res.status(down.length ? 503 : 200).json({
      status: down.length ? 'unavailable' : 'ready',
      subgraphs: Object.fromEntries(results),
    });
  });
}
