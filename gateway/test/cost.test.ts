import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { errorCodes, graphql, subscribe } from '@vp/kit/testing';
import {
  buildSchema,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  parse,
  typeFromAST,
  GraphQLInt,
  type GraphQLInputType,
} from 'graphql';
import { type RunningGateway } from '../src/app';
import { operationCost } from '../src/partner/cost';
import { gatewayOverSupergraph } from './helpers';

const ROOT = join(__dirname, '../..');
const schema = buildSchema(readFileSync(join(ROOT, 'schema/api.graphql'), 'utf8'));
const cost = (query: string, variables: Record<string, unknown> = {}) =>
  operationCost({ schema, document: parse(query), variables });

/** A value of a variable's type for operations run without real variables (required parts only). */
function placeholder(type: GraphQLInputType): unknown {
  if (!isNonNullType(type)) {
    // page sizes the client leaves to the server are counted at their largest
    return getNullableType(type) === GraphQLInt ? 100 : undefined;
  }
  const inner = getNullableType(type);
  if (isListType(inner)) {
    return [];
  }
  if (isEnumType(inner)) {
    return inner.getValues()[0].value;
  }
  if (isInputObjectType(inner)) {
    return Object.fromEntries(
      Object.values(inner.getFields())
        .filter(field => isNonNullType(field.type) && field.defaultValue === undefined)
        .map(field => [field.name, placeholder(field.type)]),
    );
  }
  return { Int: 100, Float: 1, Boolean: true }[inner.name] ?? 'x';
}

/** The cost bomb: the page sizes come in a variable, which graphql-armor never saw. */
const TITLES_BOMB = `query Bomb($n: Int!) {
  titles(first: $n) { edges { node { id name
    seasons(first: $n) { edges { node { id
      episodes(first: $n) { edges { node { id name } } } } } } } } }
}`;

/** The same shape on a subscription (WebSocket serves only subscriptions). */
const SUBSCRIPTION_BOMB = `subscription Bomb($stream: ID!, $n: Int!) {
  chatMessageAdded(streamId: $stream) { id author {
    followers(first: $n) { edges { node { id
      following(first: $n) { edges { node { handle } } } } } } } }
}`;

describe('the cost rules (partner/cost.ts)', () => {
  it('multiplies nested lists by first with the variables applied', () => {
    // titles: 1 + 100 × (title 1 + seasons: 1 + 100 × (season 1 + episodes: 1 + 100 × episode 1))
    expect(cost(TITLES_BOMB, { n: 100 })).toBe(1 + 100 * (1 + 1 + 100 * (1 + 1 + 100 * 1)));
    expect(cost(TITLES_BOMB, { n: 100 })).toBe(1_020_201);
    expect(cost(TITLES_BOMB, { n: 2 })).toBe(21);
    // the same numbers written literally cost the same
    expect(cost(TITLES_BOMB.replace('($n: Int!)', '').replace(/\$n/g, '100'))).toBe(
      cost(TITLES_BOMB, { n: 100 }),
    );
  });

  it('counts first, else last, else the default (20 when the schema gives none)', () => {
    const titles = 'query ($first: Int!) { titles(first: $first) { edges { node { id } } } }';
    expect(cost(titles, { first: 7 })).toBe(1 + 7);
    expect(cost('{ titles { edges { node { id } } } }')).toBe(1 + 20);
    const chat =
      'query ($last: Int!) { chatMessages(streamId: "s", last: $last) { edges { node { id } } } }';
    expect(cost(chat, { last: 5 })).toBe(1 + 5);
    expect(cost('{ chatMessages(streamId: "s") { edges { node { id } } } }')).toBe(1 + 50);
    expect(
      cost('{ titles(first: 10) { edges { node { id } } pageInfo { hasNextPage endCursor } } }'),
    ).toBe(11);
    expect(cost('{ plans { id tier } }')).toBe(20);
  });

  it('charges objects, not scalars; mutations 10 more; rateLimit and introspection nothing', () => {
    expect(cost('{ video(id: "v") { id title } }')).toBe(1);
    expect(cost('{ video(id: "v") { id owner { handle } } }')).toBe(2);
    expect(cost('mutation { publishVideo(id: "v") { id } }')).toBe(11);
    expect(cost('{ rateLimit { limit cost remaining resetAt } }')).toBe(0);
    expect(cost('{ __schema { types { name fields { name args { name } } } } __typename }')).toBe(
      0,
    );
  });

  it('computes each parsed document once per value of the variables its cost depends on', () => {
    // the same parsed document, as Apollo hands it to every request with the same text
    const page = parse(`query Page($n: Int, $id: ID!, $withOwner: Boolean!) {
      video(id: $id) { id owner @include(if: $withOwner) { handle } }
      videos(first: $n) { edges { node { id owner { handle } } } }
    }`);
    const of = (variables: Record<string, unknown>) =>
      operationCost({ schema, document: page, variables });
    expect(of({ n: 10, id: 'a', withOwner: true })).toBe(2 + 1 + 10 * 2);
    expect(of({ n: 10, id: 'b', withOwner: true })).toBe(2 + 1 + 10 * 2);
    expect(of({ n: 50, id: 'a', withOwner: true })).toBe(2 + 1 + 50 * 2);
    expect(of({ n: 10, id: 'a', withOwner: false })).toBe(1 + 1 + 10 * 2);
    // absent: the argument's default (20) applies
    expect(of({ id: 'a', withOwner: true })).toBe(2 + 1 + 20 * 2);
    expect(of({ n: 10, id: 'a', withOwner: true })).toBe(2 + 1 + 10 * 2);
    const bomb = parse(TITLES_BOMB);
    expect(() => operationCost({ schema, document: bomb, variables: { n: 'lots' } })).toThrow(
      expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }) }),
    );
    // a freshly parsed copy is computed from scratch: the cached answer must match it
    expect(operationCost({ schema, document: bomb, variables: { n: 2 } })).toBe(
      cost(TITLES_BOMB, { n: 2 }),
    );
    expect(operationCost({ schema, document: bomb, variables: { n: 3 } })).toBe(
      cost(TITLES_BOMB, { n: 3 }),
    );
    expect(() => operationCost({ schema, document: bomb, variables: { n: 'lots' } })).toThrow(
      expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }) }),
    );
  });

  it('refuses variables that do not fit the operation', () => {
    expect(() => cost(TITLES_BOMB, { n: 'lots' })).toThrow(
      expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }) }),
    );
  });

  it('lets every first-party operation of clients/shared run within the limit, page sizes at their largest (100)', () => {
    const dir = join(ROOT, 'clients/shared/src/operations');
    const files = readdirSync(dir, { recursive: true })
      .map(String)
      .filter(name => name.endsWith('.graphql'));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const document = parse(readFileSync(join(dir, file), 'utf8'));
      for (const definition of document.definitions) {
        if (definition.kind === 'OperationDefinition' && definition.name) {
          // Optional variables are left out, as a client leaves them out (a present `undefined`
          // would count as null for an argument with a default).
          const variables = Object.fromEntries(
            (definition.variableDefinitions ?? [])
              .map(variable => [
                variable.variable.name.value,
                placeholder(typeFromAST(schema, variable.type as never) as GraphQLInputType),
              ])
              .filter(([, value]) => value !== undefined),
          );
          const value = operationCost({
            schema,
            document,
            variables,
            operationName: definition.name.value,
          });
          expect({ operation: definition.name.value, cost: value }).toEqual({
            operation: definition.name.value,
            cost: expect.any(Number),
          });
          expect(value).toBeLessThanOrEqual(10_000);
        }
      }
    }
  });
});

describe('the cost bomb through the gateway, before anything runs', () => {
  let gateway: RunningGateway;
  beforeAll(async () => {
    // no subgraph runs: a refusal never reaches one, and anything that did would fail loudly
    gateway = await gatewayOverSupergraph({ rateLimit: { limit: 0 } });
  });
  afterAll(() => gateway.stop());

  it('is refused over HTTP with its cost, charging nothing', async () => {
    const response = await graphql(gateway.url, TITLES_BOMB, { n: 100 });
    expect(response.status).toBe(400);
    expect(errorCodes(response)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    expect(response.errors![0].message).toMatch(
      /costs 1020201 points; one operation may cost at most 10000/,
    );
    expect(response.errors![0].extensions!.cost).toEqual({
      requestedQueryCost: 1_020_201,
      maximumQueryCost: 10_000,
    });
    expect(response.data).toBeUndefined();
    expect(response.headers.get('x-ratelimit-remaining')).toBe('5000');
    expect(response.headers.get('x-ratelimit-used')).toBe('0');
  });

  it('is refused over WebSocket the same way', async () => {
    const subscription = subscribe(gateway.url, SUBSCRIPTION_BOMB, { stream: 's1', n: 100 });
    await subscription.waitUntil(() => subscription.failures.length > 0).catch(() => undefined);
    await subscription.close();
    const [failure] = subscription.failures as {
      message: string;
      extensions: Record<string, unknown>;
    }[][];
    expect(failure[0].extensions).toMatchObject({
      code: 'GRAPHQL_VALIDATION_FAILED',
      cost: { requestedQueryCost: expect.any(Number), maximumQueryCost: 10_000 },
    });
    // chat message 1 + author 1 + followers: 1 + 100 × (follower 1 + following: 1 + 100 × 1)
    expect((failure[0].extensions.cost as { requestedQueryCost: number }).requestedQueryCost).toBe(
      10_203,
    );
    expect(failure[0].message).toMatch(/one operation may cost at most 10000/);
  });

  it('takes a small page of the same query', async () => {
    const response = await graphql(gateway.url, TITLES_BOMB, { n: 2 });
    // charged (21 points), then planned: no catalog runs here, so the fetch itself fails
    expect(response.headers.get('x-ratelimit-used')).toBe('21');
    expect(errorCodes(response)).not.toContain('GRAPHQL_VALIDATION_FAILED');
  });
});
