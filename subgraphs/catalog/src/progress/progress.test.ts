import { randomUUID } from 'node:crypto';
import { errorCodes } from '@vp/kit/testing';
import {
  ADD_EPISODE,
  ADD_SEASON,
  type CatalogHarness,
  makeTitle,
  startCatalog,
} from '../test-catalog';

jest.setTimeout(90_000);

let app: CatalogHarness;
let title: Awaited<ReturnType<typeof makeTitle>>;
let season2: string[];
let special: string;

const NEXT = `query ($user: _Any!, $titleId: ID!) { _entities(representations: [$user]) {
  ... on User { nextEpisode(titleId: $titleId) { id number season { number } } } } }`;
const RECORD = `mutation ($input: RecordEpisodeProgressInput!) { recordEpisodeProgress(input: $input) }`;

const next = async (viewer: { id: string; token: string }, titleId = title.id) =>
  app.query(
    NEXT,
    { user: { __typename: 'User', id: viewer.id }, titleId },
    { token: viewer.token },
  );
const nextId = async (viewer: { id: string; token: string }) =>
  (await next(viewer)).data._entities[0].nextEpisode?.id ?? null;
const watch = (viewer: { token: string }, episodeId: string, positionSeconds: number) =>
  app.query(RECORD, { input: { episodeId, positionSeconds } }, { token: viewer.token });

beforeAll(async () => {
  app = await startCatalog();
  title = await makeTitle(app, {
    episodes: 2,
    publish: false,
    licences: [
      { territories: ['JP'], startsAt: '2020-01-01T00:00:00Z', endsAt: '2040-01-01T00:00:00Z' },
    ],
  });
  const add = async (seasonNumber: number, episodes: number) => {
    const { addSeason } = await app.manage(ADD_SEASON, {
      input: { titleId: title.id, number: seasonNumber, name: `Season ${seasonNumber}` },
    });
    const ids: string[] = [];
    for (let number = 1; number <= episodes; number++) {
      const { addEpisode } = await app.manage(ADD_EPISODE, {
        input: {
          seasonId: addSeason.id,
          number,
          name: `E${number}`,
          videoId: await app.readyVideo(),
        },
      });
      ids.push(addEpisode.id);
    }
    return ids;
  };
  season2 = await add(2, 1);
  [special] = await add(0, 1);
  await app.manage(`mutation ($id: ID!) { publishTitle(id: $id) { id } }`, { id: title.id });
});
afterAll(() => app?.stop());

it('starts at the first episode, resumes a part-watched one, moves on after one finished, across seasons', async () => {
  const viewer = await app.viewer({ tier: 'PREMIUM' });
  const [first, second] = title.episodeIds;
  expect(await nextId(viewer)).toBe(first); // never started: season 1, episode 1 (not the special)
  expect((await watch(viewer, first, 30)).data).toEqual({ recordEpisodeProgress: true });
  expect(await nextId(viewer)).toBe(first); // 30 of 90 seconds: resume it
  await watch(viewer, first, 81); // 90 % of 90 s
  expect(await nextId(viewer)).toBe(second);
  await watch(viewer, second, 10_000); // clamped to its end
  expect(await nextId(viewer)).toBe(season2[0]);
  await watch(viewer, special, 90); // a special does not move "next" away from the story
  expect(await nextId(viewer)).toBe(season2[0]);
  await watch(viewer, season2[0], 90);
  expect(await nextId(viewer)).toBeNull(); // all watched
});

it("is the viewer's own, and records only what the viewer may watch now", async () => {
  const viewer = await app.viewer({ tier: 'PREMIUM' });
  const stranger = await app.viewer({ tier: 'PREMIUM' });
  const theirs = await app.query(
    NEXT,
    { user: { __typename: 'User', id: viewer.id }, titleId: title.id },
    { token: stranger.token },
  );
  expect(errorCodes(theirs)).toEqual(['FORBIDDEN']);
  const free = await app.viewer({ tier: 'FREE' });
  const refused = await watch(free, title.episodeIds[0], 10);
  expect(refused.errors![0].extensions).toMatchObject({
    code: 'PAYMENT_REQUIRED',
    reason: 'PAYMENT_REQUIRED',
  });
  expect(
    errorCodes(
      await app.query(RECORD, { input: { episodeId: title.episodeIds[0], positionSeconds: 1 } }),
    ),
  ).toEqual(['UNAUTHENTICATED']);
  for (const [input, code] of [
    [{ episodeId: 'nope', positionSeconds: 1 }, 'BAD_USER_INPUT'],
    [{ episodeId: randomUUID(), positionSeconds: 1 }, 'NOT_FOUND'],
    [{ episodeId: title.episodeIds[0], positionSeconds: -1 }, 'BAD_USER_INPUT'],
  ] as const) {
    expect(errorCodes(await app.query(RECORD, { input }, { token: viewer.token }))).toEqual([code]);
  }
  expect((await next(viewer, randomUUID())).data._entities[0].nextEpisode).toBeNull();
  expect(errorCodes(await next(viewer, 'nope'))).toEqual(['BAD_USER_INPUT']);
});
