/**
 * bench/catalog: a season page of 50 episodes with `availability` and `playback` for a signed-in
 * viewer, through our gateway in front of the real catalog subgraph, against the same page without
 * them. The catalog holds 200 titles licensed in 50 territories each (a current and a past window:
 * 20,000 licence rows), the viewer is in KR (the CDN's header, from a trusted hop). Printed: SQL
 * statements per request (the ORM's query log) and p50/p99 over sequential requests and with 10 in
 * flight, and the ratio of the two pages. A third row lists 50 titles with their availability.
 *
 *   npm run bench:catalog -w @vp/bench        (REQUESTS=300 by default; DIRECT=1 skips the
 *                                              gateway, to tell its share from the subgraph's)
 */
process.env.LOG_LEVEL ??= 'warn';

import { randomUUID } from 'node:crypto';
import { composeServices } from '@apollo/composition';
import { catalog } from '@vp/catalog';
import { startGateway } from '@vp/gateway';
import { TERRITORIES } from '@vp/kit';
import { graphql, startTestSubgraph, testKeys, tokenFor } from '@vp/kit/testing';
import { createPlaybackSigner } from '@vp/media';
import { parse } from 'graphql';
import { sdlOf } from '../gateway/subgraphs';

const REQUESTS = Number(process.env.REQUESTS ?? 300);
const TITLES = 200;
const EPISODES = 50;

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
};

const PAGE_PLAIN = `query Plain($id: ID!) { title(id: $id) { name seasons(first: 1) { edges { node { number
  episodes(first: 50) { edges { node { id number name durationSeconds } } } } } } } }`;
const PAGE_AVAILABLE = `query Available($id: ID!) { title(id: $id) { name seasons(first: 1) { edges { node { number
  episodes(first: 50) { edges { node { id number name durationSeconds
    availability { playable reason availableFrom availableUntil } playback { hlsUrl expiresAt } } } } } } } } }`;
const TITLE_LIST = `query List { titles(first: 50) { edges { node { id name
  availability { playable reason availableFrom availableUntil requiredPlan } } } } }`;

/** The outbox relay and pg-boss share the pool: only this request's reads of the catalog count. */
const isRequestStatement = (sql: string) => /"catalog"\."(?!outbox|inbox)/.test(sql);

async function main() {
  const keys = await testKeys();
  const app = await startTestSubgraph(catalog, {
    signer: createPlaybackSigner({
      kind: 'hmac',
      publicUrl: 'http://localhost:4000',
      secret: 'bench-secret-bench-secret-bench-secret-0123',
    }),
  });
  const composed = composeServices([
    { name: 'catalog', url: app.url, typeDefs: parse(await sdlOf(app.url)) },
  ]);
  if (!composed.supergraphSdl) {
    throw new Error(composed.errors?.map(e => e.message).join('; '));
  }
  const gateway = await startGateway({
    supergraphSdl: composed.supergraphSdl,
    jwks: keys.jwks,
    port: 0,
    host: '127.0.0.1',
    rateLimit: { limit: 1_000_000_000 },
    readyChecksSubgraphs: false,
  });
  const url = gateway.url.replace('localhost', '127.0.0.1');
  try {
    // 200 published titles, each licensed in 50 territories (KR among them) now and in the past.
    const territories = [...TERRITORIES]
      .filter(code => code !== 'KR')
      .slice(0, 49)
      .concat('KR');
    const em = app.em();
    const manager = randomUUID();
    const titleIds: string[] = (
      await em.execute(
        `insert into catalog.title (id, kind, name, synopsis, genres, maturity_rating, required_plan, audience,
                                    published_at, first_published_at, created_at, updated_at)
         select gen_random_uuid(), 'SERIES', 'Bench title ' || lpad(n::text, 3, '0'), 'A title.', '{drama}',
                'G', 'PREMIUM', 'GENERAL', now() - interval '30 days', now() - interval '30 days', now(), now()
         from generate_series(1, ${TITLES}) n order by n returning id`,
      )
    ).map(row => (row as { id: string }).id);
    await em.execute(
      `with windows as (
         select t.id as title_id, w.starts_at, w.ends_at, gen_random_uuid() as licence_id
         from unnest(?::uuid[]) as t(id)
         cross join (values (now() - interval '400 days', now() - interval '10 days'),
                            (now() - interval '10 days', now() + interval '355 days')) as w(starts_at, ends_at)
       ), licences as (
         insert into catalog.licence (id, title_id, territories, starts_at, ends_at, created_at)
         select licence_id, title_id, ?::text[], starts_at, ends_at, now() from windows
       )
       insert into catalog.licence_territory (licence_id, territory, title_id, starts_at, ends_at)
       select licence_id, territory, title_id, starts_at, ends_at from windows, unnest(?::text[]) as territory`,
      [`{${titleIds.join(',')}}`, `{${territories.join(',')}}`, `{${territories.join(',')}}`],
    );
    // The page's title: one season of 50 episodes, each with its READY video.
    const [pageTitle] = titleIds;
    const [{ id: seasonId }] = await em.execute(
      `insert into catalog.season (id, title_id, number, name, created_at)
       values (gen_random_uuid(), ?, 1, 'Season 1', now()) returning id`,
      [pageTitle],
    );
    await em.execute(
      `with videos as (
         insert into catalog.video_asset (video_id, owner_id, status, duration_seconds, playback_entry, changed_at)
         select gen_random_uuid(), ?, 'READY', 1440, 'master.m3u8', now() from generate_series(1, ${EPISODES})
         returning video_id
       )
       insert into catalog.episode (id, season_id, number, name, synopsis, duration_seconds, video_id, created_at, updated_at)
       select gen_random_uuid(), ?, row_number() over (), 'Episode ' || row_number() over (), '', 1440, video_id, now(), now()
       from videos`,
      [manager, seasonId],
    );
    const viewer = randomUUID();
    await em.execute(
      `insert into catalog.viewer_entitlement (user_id, tier, age_verified, changed_at, updated_at)
       values (?, 'PREMIUM', false, now(), now())`,
      [viewer],
    );
    await em.execute(
      `insert into catalog.viewer_age (user_id, birth_date) values (?, '1990-04-01')`,
      [viewer],
    );
    const [{ rows: licenceRows }] = await em.execute(
      `select count(*)::int as rows from catalog.licence_territory`,
    );
    const token = await tokenFor(viewer);
    const headers = { 'CloudFront-Viewer-Country': 'KR' };
    const ask = (query: string) => graphql(url, query, { id: pageTitle }, { token, headers });

    const results: Record<
      string,
      { sql: number; p50: number; p99: number; p50x10: number; p99x10: number }
    > = {};
    for (const [name, query, check] of [
      ['page without availability', PAGE_PLAIN, 'episodes'],
      ['page with availability + playback', PAGE_AVAILABLE, 'playback'],
      ['50 titles with availability', TITLE_LIST, 'titles'],
    ] as const) {
      const answer = await ask(query);
      if (answer.errors) {
        throw new Error(`${name}: ${JSON.stringify(answer.errors)}`);
      }
      if (check === 'playback') {
        const episodes = answer.data.title.seasons.edges[0].node.episodes.edges;
        if (
          episodes.length !== EPISODES ||
          !episodes.every((edge: any) => edge.node.playback?.hlsUrl)
        ) {
          throw new Error('the page did not play 50 episodes');
        }
      }
      if (check === 'titles' && answer.data.titles.edges.length !== 50) {
        throw new Error('the list did not have 50 titles');
      }
      app.takeSql();
      await ask(query);
      const sql = app.takeSql().filter(isRequestStatement).length;
      for (let i = 0; i < 30; i += 1) {
        await ask(query); // warm-up
      }
      const sequential: number[] = [];
      for (let i = 0; i < REQUESTS; i += 1) {
        const at = performance.now();
        await ask(query);
        sequential.push(performance.now() - at);
      }
      const concurrent: number[] = [];
      let next = 0;
      await Promise.all(
        Array.from({ length: 10 }, async () => {
          while (next++ < REQUESTS) {
            const at = performance.now();
            await ask(query);
            concurrent.push(performance.now() - at);
          }
        }),
      );
      results[name] = {
        sql,
        p50: percentile(sequential, 50),
        p99: percentile(sequential, 99),
        p50x10: percentile(concurrent, 50),
        p99x10: percentile(concurrent, 99),
      };
    }

    console.log(
      `\nbench/catalog — ${TITLES} titles in 50 territories (${licenceRows} licence rows), a season page of ${EPISODES} episodes, viewer in KR, ${REQUESTS} requests each`,
    );
    console.log(
      `  ${'query'.padEnd(36)} ${'SQL/req'.padStart(8)} ${'p50 ms'.padStart(8)} ${'p99 ms'.padStart(8)} ${'p50 ×10'.padStart(8)} ${'p99 ×10'.padStart(8)}`,
    );
    for (const [name, row] of Object.entries(results)) {
      console.log(
        `  ${name.padEnd(36)} ${String(row.sql).padStart(8)} ${row.p50.toFixed(1).padStart(8)} ${row.p99.toFixed(1).padStart(8)} ${row.p50x10.toFixed(1).padStart(8)} ${row.p99x10.toFixed(1).padStart(8)}`,
      );
    }
    const plain = results['page without availability'];
    const available = results['page with availability + playback'];
    console.log(
      `  ratio with/without availability: p50 ${(available.p50 / plain.p50).toFixed(2)}×, p99 ${(available.p99 / plain.p99).toFixed(2)}×, ` +
        `p99 with 10 in flight ${(available.p99x10 / plain.p99x10).toFixed(2)}×; SQL +${available.sql - plain.sql} statements (not per episode)`,
    );
  } finally {
    await gateway.stop();
    await app.stop();
  }
}

main().then(
  () => process.exit(0),
  error => {
    console.error(error);
    process.exit(1);
  },
);
