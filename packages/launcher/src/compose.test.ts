import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { composeSupergraph } from './compose';

const root = join(__dirname, '../../..');
const committed = (path: string) => readFileSync(join(root, path), 'utf8');

describe('the committed supergraph', () => {
  it('composes and matches what `npm run compose` writes today', async () => {
    const { subgraphs, supergraph, api } = await composeSupergraph();
    const stale = 'is stale: run `npm run compose` and commit the result';
    for (const { name, sdl } of subgraphs) {
      expect({ file: `subgraphs/${name}/schema.graphql`, sdl }).toEqual({
        file: `subgraphs/${name}/schema.graphql`,
        sdl: committed(`subgraphs/${name}/schema.graphql`),
      });
    }
    expect(supergraph === committed('schema/supergraph.graphql') ? 'fresh' : `schema/supergraph.graphql ${stale}`).toBe('fresh');
    expect(api === committed('schema/api.graphql') ? 'fresh' : `schema/api.graphql ${stale}`).toBe('fresh');
  });

  it('keeps the federation internals out of the public API', async () => {
    const { api } = await composeSupergraph();
    expect(api).not.toMatch(/_entities|_service|join__/);
  });
});
