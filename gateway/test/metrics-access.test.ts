import { networkInterfaces } from 'node:os';
import { describeOrSkip } from '@vp/kit/testing';
import { type RunningGateway } from '../src/app';
import { startFixtureGraph, type FixtureGraph } from './fixtures/subgraphs';
import { gatewayOver } from './helpers';

const METRICS_TOKEN = 'metrics-token-for-tests-0123456789';

/** An address of this machine that is not loopback, to call the gateway as a remote client would. */
const outsideAddress = Object.values(networkInterfaces())
  .flat()
  .find(address => address && !address.internal && address.family === 'IPv4')?.address;

let graph: FixtureGraph;
let gateway: RunningGateway;

beforeAll(async () => {
  graph = await startFixtureGraph();
  gateway = await gatewayOver(graph, {
    host: '0.0.0.0',
    metricsToken: METRICS_TOKEN,
    rateLimit: { limit: 0 },
  });
});
afterAll(async () => {
  await gateway.stop();
  await graph.stop();
});

const metricsAt = (host: string, headers: Record<string, string> = {}) =>
  fetch(`http://${host}:${gateway.port}/metrics`, { headers });

describe('/metrics is not public', () => {
  it('answers a caller on loopback', async () => {
    const response = await metricsAt('127.0.0.1');
    expect(response.status).toBe(200);
    expect(await response.text()).toMatch(/gateway_requests_total|process_cpu/);
  });

  it('does not count a request relayed by a proxy on this machine as a loopback caller', async () => {
    const response = await metricsAt('127.0.0.1', { 'x-forwarded-for': '198.51.100.9' });
    expect(response.status).toBe(404);
    expect(await response.text()).not.toMatch(/process_cpu/);
    expect((await metricsAt('127.0.0.1', { forwarded: 'for=198.51.100.9' })).status).toBe(404);
  });

  it('answers a proxied caller that presents the metrics bearer token', async () => {
    const response = await metricsAt('127.0.0.1', {
      'x-forwarded-for': '198.51.100.9',
      authorization: `Bearer ${METRICS_TOKEN}`,
    });
    expect(response.status).toBe(200);
  });
});

describeOrSkip(
  outsideAddress
    ? undefined
    : 'no non-loopback IPv4 address on this machine to call the gateway from',
  '/metrics seen from another machine',
  () => {
    it.each([
      ['no token', {}],
      ['a wrong token', { authorization: `Bearer ${METRICS_TOKEN}x` }],
      ['the token as Basic', { authorization: `Basic ${METRICS_TOKEN}` }],
      ['a user access token shape', { authorization: 'Bearer eyJhbGciOiJFZERTQSJ9.e30.x' }],
    ])('refuses a remote caller with %s', async (_name, headers) => {
      const response = await metricsAt(outsideAddress!, headers as Record<string, string>);
      expect(response.status).toBe(404);
      expect(await response.text()).not.toMatch(/gateway_|process_/);
    });

    it('answers a remote caller with the right token', async () => {
      const response = await metricsAt(outsideAddress!, {
        authorization: `Bearer ${METRICS_TOKEN}`,
      });
      expect(response.status).toBe(200);
      expect(await response.text()).toMatch(/process_cpu/);
    });

    it('refuses every remote caller when no metrics token is configured', async () => {
      const untokened = await gatewayOver(graph, { host: '0.0.0.0', rateLimit: { limit: 0 } });
      try {
        const response = await fetch(`http://${outsideAddress!}:${untokened.port}/metrics`, {
          headers: { authorization: 'Bearer ' },
        });
        expect(response.status).toBe(404);
        expect((await fetch(`http://127.0.0.1:${untokened.port}/metrics`)).status).toBe(200);
      } finally {
        await untokened.stop();
      }
    });
  },
);
