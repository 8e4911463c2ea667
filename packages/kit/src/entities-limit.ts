import { type ApolloServerPlugin } from '@apollo/server';
import { type DocumentNode, Kind, visit } from 'graphql';
import { badInput } from './errors';

/** More than any gateway fetch needs (pages are ≤ 100 and cost-limited), far less than an attack. */
export const MAX_REPRESENTATIONS = 1000;

/**
 * Caps `_entities(representations:)`, whether the list comes as a variable (the gateway's way) or
 * inline (someone calling the subgraph directly), before any resolver runs.
 */
export function entitiesLimitPlugin(max = MAX_REPRESENTATIONS): ApolloServerPlugin {
  // Apollo hands the same parsed document to every request with the same text (its document
  // cache): what the document itself says is worked out once per document, not per request.
  const shapes = new WeakMap<DocumentNode, { inline: number; variables: string[] }>();
  const shapeOf = (document: DocumentNode) => {
    let shape = shapes.get(document);
    if (!shape) {
      const found = { inline: 0, variables: [] as string[] };
      visit(document, {
        Field(node) {
          if (node.name.value !== '_entities') {
            return;
          }
          for (const argument of node.arguments ?? []) {
            if (argument.value.kind === Kind.LIST) {
              found.inline += argument.value.values.length;
            } else if (argument.value.kind === Kind.VARIABLE) {
              found.variables.push(argument.value.name.value);
            }
          }
        },
      });
      shape = found;
      shapes.set(document, shape);
    }
    return shape;
  };
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document }) {
          const shape = shapeOf(document);
          let count = shape.inline;
          for (const name of shape.variables) {
            const value = request.variables?.[name];
            count += Array.isArray(value) ? value.length : 0;
          }
          if (count > max) {
            throw badInput(`At most ${max} representations per request.`);
          }
        },
      };
    },
  };
}
