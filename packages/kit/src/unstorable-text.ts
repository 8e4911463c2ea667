import { type ApolloServerPlugin } from '@apollo/server';
import { type DocumentNode, visit } from 'graphql';
import { badInput } from './errors';

/** U+0000, or a lone surrogate (half of a UTF-16 pair): neither survives the trip to PostgreSQL. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?:^|[^\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const unstorable = (text: string) => text.includes('\u0000') || LONE_SURROGATE.test(text);

/**
 * Where a value holds unstorable text (strings, lists, input objects, keys): its path below `at`
 * (`input.message`, `ids.2`), or null.
 */
function unstorableAt(value: unknown, at: string, depth = 0): string | null {
  if (typeof value === 'string') {
    return unstorable(value) ? at : null;
  }
  if (!value || typeof value !== 'object' || depth > 32) {
    return null;
  }
  for (const [key, entry] of Object.entries(value)) {
    const path = at ? `${at}.${key}` : key;
    const found = unstorable(key) ? path : unstorableAt(entry, path, depth + 1);
    if (found) {
      return found;
    }
  }
  return null;
}

/**
 * Refuses, before any resolver runs, an operation whose arguments hold text PostgreSQL cannot
 * take: U+0000 fails the statement ("invalid message format") and a lone surrogate fails JSON
 * columns (SQLSTATE 22P02), each surfacing as an INTERNAL_SERVER_ERROR from whichever resolver
 * passed the string on (the fuzzer found them in search suggestions and updateProfile). No real
 * text holds either, so it is bad input everywhere.
 */
export function unstorableTextPlugin(): ApolloServerPlugin {
  // the document's own strings are the same for every request that sends it (Apollo's document
  // cache hands out the same parsed document): looked at once per document
  const inDocument = new WeakMap<DocumentNode, string | null>();
  const unstorableInDocument = (document: DocumentNode) => {
    if (inDocument.has(document)) {
      return inDocument.get(document)!;
    }
    let found: string | null = null;
    const argument: string[] = [];
    visit(document, {
      Argument: {
        enter: node => void argument.push(node.name.value),
        leave: () => void argument.pop(),
      },
      ObjectField: {
        enter: node => void argument.push(node.name.value),
        leave: () => void argument.pop(),
      },
      StringValue(node) {
        if (!found && unstorable(node.value)) {
          found = argument.join('.') || 'query';
        }
      },
    });
    inDocument.set(document, found);
    return found;
  };
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document }) {
          // variables are named after their arguments by every client of ours: the path names
          // the field as the resolvers' own checks would
          const found = unstorableAt(request.variables ?? {}, '') ?? unstorableInDocument(document);
          if (found) {
            throw badInput(
              'Text may not contain the NUL character (U+0000) or half of a surrogate pair.',
              [{ field: found, message: 'No NUL character or lone surrogate.' }],
            );
          }
        },
      };
    },
  };
}
