import { randomUUID } from 'node:crypto';
import { runSubgraph, type RunningServer } from '@vp/kit';
import { graphql, testKeys } from '@vp/kit/testing';
import { HmacPlaybackSigner } from '@vp/media';
import { catalog } from '../definition';
import {
  type CatalogHarness,
  makeTitle,
  MEDIA_ORIGIN,
  startCatalog,
  TEST_MEDIA_SECRET,
} from '../test-catalog';

jest.setTimeout(120_000);

// Availability and playback through the real subgraph, its clock moved by the test: every reason
// code, the boundary instants of licence windows, the territory a request carries, and what a
// signed URL is allowed to outlive (nothing past its window).
const DAY = 86_400_000;
const B = Date.UTC(2031, 0, 1, 10, 0, 0); // the instant the series arrives in JP
const t = (offset: number) => new Date(B + offset);

let app: CatalogHarness;
let series: Awaited<ReturnType<typeof makeTitle>>;
let titles: Record<string, Awaited<ReturnType<typeof makeTitle>>>;
let viewers: Record<string, { id: string; token: string }>;

const TITLE = `query ($id: ID!) { title(id: $id) {
  availability { playable reason availableFrom availableUntil requiredPlan }
  seasons { edges { node { episodes { edges { node { id
    availability { playable reason }
    playback { hlsUrl expiresAt } } } } } } } } }`;

async function look(id: string, options: { token?: string; territory?: string } = {}) {
  const answer = await app.query(TITLE, { id }, options);
  const title = answer.data?.title;
  const episode = title?.seasons.edges[0]?.node.episodes.edges[0]?.node;
  return {
    availability: title?.availability,
    episode,
    errors: (answer.errors ?? []).map(error => ({
      code: error.extensions?.code,
      reason: error.extensions?.reason,
    })),
  };
}

beforeAll(async () => {
  app = await startCatalog({ playbackTtlSeconds: 3600 });
  app.at(t(-10 * DAY)); // everything is published ten days before B
  const everywhere = (territories = ['JP']) => [
    { territories, startsAt: t(-5 * DAY), endsAt: t(100 * DAY) },
  ];
  series = await makeTitle(app, {
    name: 'Arrives at B',
    genres: ['drama'],
    episodes: 3,
    licences: [
      { territories: ['JP'], startsAt: t(0), endsAt: t(30 * DAY) },
      { territories: ['JP'], startsAt: t(30 * DAY), endsAt: t(60 * DAY) },
      { territories: ['KR'], startsAt: t(10 * DAY), endsAt: t(20 * DAY) },
    ],
  });
  titles = {
    upcoming: await makeTitle(app, {
      name: 'Arrives tomorrow',
      kind: 'FILM',
      requiredPlan: 'FREE',
      genres: ['anime'],
      licences: [{ territories: ['JP'], startsAt: t(DAY), endsAt: t(31 * DAY) }],
    }),
    expired: await makeTitle(app, {
      name: 'Left yesterday',
      requiredPlan: 'FREE',
      licences: [{ territories: ['JP'], startsAt: t(-9 * DAY), endsAt: t(-DAY) }],
    }),
    r18: await makeTitle(app, {
      name: 'Adults only',
      maturityRating: 'R18',
      requiredPlan: 'PREMIUM_PLUS',
      licences: everywhere(),
    }),
    r15: await makeTitle(app, {
      name: 'Fifteen and over',
      maturityRating: 'R15',
      requiredPlan: 'FREE',
      licences: everywhere(),
    }),
    free: await makeTitle(app, {
      name: 'Free for all',
      requiredPlan: 'FREE',
      licences: everywhere(),
    }),
    withdrawn: await makeTitle(app, { name: 'Withdrawn', licences: everywhere() }),
    draft: await makeTitle(app, { name: 'Draft', licences: everywhere(), publish: false }),
  };
  await app.manage(`mutation ($id: ID!) { unpublishTitle(id: $id) { id } }`, {
    id: titles.withdrawn.id,
  });
  const birthday15 = new Date(t(0));
  birthday15.setUTCFullYear(birthday15.getUTCFullYear() - 15);
  const day = (date: Date) => date.toISOString().slice(0, 10);
  viewers = {
    free: await app.viewer({ tier: 'FREE' }),
    premium: await app.viewer({ tier: 'PREMIUM' }),
    plus: await app.viewer({ tier: 'PREMIUM_PLUS' }),
    adult: await app.viewer({ tier: 'PREMIUM_PLUS', ageVerified: true }),
    fifteen: await app.viewer({ birthDate: day(birthday15) }),
    fourteen: await app.viewer({ birthDate: day(new Date(birthday15.getTime() + DAY)) }),
  };
  app.at(t(0));
});
afterAll(() => app?.stop());
beforeEach(() => app.at(t(0)));

/** One error per refused playback field (an episode each), all alike. */
const distinct = (errors: { code?: unknown; reason?: unknown }[]) =>
  [...new Set(errors.map(error => JSON.stringify(error)))].map(error => JSON.parse(error));

describe('each reason, through availability and playback', () => {
  it.each([
    ['NOT_PUBLISHED (withdrawn)', 'withdrawn', 'premium', undefined, 'FORBIDDEN'],
    ['TERRITORY_BLOCKED', 'series', 'premium', 'FR', 'FORBIDDEN'],
    ['NOT_YET_AVAILABLE', 'upcoming', 'premium', undefined, 'FORBIDDEN'],
    ['LICENCE_EXPIRED', 'expired', 'premium', undefined, 'FORBIDDEN'],
    ['SIGN_IN_REQUIRED', 'series', null, undefined, 'FORBIDDEN'],
    ['AGE_RESTRICTED (R18, not age-verified)', 'r18', 'plus', undefined, 'FORBIDDEN'],
    ['AGE_RESTRICTED (R15, fourteen)', 'r15', 'fourteen', undefined, 'FORBIDDEN'],
    ['AGE_RESTRICTED (R15, signed out)', 'r15', null, undefined, 'FORBIDDEN'],
    ['PAYMENT_REQUIRED', 'series', 'free', undefined, 'PAYMENT_REQUIRED'],
  ])('%s', async (label, which, who, territory, code) => {
    const reason =
      label.split(' ')[0] === 'AGE_RESTRICTED' && who === null
        ? 'SIGN_IN_REQUIRED'
        : label.split(' ')[0];
    const id = which === 'series' ? series.id : titles[which].id;
    const seen = await look(id, { token: who ? viewers[who].token : undefined, territory });
    expect(seen.availability).toMatchObject({ playable: false, reason });
    expect(seen.episode).toMatchObject({
      availability: { playable: false, reason },
      playback: null,
    });
    expect(distinct(seen.errors)).toEqual([{ code, reason }]);
  });

  it('NOT_PUBLISHED for a draft, which only managers can read at all', async () => {
    expect(
      (await look(titles.draft.id, { token: viewers.premium.token })).availability,
    ).toBeUndefined();
    const seen = await look(titles.draft.id, { token: app.managerToken });
    expect(seen.availability).toMatchObject({ playable: false, reason: 'NOT_PUBLISHED' });
    expect(distinct(seen.errors)).toEqual([{ code: 'FORBIDDEN', reason: 'NOT_PUBLISHED' }]);
  });

  it.each([
    ['series', 'premium'],
    ['r18', 'adult'],
    ['r15', 'fifteen'],
    ['free', null],
  ])('plays %s for %s', async (which, who) => {
    const id = which === 'series' ? series.id : titles[which].id;
    const seen = await look(id, { token: who ? viewers[who].token : undefined });
    expect(seen.errors).toEqual([]);
    expect(seen.availability).toMatchObject({ playable: true, reason: null });
    expect(seen.episode.playback.hlsUrl).toMatch(
      /\/media\/[^/]+\/videos\/[0-9a-f-]+\/master\.m3u8$/,
    );
  });

  it('tells when an arriving title comes and which plan it needs', async () => {
    expect((await look(titles.upcoming.id)).availability).toEqual({
      playable: false,
      reason: 'NOT_YET_AVAILABLE',
      availableFrom: t(DAY).toISOString(),
      availableUntil: t(31 * DAY).toISOString(),
      requiredPlan: 'FREE',
    });
  });
});

describe('licence windows take effect on time', () => {
  const premium = () => ({ token: viewers.premium.token });

  it('arrives at the first instant of its window, not a millisecond before', async () => {
    app.at(t(-1));
    expect((await look(series.id, premium())).availability.reason).toBe('NOT_YET_AVAILABLE');
    app.at(t(0));
    expect((await look(series.id, premium())).availability.reason).toBeNull();
    app.at(t(1000));
    expect((await look(series.id, premium())).episode.playback).not.toBeNull();
  });

  it('gives URLs that end with the window even when the next one abuts it, and stops at the last end', async () => {
    app.at(t(30 * DAY - 10 * 60_000)); // ten minutes before the first JP window ends
    const seen = await look(series.id, premium());
    expect(seen.availability).toMatchObject({
      playable: true,
      availableFrom: t(0).toISOString(),
      availableUntil: t(60 * DAY).toISOString(),
    });
    const { hlsUrl, expiresAt } = seen.episode.playback;
    expect(expiresAt).toBe(t(30 * DAY).toISOString()); // not an hour later
    // the URL itself stops working then: the signature carries the window's end
    const signer = new HmacPlaybackSigner({ publicUrl: MEDIA_ORIGIN, secret: TEST_MEDIA_SECRET });
    const [, token, key] = /\/media\/([^/]+)\/(.+)$/.exec(hlsUrl)!;
    expect(signer.verify(token, key, t(30 * DAY - 1000).getTime())).toMatchObject({ ok: true });
    expect(signer.verify(token, key, t(30 * DAY).getTime())).toEqual({
      ok: false,
      reason: 'expired',
    });
    expect(
      signer.verify(token, key.replace(/videos\/[^/]+/, `videos/${randomUUID()}`), t(0).getTime()),
    ).toMatchObject({ ok: false });

    app.at(t(30 * DAY)); // the seam: still playing, under the second window
    expect((await look(series.id, premium())).episode.playback.expiresAt).toBe(
      t(30 * DAY + 3600_000).toISOString(),
    );
    app.at(t(60 * DAY - 1));
    expect((await look(series.id, premium())).episode.playback.expiresAt).toBe(
      new Date(Math.floor((B + 60 * DAY) / 1000) * 1000).toISOString(),
    );
    app.at(t(60 * DAY));
    const ended = await look(series.id, premium());
    expect(ended.availability).toMatchObject({ reason: 'LICENCE_EXPIRED' });
    expect(distinct(ended.errors)).toEqual([{ code: 'FORBIDDEN', reason: 'LICENCE_EXPIRED' }]);
    app.at(t(0));
  });
});

describe("the viewer's territory", () => {
  let untrusting: RunningServer;

  beforeAll(async () => {
    // The same catalog behind no trusted hop (TRUST_PROXY=none): x-viewer-territory counts for nothing.
    untrusting = await runSubgraph(catalog, {
      databaseUrl: app.databaseUrl,
      jwks: (await testKeys()).jwks,
      port: 0,
      host: '127.0.0.1',
      trustProxy: '',
      clock: () => t(15 * DAY),
    } as never);
  });
  afterAll(() => untrusting?.stop());

  it('comes from the gateway (a trusted hop): KR plays in its own window', async () => {
    app.at(t(15 * DAY));
    const kr = await look(series.id, { token: viewers.premium.token, territory: 'KR' });
    expect(kr.availability).toMatchObject({
      playable: true,
      availableUntil: t(20 * DAY).toISOString(),
    });
    expect(kr.episode.playback.expiresAt).toBe(t(15 * DAY + 3600_000).toISOString());
    app.at(t(20 * DAY));
    expect(
      (await look(series.id, { token: viewers.premium.token, territory: 'KR' })).availability
        .reason,
    ).toBe('LICENCE_EXPIRED');
    app.at(t(0));
  });

  it('is DEFAULT_TERRITORY (JP) when the hop is not trusted, whatever the header says', async () => {
    const query = (url: string, headers: Record<string, string>) =>
      graphql(
        url,
        `
          query ($id: ID!) {
            title(id: $id) {
              availability {
                playable
                availableUntil
              }
            }
          }
        `,
        { id: series.id },
        {
          token: viewers.premium.token,
          headers,
        },
      );
    const trusted = await query(app.url, { 'x-viewer-territory': 'KR' });
    const ignored = await query(untrusting.url, { 'x-viewer-territory': 'KR' });
    expect(ignored.data.title.availability).toEqual({
      playable: true,
      availableUntil: t(60 * DAY).toISOString(), // JP's period, not KR's
    });
    expect(trusted.data.title.availability.availableUntil).not.toBe(
      ignored.data.title.availability.availableUntil,
    );
    // a CDN header sent straight to a subgraph is not read either
    expect(
      (await look(series.id, { token: viewers.premium.token, territory: 'XX' })).availability
        .availableUntil,
    ).toBe(t(60 * DAY).toISOString());
  });
});

describe('titles and the calendar, by territory', () => {
  const LIST = `query ($filter: TitleFilter) { titles(first: 100, filter: $filter) { edges { node { name
    availability { playable reason availableFrom } } } } }`;
  const names = async (territory?: string, filter?: Record<string, unknown>) =>
    (await app.query(LIST, { filter }, { territory })).data.titles.edges.map(
      (edge: any) => edge.node.name,
    );

  it('lists what plays or will play in the territory, with availableFrom for what is coming', async () => {
    expect(await names()).toEqual([
      'Adults only',
      'Arrives at B',
      'Arrives tomorrow',
      'Fifteen and over',
      'Free for all',
    ]);
    const jp = (await app.query(LIST, {})).data.titles.edges;
    expect(jp.find((edge: any) => edge.node.name === 'Arrives tomorrow').node.availability).toEqual(
      {
        playable: false,
        reason: 'NOT_YET_AVAILABLE',
        availableFrom: t(DAY).toISOString(),
      },
    );
    expect(await names('KR')).toEqual(['Arrives at B']);
    expect(await names('FR')).toEqual([]);
    expect(await names(undefined, { genre: 'ANIME' })).toEqual(['Arrives tomorrow']);
    expect(await names(undefined, { kind: 'FILM' })).toEqual(['Arrives tomorrow']);
    app.at(t(60 * DAY));
    expect(await names()).toEqual(['Adults only', 'Fifteen and over', 'Free for all']);
    app.at(t(0));
  });

  it('lists arrivals and departures, abutting windows as one period', async () => {
    const CALENDAR = `query ($from: DateTime!, $to: DateTime!) {
      catalogCalendar(from: $from, to: $to) { title { name } change at } }`;
    const answer = await app.query(CALENDAR, { from: t(-2 * DAY), to: t(61 * DAY) });
    expect(
      answer.data.catalogCalendar.map((entry: any) => [entry.title.name, entry.change, entry.at]),
    ).toEqual([
      ['Left yesterday', 'LEAVING', t(-DAY).toISOString()],
      ['Arrives at B', 'ARRIVING', t(0).toISOString()],
      ['Arrives tomorrow', 'ARRIVING', t(DAY).toISOString()],
      ['Arrives tomorrow', 'LEAVING', t(31 * DAY).toISOString()],
      ['Arrives at B', 'LEAVING', t(60 * DAY).toISOString()],
    ]);
    const kr = await app.query(CALENDAR, { from: t(0), to: t(30 * DAY) }, { territory: 'KR' });
    expect(kr.data.catalogCalendar.map((entry: any) => entry.change)).toEqual([
      'ARRIVING',
      'LEAVING',
    ]);
    for (const [from, to] of [
      [t(DAY), t(0)],
      [t(0), t(401 * DAY)],
    ]) {
      expect((await app.query(CALENDAR, { from, to })).errors![0].extensions!.code).toBe(
        'BAD_USER_INPUT',
      );
    }
  });
});

describe('cost', () => {
  it('reads a season page with availability and playback in the same number of statements, however many episodes', async () => {
    const small = await makeTitle(app, {
      episodes: 1,
      licences: [{ territories: ['JP'], startsAt: t(-DAY), endsAt: t(DAY) }],
    });
    const statements = async (id: string) => {
      app.takeSql();
      const seen = await look(id, { token: viewers.premium.token });
      expect(seen.errors).toEqual([]);
      // the outbox relay shares the connection pool: only this request's reads count
      const sql = app.takeSql().filter(statement => /"catalog"\."(?!outbox|inbox)/.test(statement));
      if (process.env.SHOW_SQL) {
        console.log(sql.join('\n'));
      }
      return sql.length;
    };
    await statements(series.id); // warm
    expect(await statements(series.id)).toBe(await statements(small.id));
    // title, its licence windows here, seasons, episodes, their videos, the viewer's age and plan
    expect(await statements(series.id)).toBe(7);
  });
});
