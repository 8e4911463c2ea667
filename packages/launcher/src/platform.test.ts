import { type ChildProcess, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listen } from '@vp/kit';
import { createTestDatabase, graphql } from '@vp/kit/testing';
import { PLATFORM_NODE_FLAGS } from './node-flags';

const root = join(__dirname, '../../..');

const portIsOpen = (port: number) =>
  new Promise<boolean>(resolve => {
    const socket = createConnection({ port, host: '127.0.0.1' });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });

function waitForOutput(child: ChildProcess, text: string, timeoutMs: number) {
  return new Promise<string>((resolve, reject) => {
    let output = '';
    const timer = setTimeout(
      () => reject(new Error(`no "${text}" within ${timeoutMs} ms:\n${output}`)),
      timeoutMs,
    );
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes(text)) {
        clearTimeout(timer);
        resolve(output);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', code =>
      reject(new Error(`exited with ${code} before "${text}":\n${output}`)),
    );
  });
}

// `npm start` itself, from an empty data folder: PostgreSQL from npm, keys made, migrations run,
// a query through the gateway, then Ctrl-C and a clean stop. Ports are moved off the defaults so
// it runs beside a developer's own platform.
describe('npm start on the embedded default', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'vp-platform-'));
  chmodSync(dataDir, 0o755); // PostgreSQL runs as its own user and must reach its folder
  const base = 41000 + Math.floor(Math.random() * 500) * 10;
  const ports = { postgres: base, gateway: base + 1, subgraphs: base + 2, rtmp: base + 9 };

  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('starts from an empty data folder, serves the graph, and stops cleanly on Ctrl-C', async () => {
    const env = { ...process.env };
    delete env.DATABASE_URL;
    delete env.REDIS_URL;
    // What `npm start` runs, without npm in between (npm itself dies of the signal rather than wait).
    const startScript: string = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).scripts
      .start;
    expect(startScript).toBe(
      `node ${PLATFORM_NODE_FLAGS.join(' ')} -r @swc-node/register packages/launcher/src/main.ts`,
    );
    const child = spawn(process.execPath, startScript.split(' ').slice(1), {
      cwd: root,
      env: {
        ...env,
        PLATFORM_DATA_DIR: dataDir,
        EMBEDDED_POSTGRES_PORT: String(ports.postgres),
        GATEWAY_PORT: String(ports.gateway),
        SUBGRAPH_BASE_PORT: String(ports.subgraphs),
        LIVE_RTMP_PORT: String(ports.rtmp),
        LOG_LEVEL: 'warn',
      },
      detached: true,
    });
    try {
      await waitForOutput(child, 'The platform is up', 90_000);
      expect(existsSync(join(dataDir, 'postgres/PG_VERSION'))).toBe(true);
      expect(existsSync(join(dataDir, 'keys/auth-keys.json'))).toBe(true);
      const url = `http://127.0.0.1:${ports.gateway}/graphql`;
      expect((await graphql(url, '{ __typename }')).data).toEqual({ __typename: 'Query' });
      const anonymousMe = await graphql(url, '{ me { id } }');
      expect(anonymousMe.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');

      const exited = new Promise<number | null>(resolve =>
        child.once('exit', code => resolve(code)),
      );
      process.kill(-child.pid!, 'SIGINT');
      expect(await exited).toBe(0);
      for (const port of [ports.postgres, ports.gateway, ports.subgraphs, ports.rtmp]) {
        expect({ port, open: await portIsOpen(port) }).toEqual({ port, open: false });
      }
    } finally {
      if (child.exitCode === null && child.signalCode === null) {
        process.kill(-child.pid!, 'SIGKILL');
      }
    }
  }, 300_000);
});

describe('npm start on a port in use', () => {
  it('stops with the port named instead of waiting for ever', async () => {
    const database = await createTestDatabase('taken_port');
    const taken = createServer();
    const { port } = await listen(taken, { port: 0, host: '0.0.0.0' });
    const dataDir = mkdtempSync(join(tmpdir(), 'vp-taken-port-'));
    const base = 46000 + Math.floor(Math.random() * 500) * 10;
    try {
      const startScript: string = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'))
        .scripts.start;
      const child = spawn(process.execPath, startScript.split(' ').slice(1), {
        cwd: root,
        env: {
          ...process.env,
          DATABASE_URL: database.url,
          PLATFORM_DATA_DIR: dataDir,
          GATEWAY_PORT: String(port),
          SUBGRAPH_BASE_PORT: String(base),
          LIVE_RTMP_PORT: String(base + 9),
          LOG_LEVEL: 'warn',
        },
      });
      let output = '';
      child.stdout.on('data', chunk => (output += chunk));
      child.stderr.on('data', chunk => (output += chunk));
      const code = await new Promise<number | null>(resolve => child.once('exit', resolve));
      expect(code).toBe(1);
      expect(output).toContain(`port ${port} is in use by another program`);
    } finally {
      taken.close();
      rmSync(dataDir, { recursive: true, force: true });
      await database.drop();
    }
  }, 120_000);
});

describe('npm start with PLATFORM_ENV=production', () => {
  it('refuses to start without the production variables, listing every one of them at once', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'vp-production-'));
    try {
      const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME };
      const startScript: string = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'))
        .scripts.start;
      const child = spawn(process.execPath, startScript.split(' ').slice(1), {
        cwd: root,
        env: { ...env, PLATFORM_ENV: 'production', PLATFORM_DATA_DIR: dataDir },
      });
      let output = '';
      child.stdout.on('data', chunk => (output += chunk));
      child.stderr.on('data', chunk => (output += chunk));
      const code = await new Promise<number | null>(resolve => child.once('exit', resolve));
      expect(code).not.toBe(0);
      for (const variable of [
        'DATABASE_URL',
        'REDIS_URL',
        'PUBLIC_URL',
        'AUTH_SIGNING_KEY',
        'AUTH_JWKS',
        'PUBLIC_WEB_URL',
        'MAIL_PROVIDER',
        'EXPO_PUSH_URL',
        'MEDIA_SIGNING_SECRET',
        'PAYMENTS_PROVIDER',
        'TRUST_PROXY',
      ]) {
        expect({ variable, listed: output.includes(`${variable}: `) }).toEqual({
          variable,
          listed: true,
        });
      }
      // Nothing started: no embedded database, no development keys made.
      expect(existsSync(join(dataDir, 'postgres'))).toBe(false);
      expect(existsSync(join(dataDir, 'keys'))).toBe(false);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 60_000);
});
