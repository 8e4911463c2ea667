import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, graphql } from '@vp/kit/testing';
import { startPlatform } from '../platform';

export const hasFfmpeg = spawnSync('ffmpeg', ['-version']).status === 0;

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

/**
 * The whole platform in this process, as `npm start` runs it, on a fresh test database: every
 * request in these tests goes through the gateway, as a browser's would.
 */
export async function startTestPlatform() {
  const database = await createTestDatabase('platform_e2e');
  const dataDir = mkdtempSync(join(tmpdir(), 'vp-e2e-'));
  chmodSync(dataDir, 0o755);
  const gatewayPort = await freePort();
  const platform = await startPlatform({
    databaseUrl: database.url,
    dataDir,
    embeddedPostgresPort: 0,
    gatewayPort,
    subgraphBasePort: 42000 + Math.floor(Math.random() * 1000) * 10,
    rtmpPort: 0,
  });
  const url = platform.gatewayUrl.replace('localhost', '127.0.0.1');
  let sequence = 0;
  return {
    url,
    dataDir,
    /** The platform's database, for fixtures that need no ffmpeg (rows written directly). */
    databaseUrl: database.url,
    origin: new URL(url).origin,
    query: <T = any>(query: string, variables: Record<string, unknown> = {}, token?: string) =>
      graphql<T>(url, query, variables, { token }),
    /** Signs up a fresh account through the gateway and returns its access token and id. */
    async signUp(birthDate = '1990-01-01') {
      sequence += 1;
      const tag = `${sequence}${Math.random().toString(36).slice(2, 8)}`;
      const response = await graphql(
        url,
        `mutation ($input: SignUpInput!) { signUp(input: $input) { accessToken user { id } } }`,
        {
          input: {
            email: `e2e${tag}@example.com`,
            password: 'a long enough passphrase',
            handle: `e2e_${tag}`,
            displayName: `E2E ${tag}`,
            birthDate,
          },
        },
      );
      if (!response.data) {
        throw new Error(JSON.stringify(response.errors));
      }
      return { token: response.data.signUp.accessToken as string, id: response.data.signUp.user.id as string };
    },
    async stop() {
      await platform.stop();
      await database.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export type TestPlatform = Awaited<ReturnType<typeof startTestPlatform>>;

/** A tiny real video: 3 s of test pattern and tone, 320x180. */
export function makeClip(dir: string): Buffer {
  const file = join(dir, 'clip.mp4');
  execFileSync('ffmpeg', [
    '-hide_banner', '-loglevel', 'error', '-y',
    '-f', 'lavfi', '-i', 'testsrc2=size=320x180:rate=24:duration=3',
    '-f', 'lavfi', '-i', 'sine=frequency=440:duration=3',
    '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-shortest', file,
  ]);
  return readFileSync(file);
}

export async function until<T>(probe: () => Promise<T | undefined | null | false>, timeoutMs: number, what: string): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await probe();
    if (value) {
      return value;
    }
    if (Date.now() - started > timeoutMs) {
      throw new Error(`timed out waiting for ${what}`);
    }
    await new Promise(resolve => setTimeout(resolve, 100));
  }
}

