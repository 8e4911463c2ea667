import { type ApolloServerPlugin } from '@apollo/server';
import { Kind, visit } from 'graphql';
import { badInput } from './errors';

/** More than any gateway fetch needs (pages are ≤ 100 and cost-limited), far less than an attack. */
export const MAX_REPRESENTATIONS = 1000;

/**
 * Caps `_entities(representations:)`, whether the list comes as a variable (the gateway's way) or
 * inline (someone calling the subgraph directly), before any resolver runs.
 */
export function entitiesLimitPlugin(max = MAX_REPRESENTATIONS): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document }) {
          let count = 0;
          visit(document, {
            Field(node) {
              if (node.name.value !== '_entities') {
                return;
              }
              for (const argument of node.arguments ?? []) {
                if (argument.value.kind === Kind.LIST) {
                  count += argument.value.values.length;
                } else if (argument.value.kind === Kind.VARIABLE) {
                  const value = request.variables?.[argument.value.name.value];
                  count += Array.isArray(value) ? value.length : 0;
                }
              }
            },
          });
          if (count > max) {
            throw badInput(`At most ${max} representations per request.`);
          }
        },
      };
    },
  };
}
