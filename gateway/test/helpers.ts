import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { startStandaloneServer } from '@apollo/server/standalone';
import { buildSubgraphSchema } from '@apollo/subgraph';
import {
  createSharedState,
  createTokenVerifier,
  generateSigningKeys,
  type SharedState,
  signAccessToken,
  viewerFromAuthorization,
  type Viewer,
} from '@vp/kit';
import { testKeys, tokenFor } from '@vp/kit/testing';
import { parse } from 'graphql';
import { SignJWT, importJWK } from 'jose';
import { startGateway, type GatewayConfig, type RunningGateway } from '../src/app';
import { type FixtureGraph } from './fixtures/subgraphs';

export async function gatewayOver(
  graph: FixtureGraph,
  config: Partial<GatewayConfig> = {},
): Promise<RunningGateway> {
  return startGateway({
    supergraphSdl: graph.supergraphSdl,
    jwks: (await testKeys()).jwks,
    port: 0,
    host: '127.0.0.1',
    ...config,
  });
}

/**
 * A subgraph of `sdl` on a free port whose resolvers get the verified viewer (null when anonymous)
 * as their context, as the platform's subgraphs do.
 */
export async function startViewerSubgraph(name: string, sdl: string, resolvers: object) {
  const typeDefs = parse(sdl);
  const verify = createTokenVerifier((await testKeys()).jwks);
  const server = new ApolloServer<{ viewer: Viewer | null }>({
    plugins: [ApolloServerPluginInlineTraceDisabled()],
    schema: buildSubgraphSchema({ typeDefs, resolvers: resolvers as never }),
  });
  const { url } = await startStandaloneServer(server, {
    listen: { port: 0, host: '127.0.0.1' },
    context: async ({ req }) => ({
      viewer: await viewerFromAuthorization(req.headers.authorization, verify),
    }),
  });
  return { name, url, typeDefs, stop: () => server.stop() };
}

/**
 * A gateway over `supergraphSdl` with its caches on (in process, or on `redisUrl`), and the shared
 * state a subgraph's process would invalidate them through, both starting empty.
 */
export async function cachingGatewayOver(
  supergraphSdl: string,
  redisUrl: string | undefined,
): Promise<{ gateway: RunningGateway; subgraphState: SharedState }> {
  const gateway = await gatewayOver({ supergraphSdl } as FixtureGraph, {
    rateLimit: { limit: 0 },
    redisUrl,
    readyChecksSubgraphs: false,
  });
  const subgraphState = await createSharedState(redisUrl);
  // earlier runs on the same Redis: start from an empty generation
  await subgraphState.responseCache.invalidate('test start');
  return { gateway, subgraphState };
}

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** Tokens that must all be refused: each breaks one rule of the access-token contract. */
export async function badTokens(): Promise<Record<string, string>> {
  const good = await tokenFor('u1');
  const [header, payload, signature] = good.split('.');
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
  const other = await generateSigningKeys();
  const { privateJwk } = await testKeys();
  const viewer = { id: 'u1', roles: [], sessionId: 's1' };
  return {
    forged: (await signAccessToken(other.privateJwk, viewer)).token,
    tampered: `${header}.${b64({ ...claims, sub: 'u2' })}.${signature}`,
    expired: (await signAccessToken(privateJwk, viewer, -120)).token,
    algNone: `${b64({ alg: 'none', typ: 'at+jwt' })}.${b64(claims)}.`,
    wrongTyp: await new SignJWT({ sid: 's1', roles: [] })
      .setProtectedHeader({ alg: 'EdDSA', typ: 'JWT', kid: privateJwk.kid })
      .setSubject('u1')
      .setIssuer(claims.iss)
      .setAudience(claims.aud)
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(await importJWK(privateJwk, 'EdDSA')),
    garbage: 'not-a-jwt',
  };
}

/**
 * A gateway over the repository's committed supergraph with no subgraph running (every subgraph URL
 * points at a closed port): what is refused before planning can be tested without the platform.
 */
export async function gatewayOverSupergraph(
  config: Partial<GatewayConfig> = {},
): Promise<RunningGateway> {
  const { readFileSync } = await import('node:fs');
  const { join } = await import('node:path');
  const supergraphSdl = readFileSync(join(__dirname, '../../schema/supergraph.graphql'), 'utf8');
  const nowhere = 'http://127.0.0.1:9/graphql';
  const names = [...supergraphSdl.matchAll(/join__graph\(name: "([^"]+)"/g)].map(match => match[1]);
  return startGateway({
    supergraphSdl,
    jwks: (await testKeys()).jwks,
    port: 0,
    host: '127.0.0.1',
    readyChecksSubgraphs: false,
    subgraphUrls: Object.fromEntries(names.map(name => [name, nowhere])),
    ...config,
  });
}
