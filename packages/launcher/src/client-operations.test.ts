import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as documents from '@vp/client/src/gql/graphql';
import { checkDocumentText, DEFAULT_LIMITS, limitRules } from '@vp/gateway/src/limits';
import { buildSchema, type DocumentNode, print, specifiedRules, validate } from 'graphql';

// The apps' own operations must pass the gateway's limits (depth, aliases, cost, tokens, size):
// a page whose query the gateway refuses is a broken page, found here rather than in a browser.
const schema = buildSchema(readFileSync(join(__dirname, '../../../schema/api.graphql'), 'utf8'));
const operations = Object.entries(documents).filter(
  ([name, value]) => name.endsWith('Document') && typeof value === 'object' && (value as DocumentNode).kind === 'Document',
) as [string, DocumentNode][];

describe('the first-party operations (clients/shared)', () => {
  it('are there to check', () => {
    expect(operations.length).toBeGreaterThan(20);
  });

  it.each(operations)('%s passes the gateway’s limits', (_name, document) => {
    const text = print(document);
    expect(() => checkDocumentText(text, DEFAULT_LIMITS)).not.toThrow();
    const errors = validate(schema, document, [...specifiedRules, ...limitRules(DEFAULT_LIMITS)]);
    expect(errors.map(error => error.message)).toEqual([]);
  });
});
