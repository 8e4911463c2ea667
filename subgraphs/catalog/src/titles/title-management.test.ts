import { randomUUID } from 'node:crypto';
import { type EventPayload, parseEmitted, TitleChanged } from '@vp/contracts';
import { Role } from '@vp/kit';
import { errorCodes, eventually, tokenFor } from '@vp/kit/testing';
import {
  ADD_EPISODE,
  ADD_LICENCE,
  ADD_SEASON,
  type CatalogHarness,
  CREATE_TITLE,
  makeTitle,
  PUBLISH,
  startCatalog,
} from '../test-catalog';

jest.setTimeout(60_000);

// Titles as the content team manages them; the producer's side of TitleChanged's contract test
// (its consumer, search, is tested there).
let app: CatalogHarness;
const changes: EventPayload<typeof TitleChanged>[] = [];

const UPDATE = `mutation ($id: ID!, $input: UpdateTitleInput!) {
  updateTitle(id: $id, input: $input) { id name synopsis genres releaseYear maturityRating audience requiredPlan } }`;
const UNPUBLISH = `mutation ($id: ID!) { unpublishTitle(id: $id) { id publishedAt } }`;
const READ = `query ($id: ID!) { title(id: $id) { id name kind publishedAt availability { playable reason } } }`;

const input = (overrides: Record<string, unknown> = {}) => ({
  kind: 'SERIES',
  name: '深夜食堂 Midnight Diner',
  synopsis: 'Stories told over late-night meals.',
  genres: ['Drama', 'drama', 'slice-of-life'],
  releaseYear: 2009,
  maturityRating: 'PG12',
  audience: 'GENERAL',
  requiredPlan: 'PREMIUM',
  ...overrides,
});

const changesOf = (id: string) => changes.filter(change => change.id === id);

beforeAll(async () => {
  app = await startCatalog();
  await app.peers.onEvent(TitleChanged, event => changes.push(event.payload));
});
afterAll(() => app?.stop());

describe('who may manage the catalog', () => {
  it('refuses every manager mutation to anonymous callers (UNAUTHENTICATED) and to viewers (FORBIDDEN)', async () => {
    const title = await makeTitle(app);
    const viewer = await tokenFor(randomUUID(), [Role.VIEWER, Role.CREATOR]);
    const mutations: [string, Record<string, unknown>][] = [
      [CREATE_TITLE, { input: input() }],
      [UPDATE, { id: title.id, input: { name: 'Mine now' } }],
      [PUBLISH, { id: title.id }],
      [UNPUBLISH, { id: title.id }],
      [ADD_SEASON, { input: { titleId: title.id, number: 2, name: 'Season 2' } }],
      [
        ADD_EPISODE,
        { input: { seasonId: title.seasonId, number: 9, name: 'Nine', videoId: randomUUID() } },
      ],
      [
        ADD_LICENCE,
        {
          input: {
            titleId: title.id,
            territories: ['JP'],
            startsAt: '2030-01-01T00:00:00Z',
            endsAt: '2031-01-01T00:00:00Z',
          },
        },
      ],
      [`mutation ($id: ID!) { removeLicence(id: $id) }`, { id: randomUUID() }],
      [`mutation ($id: ID!) { removeEpisode(id: $id) }`, { id: title.episodeIds[0] }],
      [`{ managedTitles(first: 5) { edges { node { id } } } }`, {}],
    ];
    for (const [query, variables] of mutations) {
      expect(errorCodes(await app.query(query, variables))).toEqual(['UNAUTHENTICATED']);
      expect(errorCodes(await app.query(query, variables, { token: viewer }))).toEqual([
        'FORBIDDEN',
      ]);
    }
    expect((await app.query(READ, { id: title.id })).data.title.name).toBe(
      (await app.query(READ, { id: title.id }, { token: app.managerToken })).data.title.name,
    );
  });

  it('lets an ADMIN manage it too', async () => {
    const admin = await tokenFor(randomUUID(), [Role.ADMIN]);
    const created = await app.query(
      CREATE_TITLE,
      { input: input({ name: 'By an admin' }) },
      { token: admin },
    );
    expect(created.errors).toBeUndefined();
  });
});

describe('createTitle and updateTitle', () => {
  it('creates a draft with lower-case genres without repeats, and sends TitleChanged', async () => {
    const created = await app.query(
      `mutation ($input: CreateTitleInput!) {
         createTitle(input: $input) { id name kind genres maturityRating audience requiredPlan publishedAt }
       }`,
      { input: input() },
      { token: app.managerToken },
    );
    expect(created.errors).toBeUndefined();
    const title = created.data.createTitle;
    expect(title).toMatchObject({
      kind: 'SERIES',
      genres: ['drama', 'slice-of-life'],
      maturityRating: 'PG12',
      audience: 'GENERAL',
      publishedAt: null,
    });
    // A draft is the managers' own: null for everyone else, exactly like a missing id.
    expect((await app.query(READ, { id: title.id })).data.title).toBeNull();
    const [change] = await eventually(() => changesOf(title.id), {
      until: found => found.length === 1,
      what: 'TitleChanged for the new title',
    });
    expect(parseEmitted(TitleChanged, change)).toEqual({
      id: title.id,
      kind: 'SERIES',
      name: '深夜食堂 Midnight Diner',
      synopsis: 'Stories told over late-night meals.',
      genres: ['drama', 'slice-of-life'],
      releaseYear: 2009,
      maturityRating: 'PG12',
      audience: 'GENERAL',
      requiredPlan: 'PREMIUM',
      published: false,
      publishedAt: null,
      licences: [],
    });
  });

  it('refuses bad input field by field, and stores nothing', async () => {
    const bad = [
      [{ name: '' }, 'input.name'],
      [{ name: 'x'.repeat(201) }, 'input.name'],
      [{ name: 'Bell\u0007' }, 'input.name'],
      [{ genres: ['not a genre'] }, 'input.genres'],
      [{ genres: Array.from({ length: 11 }, (_, i) => `g${i}`) }, 'input.genres'],
      [{ releaseYear: 1200 }, 'input.releaseYear'],
      [
        { maturityRating: 'R18', audience: 'GENERAL', requiredPlan: 'PREMIUM_PLUS' },
        'input.audience',
      ],
      [{ maturityRating: 'R18', audience: null, requiredPlan: 'PREMIUM' }, 'input.requiredPlan'],
      // left out, requiredPlan is PREMIUM: refused the same way (the fuzzer found a 500 here)
      [{ maturityRating: 'R18', audience: null, requiredPlan: undefined }, 'input.requiredPlan'],
      [{ maturityRating: 'G', audience: 'ADULT' }, 'input.audience'],
    ] as const;
    for (const [overrides, field] of bad) {
      const answer = await app.query(
        CREATE_TITLE,
        { input: input({ name: 'Refused', ...overrides }) },
        {
          token: app.managerToken,
        },
      );
      expect([overrides, errorCodes(answer)]).toEqual([overrides, ['BAD_USER_INPUT']]);
      expect(
        answer.errors![0].extensions!.problems.map((p: { field: string }) => p.field),
      ).toContain(field);
    }
    const unknownKind = await app.query(
      CREATE_TITLE,
      { input: input({ kind: 'MOVIE' }) },
      {
        token: app.managerToken,
      },
    );
    expect(unknownKind.status).toBe(400);
    const stored = await app
      .em()
      .getConnection()
      .execute(`select count(*)::int as n from "catalog"."title" where name = 'Refused'`);
    expect(stored[0].n).toBe(0);
  });

  it('changes the fields given, keeps the rating and plan consistent, and sends the new state', async () => {
    const { id } = await makeTitle(app, { publish: false });
    const updated = await app.query(
      UPDATE,
      { id, input: { name: ' Renamed ', genres: ['Anime'], releaseYear: null } },
      { token: app.managerToken },
    );
    expect(updated.data.updateTitle).toMatchObject({
      name: 'Renamed',
      genres: ['anime'],
      releaseYear: null,
      maturityRating: 'G',
    });
    const refused = await app.query(
      UPDATE,
      { id, input: { maturityRating: 'R18' } },
      {
        token: app.managerToken,
      },
    );
    expect(errorCodes(refused)).toEqual(['BAD_USER_INPUT']);
    const adult = await app.query(
      UPDATE,
      { id, input: { maturityRating: 'R18', requiredPlan: 'PREMIUM_PLUS' } },
      { token: app.managerToken },
    );
    expect(adult.data.updateTitle).toMatchObject({
      audience: 'ADULT',
      requiredPlan: 'PREMIUM_PLUS',
    });
    for (const [badId, code] of [
      ['nope', 'BAD_USER_INPUT'],
      [randomUUID(), 'NOT_FOUND'],
    ]) {
      expect(
        errorCodes(
          await app.query(UPDATE, { id: badId, input: { name: 'x' } }, { token: app.managerToken }),
        ),
      ).toEqual([code]);
    }
    await eventually(() => changesOf(id).find(change => change.audience === 'ADULT'), {
      what: 'TitleChanged with the R18 rating',
    });
  });
});

describe('publishTitle and unpublishTitle', () => {
  it('needs an episode; publishes once; a withdrawn title stays readable as NOT_PUBLISHED', async () => {
    const { createTitle } = await app.manage(CREATE_TITLE, { input: input({ name: 'Empty' }) });
    expect(
      errorCodes(await app.query(PUBLISH, { id: createTitle.id }, { token: app.managerToken })),
    ).toEqual(['BAD_USER_INPUT']);

    const title = await makeTitle(app, {
      publish: false,
      licences: [
        { territories: ['JP'], startsAt: '2020-01-01T00:00:00Z', endsAt: '2040-01-01T00:00:00Z' },
      ],
    });
    const published = await app.manage(PUBLISH, { id: title.id });
    const again = await app.manage(PUBLISH, { id: title.id });
    expect(again.publishTitle.publishedAt).toBe(published.publishTitle.publishedAt);
    const viewer = await app.viewer({ tier: 'PREMIUM' });
    expect(
      (await app.query(READ, { id: title.id }, { token: viewer.token })).data.title,
    ).toMatchObject({
      availability: { playable: true, reason: null },
    });

    await app.manage(UNPUBLISH, { id: title.id });
    expect(
      (await app.query(READ, { id: title.id }, { token: viewer.token })).data.title,
    ).toMatchObject({
      publishedAt: null,
      availability: { playable: false, reason: 'NOT_PUBLISHED' },
    });
    const states = await eventually(() => changesOf(title.id), {
      until: found => found.length >= 4 && !found[found.length - 1].published,
      what: 'create, licence, publish and unpublish to be sent',
    });
    expect(states.map(state => state.published)).toEqual([false, false, true, false]);
    expect(states[2]).toMatchObject({
      published: true,
      publishedAt: published.publishTitle.publishedAt,
      licences: [
        {
          territories: ['JP'],
          startsAt: '2020-01-01T00:00:00.000Z',
          endsAt: '2040-01-01T00:00:00.000Z',
        },
      ],
    });
  });

  it('lists drafts and withdrawn titles to managers only (managedTitles)', async () => {
    const draft = await makeTitle(app, { name: 'AAA draft', publish: false });
    const managed = await app.manage(
      `{ managedTitles(first: 100) { edges { node { id publishedAt } } } }`,
    );
    expect(managed.managedTitles.edges.map((edge: any) => edge.node.id)).toContain(draft.id);
  });
});
