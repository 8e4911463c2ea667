import { type ApolloServerPlugin } from '@apollo/server';
import { visit } from 'graphql';
import { badInput } from './errors';

/** Whether a variable's value holds U+0000 anywhere (strings, lists, input objects, keys). */
function holdsNul(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') {
    return value.includes('\u0000');
  }
  if (!value || typeof value !== 'object' || depth > 32) {
    return false;
  }
  return Object.entries(value).some(
    ([key, entry]) => key.includes('\u0000') || holdsNul(entry, depth + 1),
  );
}

/**
 * Refuses, before any resolver runs, an operation whose arguments hold U+0000: PostgreSQL text
 * cannot store it and fails the statement ("invalid message format"), which would surface as an
 * INTERNAL_SERVER_ERROR from whichever resolver passed the string on (the fuzzer found one in
 * search suggestions). No real text needs the character, so it is bad input everywhere.
 */
export function nulTextPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document }) {
          let found = holdsNul(request.variables);
          if (!found) {
            visit(document, {
              StringValue(node) {
                if (node.value.includes('\u0000')) {
                  found = true;
                }
              },
            });
          }
          if (found) {
            throw badInput('Text may not contain the NUL character (U+0000).');
          }
        },
      };
    },
  };
}
