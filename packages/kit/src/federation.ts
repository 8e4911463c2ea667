import { buildSubgraphSchema } from '@apollo/subgraph';
import { type GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { type GraphQLSchema, parse } from 'graphql';
import { GraphQLDateTime } from 'graphql-scalars';
import { buildSchema, createResolversMap, type BuildSchemaOptions } from 'type-graphql';
import { validateInput } from './validation';

const FEDERATION_LINK =
  'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@shareable", "@external", "@requires", "@provides", "@inaccessible", "@tag", "@interfaceObject"])';

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
  const typeDefs = parse(`${FEDERATION_LINK}\n${printSchemaWithDirectives(schema)}`);
  const resolvers = createResolversMap(schema) as GraphQLResolverMap<unknown>;
  for (const [typeName, reference] of Object.entries(referenceResolvers)) {
    resolvers[typeName] = { ...(resolvers[typeName] as object), ...reference } as any;
  }
  return buildSubgraphSchema({ typeDefs, resolvers });
}
