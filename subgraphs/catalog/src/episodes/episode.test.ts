import { randomUUID } from 'node:crypto';
import { CatalogVideoChanged, type EventPayload, parseEmitted } from '@vp/contracts';
import { errorCodes, eventually } from '@vp/kit/testing';
import {
  ADD_EPISODE,
  ADD_SEASON,
  type CatalogHarness,
  CREATE_TITLE,
  makeTitle,
  startCatalog,
} from '../test-catalog';

jest.setTimeout(60_000);

// Episodes and the videos that play them; the producer's side of CatalogVideoChanged's contract
// test (the consumer's: videos' catalog-content.test.ts).
let app: CatalogHarness;
const videoChanges: EventPayload<typeof CatalogVideoChanged>[] = [];
const UPDATE = `mutation ($id: ID!, $input: UpdateEpisodeInput!) {
  updateEpisode(id: $id, input: $input) { id number name synopsis durationSeconds } }`;
const REMOVE = `mutation ($id: ID!) { removeEpisode(id: $id) }`;

const addEpisode = (seasonId: string, number: number, videoId: string) =>
  app.query(
    ADD_EPISODE,
    { input: { seasonId, number, name: `Episode ${number}`, videoId } },
    {
      token: app.managerToken,
    },
  );

beforeAll(async () => {
  app = await startCatalog();
  await app.peers.onEvent(CatalogVideoChanged, event => videoChanges.push(event.payload));
});
afterAll(() => app?.stop());

describe('addEpisode', () => {
  it("takes a READY video of the manager's own, with its duration, and tells videos it is catalog content", async () => {
    const title = await makeTitle(app, { episodes: 0, publish: false });
    const videoId = await app.readyVideo(app.managerId, 1440.4);
    const added = await app.query(
      `mutation ($input: AddEpisodeInput!) { addEpisode(input: $input) { id number name synopsis durationSeconds season { number } } }`,
      {
        input: {
          seasonId: title.seasonId,
          number: 1,
          name: ' The pilot ',
          synopsis: 'Where it starts.\nAnd more.',
          videoId,
        },
      },
      { token: app.managerToken },
    );
    expect(added.errors).toBeUndefined();
    expect(added.data.addEpisode).toMatchObject({
      number: 1,
      name: 'The pilot',
      synopsis: 'Where it starts.\nAnd more.',
      durationSeconds: 1440,
      season: { number: 1 },
    });
    const change = await eventually(() => videoChanges.find(c => c.videoId === videoId), {
      what: 'CatalogVideoChanged for the episode',
    });
    expect(parseEmitted(CatalogVideoChanged, change)).toEqual({
      videoId,
      ownerId: app.managerId,
      episodeId: added.data.addEpisode.id,
      titleId: title.id,
      attached: true,
      changedAt: expect.any(String),
    });
  });

  it("refuses a video that is not READY, someone else's, or already playing an episode, and a taken number", async () => {
    const title = await makeTitle(app, { episodes: 1 });
    const [playing] = title.videoIds;
    const someoneElses = await app.readyVideo(randomUUID());
    const free = await app.readyVideo();
    const cases: [number, string, RegExp][] = [
      [2, randomUUID(), /not READY/],
      [2, 'not-an-id', /Not a video id/],
      [2, someoneElses, /belongs to someone else/],
      [2, playing, /already plays another episode/],
      [1, free, /exists already/],
    ];
    for (const [number, videoId, message] of cases) {
      const answer = await addEpisode(title.seasonId, number, videoId);
      expect([videoId, errorCodes(answer)]).toEqual([videoId, ['BAD_USER_INPUT']]);
      expect(answer.errors![0].message).toMatch(message);
    }
    const deleted = await app.readyVideo();
    await app.videoDeleted(deleted);
    expect(errorCodes(await addEpisode(title.seasonId, 2, deleted))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await addEpisode(randomUUID(), 2, free))).toEqual(['NOT_FOUND']);
    for (const [number, field] of [
      [-1, 'input.number'],
      [10_001, 'input.number'],
    ] as const) {
      const answer = await addEpisode(title.seasonId, number, free);
      expect(answer.errors![0].extensions).toEqual({
        code: 'BAD_USER_INPUT',
        problems: [{ field, message: 'A whole number from 0 to 10000.' }],
      });
    }
    expect((await addEpisode(title.seasonId, 2, free)).errors).toBeUndefined();
  });

  it('keeps a film to one season with one episode, and season numbers unique', async () => {
    const film = await makeTitle(app, { kind: 'FILM', episodes: 1 });
    const secondSeason = await app.query(
      ADD_SEASON,
      { input: { titleId: film.id, number: 2, name: 'Sequel?' } },
      { token: app.managerToken },
    );
    expect(errorCodes(secondSeason)).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await addEpisode(film.seasonId, 2, await app.readyVideo()))).toEqual([
      'BAD_USER_INPUT',
    ]);
    const series = await makeTitle(app, { episodes: 0, publish: false });
    const clash = await app.query(
      ADD_SEASON,
      { input: { titleId: series.id, number: 1, name: 'Again' } },
      { token: app.managerToken },
    );
    expect(clash.errors![0]).toMatchObject({
      message: 'Season 1 exists already.',
      extensions: { code: 'BAD_USER_INPUT' },
    });
    const { createTitle } = await app.manage(CREATE_TITLE, {
      input: { kind: 'SERIES', name: 'Specials', maturityRating: 'G' },
    });
    expect(
      (
        await app.query(
          ADD_SEASON,
          { input: { titleId: createTitle.id, number: 0, name: 'Specials' } },
          { token: app.managerToken },
        )
      ).errors,
    ).toBeUndefined();
  });
});

describe('updateEpisode and removeEpisode', () => {
  it('gives an episode another video: the old one is let go, the new one taken, in that order', async () => {
    const title = await makeTitle(app, { episodes: 2 });
    const [first, second] = title.episodeIds;
    const replacement = await app.readyVideo(app.managerId, 61);
    const updated = await app.query(
      UPDATE,
      { id: first, input: { videoId: replacement, name: 'Recut', number: 3 } },
      { token: app.managerToken },
    );
    expect(updated.data.updateEpisode).toMatchObject({
      name: 'Recut',
      number: 3,
      durationSeconds: 61,
    });
    const [released, taken] = await eventually(
      () => [
        videoChanges.find(c => c.videoId === title.videoIds[0] && !c.attached),
        videoChanges.find(c => c.videoId === replacement && c.attached),
      ],
      { until: ([a, b]) => a && b, what: 'the release and the attachment' },
    );
    expect(released).toMatchObject({ episodeId: first, attached: false });
    expect(taken).toMatchObject({ episodeId: first, attached: true });
    expect(Date.parse(released!.changedAt)).toBeLessThanOrEqual(Date.parse(taken!.changedAt));

    const clash = await app.query(
      UPDATE,
      { id: second, input: { number: 3 } },
      { token: app.managerToken },
    );
    expect(errorCodes(clash)).toEqual(['BAD_USER_INPUT']);
    // the released video may play another episode now
    expect((await addEpisode(title.seasonId, 9, title.videoIds[0])).errors).toBeUndefined();
  });

  it('removes an episode and lets its video go; a viewer cannot', async () => {
    const title = await makeTitle(app, { episodes: 1 });
    const viewer = await app.viewer();
    expect(
      errorCodes(await app.query(REMOVE, { id: title.episodeIds[0] }, { token: viewer.token })),
    ).toEqual(['FORBIDDEN']);
    expect(
      (await app.query(REMOVE, { id: title.episodeIds[0] }, { token: app.managerToken })).data,
    ).toEqual({
      removeEpisode: true,
    });
    await eventually(
      () => videoChanges.find(c => c.episodeId === title.episodeIds[0] && !c.attached),
      { what: 'the release of the removed episode’s video' },
    );
    expect(
      errorCodes(await app.query(REMOVE, { id: title.episodeIds[0] }, { token: app.managerToken })),
    ).toEqual(['NOT_FOUND']);
  });
});
