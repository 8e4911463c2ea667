import { composeServices } from '@apollo/composition';
import { printSubgraphSchema } from '@apollo/subgraph';
import { parse, printSchema } from 'graphql';
import { SUBGRAPHS } from './subgraphs';

export interface Composition {
  subgraphs: { name: string; sdl: string }[];
  supergraph: string;
  /** The client-facing schema (no join__ types, no _entities): what codegen reads. */
  api: string;
}

/** Composes the supergraph from the subgraphs' own schemas, built in-process (no server needed). */
export async function composeSupergraph(): Promise<Composition> {
  const subgraphs = [];
  for (const { definition, port } of SUBGRAPHS) {
    const sdl = printSubgraphSchema(await definition.buildSchema());
    subgraphs.push({ name: definition.name, sdl, url: `http://127.0.0.1:${port}/graphql` });
  }
  const result = composeServices(
    subgraphs.map(({ name, sdl, url }) => ({ name, url, typeDefs: parse(sdl) })),
  );
  if (result.errors) {
    throw new Error(`Composition failed:\n${result.errors.map(e => `- ${e.message}`).join('\n')}`);
  }
  return {
    subgraphs: subgraphs.map(({ name, sdl }) => ({ name, sdl })),
    supergraph: result.supergraphSdl,
    api: printSchema(result.schema.toAPISchema().toGraphQLJSSchema()) + '\n',
  };
}
