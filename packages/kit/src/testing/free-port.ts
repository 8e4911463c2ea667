import { createServer } from 'node:net';
import { listen } from '../listen';

/** A port nobody listens on now, for a server whose own URL must be known before it starts. */
export async function freePort(): Promise<number> {
  const { port, release } = await reservePort();
  await release();
  return port;
}

/**
 * A free port held (listened on) until `release()`, so that no server started meanwhile on port 0
 * is given it, as it could be once `freePort` let go: for a server that must be known before it
 * starts and starts after others (the test platform's gateway, whose origin the subgraphs sign
 * URLs for).
 */
export async function reservePort(): Promise<{ port: number; release: () => Promise<void> }> {
  const server = createServer();
  const { port } = await listen(server, { port: 0, host: '127.0.0.1' });
  return {
    port,
    release: () => new Promise<void>(resolve => server.close(() => resolve())),
  };
}
