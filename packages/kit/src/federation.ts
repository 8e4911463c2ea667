import { buildSubgraphSchema } from '@apollo/subgraph';
import { type GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { type GraphQLResolveInfo, type GraphQLSchema, parse } from 'graphql';
import { GraphQLDateTime } from 'graphql-scalars';
import { buildSchema, createResolversMap, type BuildSchemaOptions } from 'type-graphql';
import { validateInput } from './validation';

const FEDERATION_LINK =
  'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@shareable", "@external", "@requires", "@provides", "@inaccessible", "@tag", "@interfaceObject"])';

/**
 * Apollo's cache hints (`@Directive('@cacheControl(maxAge: 30)')` on a type or field): each
 * subgraph computes its response's policy from them and says it in `Cache-Control`, which the
 * gateway combines into the operation's (response-cache.ts there). Without a hint a root field or
 * an object field is uncacheable (maxAge 0): only what is marked public is ever cached.
 */
export const CACHE_CONTROL_DEFINITIONS = `
enum CacheControlScope @inaccessible { PUBLIC PRIVATE }
directive @cacheControl(maxAge: Int, scope: CacheControlScope, inheritMaxAge: Boolean) on FIELD_DEFINITION | OBJECT | INTERFACE | UNION
`;

/** How long public metadata may be served from a cache (events invalidate it sooner). */
export const PUBLIC_MAX_AGE_SECONDS = 30;

/** `@Directive(PUBLIC_CACHE)`: a type or root field whose answer is the same for every viewer. */
export const PUBLIC_CACHE = `@cacheControl(maxAge: ${PUBLIC_MAX_AGE_SECONDS})`;

/**
 * `@Directive(UNCACHED)`: a field of a public type that depends on the viewer (their like, their
 * entitlement, signed playback URLs, the owner's private details): any response holding it is
 * never cached, not even for that viewer.
 */
export const UNCACHED = '@cacheControl(maxAge: 0)';

/** `@Directive(LIVE_COUNT_CACHE)`: what counts people watching now (and lists showing it). */
export const LIVE_COUNT_CACHE = '@cacheControl(maxAge: 10)';

/**
 * `@Directive(VIEWER_CACHE)`: a root or list field computed for the viewer (what their age check,
 * their entitlement, suspensions and blocks let them see): the gateway keys every signed-in answer
 * by its credential, so it is only ever served back to that viewer (anonymous viewers all get the
 * same list). Never for what the viewer changes and expects to see at once (their like, progress,
 * playback): those stay UNCACHED.
 */
export const VIEWER_CACHE = `@cacheControl(maxAge: ${PUBLIC_MAX_AGE_SECONDS}, scope: PRIVATE)`;

/**
 * `@Directive(INHERITED_CACHE)`: a wrapper type (an edge, page info, a search connection) or a field of a
 * union type, which is as cacheable as the field that holds it: without it every list would be
 * uncacheable whatever its field and its nodes say. A root field still needs a hint of its own.
 */
export const INHERITED_CACHE = '@cacheControl(inheritMaxAge: true)';

/**
 * Makes the answer holding this field uncacheable for this value only (a field hinted cacheable
 * whose value, this time, depends on something the viewer may change at any moment).
 */
export function uncachedHere(info: GraphQLResolveInfo): void {
  (
    info as GraphQLResolveInfo & {
      cacheControl?: { setCacheHint(hint: { maxAge: number }): void };
    }
  ).cacheControl?.setCacheHint({ maxAge: 0 });
}

/**
 * type-graphql refuses to build a schema with subscriptions without a pub/sub, and composition
 * builds every schema without one (it only prints them). Serving always passes the real one.
 */
const PRINT_ONLY_PUBSUB = {
  publish() {},
  subscribe(): AsyncIterable<unknown> {
    throw new Error('This schema was built without a pub/sub; it can be printed, not served.');
  },
};

export type ReferenceResolvers = Record<
  string,
  { __resolveReference: (reference: any, context: any, info: any) => unknown }
>;

/**
 * type-graphql builds the schema from the decorated classes; Apollo turns its SDL (with the
 * federation directives) into a subgraph schema that answers `_service` and `_entities`.
 */
export async function buildFederatedSchema(
  options: Omit<BuildSchemaOptions, 'skipCheck' | 'validate' | 'validateFn'>,
  referenceResolvers: ReferenceResolvers = {},
): Promise<GraphQLSchema> {
  const schema = await buildSchema({
    scalarsMap: [{ type: Date, scalar: GraphQLDateTime }],
    ...options,
    // One way to check inputs everywhere (validation.ts): trimmed, declared rules, one error shape.
    validateFn: validateInput,
    pubSub: options.pubSub ?? PRINT_ONLY_PUBSUB,
    skipCheck: true,
  });
  const printed = printSchemaWithDirectives(schema);
  const typeDefs = parse(
    `${FEDERATION_LINK}\n${printed.includes('@cacheControl') ? CACHE_CONTROL_DEFINITIONS : ''}\n${printed}`,
  );
  const resolvers = createResolversMap(schema) as GraphQLResolverMap<unknown>;
  for (const [typeName, reference] of Object.entries(referenceResolvers)) {
    resolvers[typeName] = { ...(resolvers[typeName] as object), ...reference } as any;
  }
  return buildSubgraphSchema({ typeDefs, resolvers });
}
