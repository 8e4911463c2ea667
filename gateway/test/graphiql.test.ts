import { chromiumPath, itIfChromium } from '@vp/kit/testing';
import { chromium } from 'playwright-core';
import { type RunningGateway } from '../src/app';
import { startFixtureGraph, type FixtureGraph } from './fixtures/subgraphs';
import { gatewayOver } from './helpers';

let graph: FixtureGraph;
let gateway: RunningGateway;

beforeAll(async () => {
  graph = await startFixtureGraph();
  gateway = await gatewayOver(graph, { rateLimit: { limit: 0 } });
});
afterAll(async () => {
  await gateway.stop();
  await graph.stop();
});

describe('GraphiQL served by the gateway', () => {
  it('serves the page to browsers, with its assets from the gateway itself and a strict CSP', async () => {
    const page = await fetch(gateway.url, {
      headers: { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' },
    });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toMatch(/script-src 'self'/);
    const html = await page.text();
    const scripts = [...html.matchAll(/src="([^"]+)"/g)].map(match => match[1]);
    expect(scripts).toHaveLength(4);
    for (const src of [
      ...scripts,
      ...[...html.matchAll(/href="([^"]+)"/g)].map(match => match[1]),
    ]) {
      expect(src.startsWith('/')).toBe(true); // no CDN
      const asset = await fetch(new URL(src, gateway.url));
      expect(asset.status).toBe(200);
    }
  });

  it('answers API clients, not with the page, on the same path', async () => {
    const response = await fetch(`${gateway.url}?query={__typename}`, {
      headers: { accept: 'application/json', 'apollo-require-preflight': '1' },
    });
    expect(await response.json()).toMatchObject({
      data: { __typename: 'Query' },
      extensions: { cost: { requestedQueryCost: 0 } },
    });
  });

  itIfChromium(
    'renders in headless Chromium and loads the schema',
    async () => {
      const browser = await chromium.launch({
        executablePath: chromiumPath(),
        args: ['--no-sandbox'],
      });
      try {
        const page = await browser.newPage();
        const problems: string[] = [];
        page.on('pageerror', error => problems.push(error.message));
        page.on('response', response => {
          if (response.status() >= 400) {
            problems.push(`${response.status()} ${response.url()}`);
          }
        });
        page.on('console', message => {
          if (message.type() === 'error') {
            problems.push(message.text());
          }
        });
        await page.goto(gateway.url);
        await page.waitForSelector('.graphiql-container', { timeout: 15_000 });
        // the schema arrived through the gateway's own endpoint: the docs explorer can open it
        await page.click('[aria-label="Show Documentation Explorer"]');
        await page.waitForSelector('text=VideoConnection', { timeout: 10_000 });
        expect(problems).toEqual([]);
        // opens with the example operations as tabs, and takes an API key that it then sends (a
        // made-up one: refused with 401, which is not this test's concern)
        expect(await page.locator('.graphiql-tab').count()).toBeGreaterThanOrEqual(3);
        await page.fill('#vp-api-key', 'vp_not-a-real-key');
        await page.dispatchEvent('#vp-api-key', 'change');
        const sent = page.waitForRequest(
          request => request.method() === 'POST' && request.url().endsWith('/graphql'),
        );
        await page.click('.graphiql-execute-button');
        expect((await sent).headers().authorization).toBe('Bearer vp_not-a-real-key');
        if (process.env.GRAPHIQL_SCREENSHOT) {
          await page.screenshot({ path: process.env.GRAPHIQL_SCREENSHOT, fullPage: true });
        }
      } finally {
        await browser.close();
      }
    },
    60_000,
  );
});
