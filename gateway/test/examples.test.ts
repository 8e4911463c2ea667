import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchema, parse, validate } from 'graphql';
import { PLAYGROUND_EXAMPLES } from '../src/partner/examples';

const schema = buildSchema(readFileSync(join(__dirname, '../../schema/api.graphql'), 'utf8'));

describe("the playground's example operations", () => {
  it.each(PLAYGROUND_EXAMPLES.map(example => [example.title, example] as const))(
    '%s is valid against schema/api.graphql',
    (_title, example) => {
      expect(validate(schema, parse(example.query))).toEqual([]);
      if (example.variables) {
        expect(() => JSON.parse(example.variables!)).not.toThrow();
      }
    },
  );
});
