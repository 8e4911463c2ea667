import { createServer } from 'node:http';
import { type AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { expressMiddleware } from '@as-integrations/express5';
import { createTokenVerifier, unauthenticated, viewerFromAuthorization, type Viewer } from '@vp/kit';
import express from 'express';
import { GraphQLError, parse } from 'graphql';
import { type JSONWebKeySet } from 'jose';
import { Pool } from 'pg';

/**
 * The bench's two subgraphs, the same shape as the platform's users and videos: `me` and `User`
 * in users; `video(id)` with `owner: User` in videos, so `video { owner { handle } }` needs both.
 * Each reads its own table of a scratch database and verifies the token itself, as the kit does.
 */
const LINK = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])';

export const usersTypeDefs = parse(`${LINK}
  type Query { me: User! }
  type User @key(fields: "id") { id: ID! handle: String! }
`);
export const videosTypeDefs = parse(`${LINK}
  type Query { video(id: ID!): Video }
  type Video @key(fields: "id") { id: ID! title: String! owner: User! }
  type User @key(fields: "id", resolvable: false) { id: ID! }
`);

interface Context {
  viewer: Viewer | null;
}

/** Creates and fills the two tables; returns the ids to query. */
export async function seed(databaseUrl: string) {
  const pool = new Pool({ connectionString: databaseUrl, max: 1 });
  await pool.query(`
    create schema users; create schema videos;
    create table users.users (id uuid primary key, handle text not null unique);
    create table videos.videos (id uuid primary key, title text not null, owner_id uuid not null);
    insert into users.users select gen_random_uuid(), 'user_' || n from generate_series(1, 1000) n;
    insert into videos.videos
      select gen_random_uuid(), 'Video ' || n, (select id from users.users order by id offset (n % 1000) limit 1)
      from generate_series(1, 10000) n;
    create index on videos.videos (owner_id);
  `);
  const { rows } = await pool.query(
    'select v.id as video_id, v.owner_id as user_id from videos.videos v order by v.id limit 1000',
  );
  await pool.end();
  return {
    userId: rows[0].user_id as string,
    videoId: rows[0].video_id as string,
    /** For the run where each request asks for a different video (no two requests alike). */
    videoIds: rows.map(row => row.video_id as string),
  };
}

async function serve(
  typeDefs: ReturnType<typeof parse>,
  resolvers: Record<string, unknown>,
  jwks: JSONWebKeySet,
) {
  const verify = createTokenVerifier(jwks);
  const apollo = new ApolloServer<Context>({ schema: buildSubgraphSchema({ typeDefs, resolvers: resolvers as never }) });
  await apollo.start();
  const app = express();
  app.use(
    '/graphql',
    express.json(),
    expressMiddleware(apollo, {
      context: async ({ req }) => ({
        viewer: await viewerFromAuthorization(req.headers.authorization, verify).catch(error => {
          throw new GraphQLError(error.message, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
        }),
      }),
    }),
  );
  const server = createServer(app);
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
}

export async function startBenchSubgraphs(databaseUrl: string, jwks: JSONWebKeySet) {
  const pool = new Pool({ connectionString: databaseUrl, max: 10 });
  const userById = async (id: string) =>
    (await pool.query('select id, handle from users.users where id = $1', [id])).rows[0] ?? null;
  const users = await serve(
    usersTypeDefs,
    {
      Query: {
        me: async (_: unknown, __: unknown, { viewer }: Context) => {
          if (!viewer) {
            throw unauthenticated();
          }
          return userById(viewer.id);
        },
      },
      User: { __resolveReference: (reference: { id: string }) => userById(reference.id) },
    },
    jwks,
  );
  const videos = await serve(
    videosTypeDefs,
    {
      Query: {
        video: async (_: unknown, { id }: { id: string }) =>
          (await pool.query('select id, title, owner_id from videos.videos where id = $1', [id])).rows[0] ?? null,
      },
      Video: { owner: (video: { owner_id: string }) => ({ __typename: 'User', id: video.owner_id }) },
    },
    jwks,
  );
  return { users, videos };
}
