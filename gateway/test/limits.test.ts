import { errorCodes, graphql } from '@vp/kit/testing';
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
beforeEach(() => graph.clear());

const nest = (depth: number) => {
  // video { owner { bestFriend { bestFriend … { handle } } } }
  let inner = 'handle';
  for (let i = 0; i < depth - 3; i++) {
    inner = `bestFriend { ${inner} }`;
  }
  return `{ video(id: "v1") { owner { ${inner} } } }`;
};

const abusive: [string, string, RegExp][] = [
  ['a depth bomb (12 levels)', nest(12), /depth limit of 10/],
  [
    '16 aliases',
    `{ ${Array.from({ length: 16 }, (_, i) => `a${i}: video(id: "v${i}") { id }`).join(' ')} }`,
    /aliases/i,
  ],
  [
    '51 directives',
    `{ video(id: "v1") { id ${'@include(if: true) '.repeat(51)} } }`,
    /directives/i,
  ],
  ['1001 tokens', `{ video(id: "v1") { ${'id '.repeat(1000)} } }`, /1000 tokens/],
  [
    'a cost bomb',
    // 1 + 1 + 1 + 100 × (1 + 1 + 1 + 100 × 1) = 10 303 (partner/cost.ts; cost.test.ts has the rest)
    '{ video(id: "v1") { owner { videos(first: 100) { edges { node { owner { videos(first: 100) { edges { node { id } } } } } } } } } }',
    /cost/i,
  ],
  ['a 15001-character document', `{ video(id: "v1") { id } }${' '.repeat(15_001)}`, /15000/],
];

describe('operation limits over HTTP', () => {
  it.each(abusive)(
    'refuses %s before planning, with a coded error',
    async (_name, query, message) => {
      const response = await graphql(gateway.url, query);
      expect(response.status).toBe(400);
      expect(errorCodes(response)).toContain('GRAPHQL_VALIDATION_FAILED');
      expect(response.errors!.map(e => e.message).join(' ')).toMatch(message);
      expect(response.data).toBeUndefined();
      expect(graph.accounts.requests.length + graph.media.requests.length).toBe(0);
    },
  );

  it('accepts 10 levels, 15 aliases and the introspection query GraphiQL sends', async () => {
    expect((await graphql(gateway.url, nest(10))).errors).toBeUndefined();
    const aliases = `{ ${Array.from({ length: 15 }, (_, i) => `a${i}: video(id: "v1") { id }`).join(' ')} }`;
    expect((await graphql(gateway.url, aliases)).errors).toBeUndefined();
    const { getIntrospectionQuery } = await import('graphql');
    const introspection = await graphql(
      gateway.url,
      getIntrospectionQuery({ descriptions: true, inputValueDeprecation: true }),
    );
    expect(introspection.errors).toBeUndefined();
  });
});
