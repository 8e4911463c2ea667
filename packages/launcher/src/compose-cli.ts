/** `npm run compose`: writes each subgraph's SDL and the composed supergraph and API schemas. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { composeSupergraph } from './compose';

const root = join(__dirname, '../../..');

composeSupergraph().then(
  ({ subgraphs, supergraph, api }) => {
    for (const { name, sdl } of subgraphs) {
      writeFileSync(join(root, 'subgraphs', name, 'schema.graphql'), sdl);
      console.log(`subgraphs/${name}/schema.graphql`);
    }
    writeFileSync(join(root, 'schema/supergraph.graphql'), supergraph);
    writeFileSync(join(root, 'schema/api.graphql'), api);
    console.log('schema/supergraph.graphql\nschema/api.graphql');
  },
  err => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
