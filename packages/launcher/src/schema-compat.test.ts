import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { breakingChanges, changelogCoordinates } from './schema-compat';

const ROOT = join(__dirname, '../../..');
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');

// Fails `npm test` on a breaking change to the public API that was not deprecated first and
// recorded in schema/CHANGELOG.md (docs/partners.md, "Deprecation policy").
describe('the public API stays compatible with its baseline', () => {
  it('has no breaking change to schema/api.graphql that the deprecation policy does not allow', async () => {
    const changes = await breakingChanges(
      read('schema/baseline/api.graphql'),
      read('schema/api.graphql'),
      read('schema/CHANGELOG.md'),
    );
    expect(changes.filter(change => change.problem)).toEqual([]);
  });
});

describe('the compatibility rule', () => {
  const BASE = `
    type Query {
      video(id: ID!, region: String): Video
      count: Int
      legacy: Int @deprecated(reason: "Use count.")
    }
    type Video { id: ID! title: String! }
    enum Tier { FREE PREMIUM OLD @deprecated(reason: "gone") }
    input Filter { tier: Tier }
  `;

  it('refuses removed, retyped and newly required fields and arguments that were not deprecated first', async () => {
    const next = `
      type Query {
        video(id: ID!, region: String!): Video
        count: String
        legacy: Int @deprecated(reason: "Use count.")
      }
      type Video { id: ID! }
      enum Tier { FREE PREMIUM OLD @deprecated(reason: "gone") }
      input Filter { tier: Tier }
    `;
    const changes = await breakingChanges(BASE, next, '');
    expect(changes.map(change => change.path).sort()).toEqual([
      'Query.count',
      'Query.video.region',
      'Video.title',
    ]);
    expect(changes.every(change => /not deprecated first/.test(change.problem ?? ''))).toBe(true);
  });

  it('allows removing what was deprecated and recorded in the changelog, and nothing unrecorded', async () => {
    const next = `
      type Query { video(id: ID!, region: String): Video count: Int }
      type Video { id: ID! title: String! }
      enum Tier { FREE PREMIUM }
      input Filter { tier: Tier }
    `;
    const unrecorded = await breakingChanges(BASE, next, '');
    expect(unrecorded.map(change => change.problem)).toEqual([
      expect.stringMatching(/CHANGELOG.md does not record `Query.legacy`/),
      expect.stringMatching(/CHANGELOG.md does not record `Tier.OLD`/),
    ]);
    const recorded = await breakingChanges(
      BASE,
      next,
      '- Removed `Query.legacy` (deprecated 2026-06) and `Tier.OLD`.',
    );
    expect(recorded.filter(change => change.problem)).toEqual([]);
  });

  it('treats additions as compatible', async () => {
    const next = BASE.replace('count: Int', 'count: Int\n newField(first: Int = 20): [Video!]!');
    expect(await breakingChanges(BASE, next, '')).toEqual([]);
  });

  it('reads coordinates from the changelog, with arguments as Type.field(arg)', () => {
    expect([
      ...changelogCoordinates('`Query.video(region)` and `Video.title`, not `video`'),
    ]).toEqual(['Query.video.region', 'Video.title']);
  });
});
