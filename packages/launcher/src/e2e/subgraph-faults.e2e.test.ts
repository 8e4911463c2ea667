import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { composeServices } from '@apollo/composition';
import { type RunningGateway, startGateway } from '@vp/gateway';
import { errorCodes, eventually, freePort, graphql, testKeys } from '@vp/kit/testing';
import { parse } from 'graphql';
import { startTestPlatform, type TestPlatform } from '../testing/test-platform';

/**
 * Issue 16, weakness 4: a subgraph that is down or frozen costs the gateway at most its timeout,
 * gives that subgraph's fields SERVICE_UNAVAILABLE while the others answer, and opens the
 * subgraph's circuit breaker. Real processes: a subgraph server stopped, and a subgraph process
 * frozen with SIGSTOP (its socket accepts connections but nothing answers).
 */
jest.setTimeout(120_000);

const root = join(__dirname, '../../../..');
const faults = {
  timeoutMs: 1500,
  forwardIdleTimeoutMs: 1500,
  resetTimeoutMs: 1000,
  volumeThreshold: 2,
};
const MIXED = `{ user(handle: "nobody_here") { id } plans { tier } }`;

let platform: TestPlatform;

beforeAll(async () => {
  platform = await startTestPlatform({
    subgraphs: ['users', 'payments'],
    gatewayConfig: () => ({ subgraphFaults: faults }),
  });
}, 90_000);
afterAll(() => platform?.stop());

describe('a stopped subgraph server', () => {
  it("answers its fields with SERVICE_UNAVAILABLE and the other subgraphs' fields as usual", async () => {
    const before = await platform.query(MIXED);
    expect(before.errors).toBeUndefined();
    expect(before.data.plans.length).toBeGreaterThan(0);

    await platform.subgraphs.users[0].stop();
    for (let i = 0; i < 4; i++) {
      // the first calls are refused connections, the later ones the open breaker: the same answer
      const after = await platform.query(MIXED);
      expect(after.data.user).toBeNull();
      expect(after.data.plans).toEqual(before.data.plans);
      expect(errorCodes(after)).toEqual(['SERVICE_UNAVAILABLE']);
      expect(JSON.stringify(after.errors)).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|users/);
    }
  });
});

describe('a frozen subgraph process (SIGSTOP)', () => {
  let child: ChildProcess;
  let gateway: RunningGateway;
  let url: string;

  beforeAll(async () => {
    const port = await freePort();
    const { jwks } = await testKeys();
    child = spawn(
      process.execPath,
      ['-r', '@swc-node/register', 'subgraphs/payments/src/main.ts'],
      {
        cwd: root,
        env: {
          ...process.env,
          DATABASE_URL: platform.database.url,
          AUTH_JWKS: JSON.stringify(jwks),
          PORT: String(port),
          HOST: '127.0.0.1',
          PLATFORM_DATA_DIR: platform.dataDir,
          LOG_LEVEL: 'error',
        },
        stdio: 'ignore',
      },
    );
    const paymentsUrl = `http://127.0.0.1:${port}/graphql`;
    await eventually(
      async () => !!(await graphql(paymentsUrl, '{ __typename }').catch(() => null)),
      {
        what: 'the payments process to answer',
        timeoutMs: 60_000,
      },
    );
    // a gateway of its own over the payments process (users was stopped above)
    const composed = composeServices([
      {
        name: 'payments',
        url: paymentsUrl,
        typeDefs: parse((await graphql(paymentsUrl, '{ _service { sdl } }')).data._service.sdl),
      },
    ]);
    gateway = await startGateway({
      supergraphSdl: composed.supergraphSdl!,
      jwks,
      port: 0,
      host: '127.0.0.1',
      rateLimit: { limit: 0 },
      subgraphFaults: faults,
    });
    url = gateway.url.replace('localhost', '127.0.0.1');
  }, 90_000);
  afterAll(async () => {
    await gateway?.stop();
    if (child?.pid) {
      child.kill('SIGCONT');
      child.kill('SIGTERM');
    }
  });

  it('times the frozen process out with SERVICE_UNAVAILABLE, then refuses at once, then recovers once it runs again', async () => {
    expect((await graphql(url, '{ plans { tier } }')).errors).toBeUndefined();

    child.kill('SIGSTOP');
    // the forwarded routes (uploads, media, webhooks) have their deadline too, and share the breaker
    const webhook = () =>
      fetch(new URL('/webhooks/stripe', url), { method: 'POST', body: '{}' }).then(async r => ({
        status: r.status,
        code: ((await r.json()) as { errors?: { extensions?: { code?: string } }[] }).errors?.[0]
          ?.extensions?.code,
      }));
    expect(await webhook()).toEqual({ status: 504, code: 'GATEWAY_TIMEOUT' });
    // without a deadline these requests would hang for as long as the process stays frozen
    for (let i = 0; i < 3; i++) {
      expect(errorCodes(await graphql(url, '{ plans { tier } }'))).toEqual(['SERVICE_UNAVAILABLE']);
    }
    expect(await webhook()).toEqual({ status: 503, code: 'SERVICE_UNAVAILABLE' });
    child.kill('SIGCONT');
    const recovered = await eventually(
      async () => {
        const response = await graphql(url, '{ plans { tier } }');
        return response.errors ? null : response;
      },
      { what: 'payments to answer through the gateway again', timeoutMs: 30_000 },
    );
    expect(recovered.data.plans.length).toBeGreaterThan(0);
  });
});
