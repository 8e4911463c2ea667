import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runSubgraph, type SigningKeys } from '@vp/kit';
import { graphql } from '@vp/kit/testing';
import { LocalMailbox, users } from '@vp/users';
import { videos } from '@vp/videos';
import { Pool } from 'pg';

export type SubgraphRole = 'users' | 'videos';

export interface BenchSubgraphConfig {
  databaseUrl: string;
  keys: SigningKeys;
}

/**
 * The platform's real users and videos subgraphs (runSubgraph: migrations, MikroORM, the kit's
 * server), each in the process that calls this, on the bench's scratch database.
 */
export async function startBenchSubgraph(
  role: SubgraphRole,
  { databaseUrl, keys }: BenchSubgraphConfig,
) {
  const dataDir = mkdtempSync(join(tmpdir(), `bench-${role}-`));
  const common = { databaseUrl, jwks: keys.jwks, port: 0, host: '127.0.0.1' };
  const server =
    role === 'users'
      ? await runSubgraph(users, {
          ...common,
          signingKey: keys.privateJwk,
          dataDir,
          mailer: new LocalMailbox(dataDir),
        })
      : await runSubgraph(videos, { ...common, dataDir, worker: false });
  return server.url.replace('localhost', '127.0.0.1');
}

const BENCH_PASSWORD = 'bench-password-not-common-42';
const BENCH_EMAIL = 'bench.viewer@example.com';

/**
 * Rows straight into the two subgraphs' tables once they have migrated them: 1,000 users (argon2
 * would make signing them up take minutes; nobody signs in as them) and `videos` published PUBLIC
 * videos spread over them. Returns every video id, in random order.
 */
export async function seed(databaseUrl: string, videos = 10_000): Promise<string[]> {
  const pool = new Pool({ connectionString: databaseUrl, max: 1 });
  try {
    await pool.query(`
      insert into users."user" (id, email, handle, display_name, birth_date, password_hash, created_at)
        select gen_random_uuid(), 'user' || n || '@bench.example', 'bench_user_' || n, 'Bench user ' || n,
               date '1990-01-01', '!unusable', now()
        from generate_series(1, 1000) n;
      with owners as (select id, row_number() over (order by id) - 1 as i from users."user")
      insert into videos.video (id, owner_id, title, status, visibility, published_at, created_at, updated_at)
        select gen_random_uuid(), owners.id, 'Bench video ' || n, 'READY', 'PUBLIC',
               now() - interval '1 hour', now() - interval '2 hours', now()
        from generate_series(1, ${Math.floor(videos)}) n join owners on owners.i = n % 1000;
      analyze users."user"; analyze videos.video;
    `);
    const { rows } = await pool.query<{ id: string }>(
      'select id from videos.video order by random()',
    );
    return rows.map(row => row.id);
  } finally {
    await pool.end();
  }
}

/** The one real account, signed up through the users subgraph (so `me` finds its session). */
export async function signUpBenchViewer(usersUrl: string): Promise<string> {
  const response = await graphql(
    usersUrl,
    `
      mutation ($input: SignUpInput!) {
        signUp(input: $input) {
          user {
            id
          }
        }
      }
    `,
    {
      input: {
        email: BENCH_EMAIL,
        password: BENCH_PASSWORD,
        handle: 'bench_viewer',
        displayName: 'Bench viewer',
        birthDate: '1990-01-01',
      },
    },
  );
  if (response.errors || !response.data) {
    throw new Error(`sign-up failed: ${JSON.stringify(response.errors)}`);
  }
  return response.data.signUp.user.id;
}

/** A fresh access token of the bench account (they last 10 minutes: one per target). */
export async function signInBenchViewer(usersUrl: string): Promise<string> {
  const signIn = () =>
    graphql(usersUrl, 'mutation ($input: SignInInput!) { signIn(input: $input) { accessToken } }', {
      input: { email: BENCH_EMAIL, password: BENCH_PASSWORD },
    });
  // once more on a socket the server had just closed (fetch reuses idle keep-alive sockets)
  const response = await signIn().catch(() => signIn());
  if (response.errors || !response.data) {
    throw new Error(`sign-in failed: ${JSON.stringify(response.errors)}`);
  }
  return response.data.signIn.accessToken;
}

/** The SDL a running subgraph serves, for composing the bench's supergraph from what actually runs. */
export async function sdlOf(url: string): Promise<string> {
  const response = await graphql(url, '{ _service { sdl } }');
  if (!response.data?._service?.sdl) {
    throw new Error(`no SDL from ${url}: ${JSON.stringify(response.errors)}`);
  }
  return response.data._service.sdl;
}
