import { createServer, connect, type Server, type Socket } from 'node:net';
import { type AddressInfo } from 'node:net';

export interface Backend {
  name: string;
  host: string;
  port: number;
}

/**
 * A round-robin TCP load balancer in front of the instances of one kind, as a Kubernetes Service
 * (kube-proxy) or an NLB is: each new connection goes to the next instance that passed its last
 * health check (`GET /health` every `checkEveryMs`), and a connection that cannot reach its
 * instance is tried on the next one before any byte went through, so a dead instance costs
 * clients nothing but the requests that were in flight on it. HTTP keep-alive and WebSockets
 * pass as they are (layer 4), pinned to the instance the connection reached.
 */
export class RoundRobinProxy {
  private server?: Server;
  private next = 0;
  private timer?: NodeJS.Timeout;
  private readonly open = new Set<Socket>();
  readonly healthy: boolean[];
  /** Connections handed to each backend, by its name. */
  readonly connections = new Map<string, number>();
  port = 0;

  constructor(
    readonly name: string,
    readonly backends: Backend[],
    private readonly checkEveryMs = 500,
  ) {
    this.healthy = backends.map(() => true);
  }

  get url() {
    return `http://127.0.0.1:${this.port}`;
  }

  async listen() {
    this.server = createServer(client => this.accept(client));
    await new Promise<void>(resolve => this.server!.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    this.timer = setInterval(() => void this.check(), this.checkEveryMs);
    return this;
  }

  async close() {
    clearInterval(this.timer);
    this.open.forEach(socket => socket.destroy());
    await new Promise(resolve => this.server?.close(resolve));
  }

  private async check() {
    await Promise.all(
      this.backends.map(async (backend, i) => {
        const answer = await fetch(`http://${backend.host}:${backend.port}/health`, {
          signal: AbortSignal.timeout(this.checkEveryMs * 2),
        }).catch(() => undefined);
        this.healthy[i] = answer?.ok ?? false;
      }),
    );
  }

  private pick(exclude: Set<number>): number | undefined {
    for (let tries = 0; tries < this.backends.length; tries++) {
      const i = this.next++ % this.backends.length;
      if (this.healthy[i] && !exclude.has(i)) {
        return i;
      }
    }
    // none looked healthy: try any not tried yet (the checks may lag a restart)
    for (let i = 0; i < this.backends.length; i++) {
      if (!exclude.has(i)) {
        return i;
      }
    }
    return undefined;
  }

  private accept(client: Socket) {
    this.open.add(client);
    client.once('close', () => this.open.delete(client));
    client.pause();
    const tried = new Set<number>();
    const attempt = () => {
      const i = this.pick(tried);
      if (i === undefined) {
        client.destroy();
        return;
      }
      tried.add(i);
      const backend = this.backends[i];
      const upstream = connect(backend.port, backend.host);
      let connected = false;
      upstream.once('connect', () => {
        connected = true;
        this.open.add(upstream);
        upstream.once('close', () => this.open.delete(upstream));
        this.connections.set(backend.name, (this.connections.get(backend.name) ?? 0) + 1);
        client.pipe(upstream);
        upstream.pipe(client);
        client.resume();
        client.once('error', () => upstream.destroy());
        client.once('close', () => upstream.destroy());
        upstream.once('close', () => client.destroy());
      });
      upstream.on('error', () => {
        if (!connected) {
          this.healthy[i] = false;
          attempt();
        } else {
          client.destroy();
        }
      });
    };
    client.on('error', () => undefined);
    attempt();
  }
}
