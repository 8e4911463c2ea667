import { type ApolloServerPlugin } from '@apollo/server';
import { visit } from 'graphql';
import { badInput } from './errors';

/** U+0000, or a lone surrogate (half of a UTF-16 pair): neither survives the trip to PostgreSQL. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?:^|[^\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const unstorable = (text: string) => text.includes('\u0000') || LONE_SURROGATE.test(text);

/** Whether a variable's value holds unstorable text anywhere (strings, lists, input objects, keys). */
function holdsUnstorable(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') {
    return unstorable(value);
  }
  if (!value || typeof value !== 'object' || depth > 32) {
    return false;
  }
  return Object.entries(value).some(
    ([key, entry]) => unstorable(key) || holdsUnstorable(entry, depth + 1),
  );
}

/**
 * Refuses, before any resolver runs, an operation whose arguments hold text PostgreSQL cannot
 * take: U+0000 fails the statement ("invalid message format") and a lone surrogate fails JSON
 * columns (SQLSTATE 22P02), each surfacing as an INTERNAL_SERVER_ERROR from whichever resolver
 * passed the string on (the fuzzer found them in search suggestions and updateProfile). No real
 * text holds either, so it is bad input everywhere.
 */
export function unstorableTextPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document }) {
          let found = holdsUnstorable(request.variables);
          if (!found) {
            visit(document, {
              StringValue(node) {
                if (unstorable(node.value)) {
                  found = true;
                }
              },
            });
          }
          if (found) {
            throw badInput(
              'Text may not contain the NUL character (U+0000) or half of a surrogate pair.',
            );
          }
        },
      };
    },
  };
}
