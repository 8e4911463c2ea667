import { randomUUID } from 'node:crypto';
import { parseEmitted, TitleChanged, type EventPayload } from '@vp/contracts';
import { errorCodes, eventually } from '@vp/kit/testing';
import { ADD_LICENCE, type CatalogHarness, makeTitle, startCatalog } from '../test-catalog';

jest.setTimeout(60_000);

let app: CatalogHarness;
const changes: EventPayload<typeof TitleChanged>[] = [];
const LICENCES = `query ($id: ID!) { title(id: $id) { licences { id territories startsAt endsAt } } }`;
const REMOVE = `mutation ($id: ID!) { removeLicence(id: $id) }`;

const add = (titleId: string, territories: string[], startsAt: string, endsAt: string) =>
  app.query(
    ADD_LICENCE,
    { input: { titleId, territories, startsAt, endsAt } },
    { token: app.managerToken },
  );

beforeAll(async () => {
  app = await startCatalog();
  await app.peers.onEvent(TitleChanged, event => changes.push(event.payload));
});
afterAll(() => app?.stop());

describe('addLicence', () => {
  it('licenses a title in territories for a window, codes upper-cased and sorted, and tells search', async () => {
    const { id } = await makeTitle(app);
    const added = await add(id, ['kr', 'JP', 'JP'], '2030-01-01T00:00:00Z', '2030-07-01T00:00:00Z');
    expect(added.errors).toBeUndefined();
    const listed = await app.query(LICENCES, { id }, { token: app.managerToken });
    expect(listed.data.title.licences).toEqual([
      {
        id: added.data.addLicence.id,
        territories: ['JP', 'KR'],
        startsAt: '2030-01-01T00:00:00.000Z',
        endsAt: '2030-07-01T00:00:00.000Z',
      },
    ]);
    const change = await eventually(
      () => changes.find(c => c.id === id && c.licences.length === 1),
      {
        what: 'TitleChanged with the licence',
      },
    );
    expect(parseEmitted(TitleChanged, change).licences).toEqual([
      {
        territories: ['JP', 'KR'],
        startsAt: '2030-01-01T00:00:00.000Z',
        endsAt: '2030-07-01T00:00:00.000Z',
      },
    ]);
  });

  it('refuses unknown territory codes, empty lists and windows that end before they start', async () => {
    const { id } = await makeTitle(app);
    const refusals: [string[], string, string, string][] = [
      [['JP', 'XX'], '2030-01-01T00:00:00Z', '2030-02-01T00:00:00Z', 'input.territories'],
      [['JPN'], '2030-01-01T00:00:00Z', '2030-02-01T00:00:00Z', 'input.territories'],
      [['EU'], '2030-01-01T00:00:00Z', '2030-02-01T00:00:00Z', 'input.territories'],
      [[], '2030-01-01T00:00:00Z', '2030-02-01T00:00:00Z', 'input.territories'],
      [['JP'], '2030-02-01T00:00:00Z', '2030-01-01T00:00:00Z', 'input.endsAt'],
      [['JP'], '2030-02-01T00:00:00Z', '2030-02-01T00:00:00Z', 'input.endsAt'],
    ];
    for (const [territories, startsAt, endsAt, field] of refusals) {
      const answer = await add(id, territories, startsAt, endsAt);
      expect([territories, errorCodes(answer)]).toEqual([territories, ['BAD_USER_INPUT']]);
      expect(answer.errors![0].extensions!.problems).toEqual([expect.objectContaining({ field })]);
    }
    expect((await add(id, ['JP'], 'soon', '2030-02-01T00:00:00Z')).status).toBe(400);
    for (const [titleId, code] of [
      ['not-an-id', 'BAD_USER_INPUT'],
      [randomUUID(), 'NOT_FOUND'],
    ]) {
      expect(
        errorCodes(await add(titleId, ['JP'], '2030-01-01T00:00:00Z', '2030-02-01T00:00:00Z')),
      ).toEqual([code]);
    }
    expect(
      (await app.query(LICENCES, { id }, { token: app.managerToken })).data.title.licences,
    ).toEqual([]);
  });

  it('refuses a window overlapping another in the same territory; abutting ones and other territories are fine', async () => {
    const { id } = await makeTitle(app);
    expect(
      (await add(id, ['JP', 'KR'], '2030-01-01T00:00:00Z', '2030-04-01T00:00:00Z')).errors,
    ).toBeUndefined();
    const overlap = await add(id, ['US', 'KR'], '2030-03-31T23:59:59Z', '2030-06-01T00:00:00Z');
    expect(errorCodes(overlap)).toEqual(['BAD_USER_INPUT']);
    expect(overlap.errors![0].message).toBe(
      'The title is already licensed in KR for part of this window.',
    );
    expect(overlap.errors![0].extensions!.problems).toEqual([
      {
        field: 'input.territories',
        message: 'KR: 2030-01-01T00:00:00.000Z to 2030-04-01T00:00:00.000Z',
      },
    ]);
    const inside = await add(id, ['JP'], '2030-02-01T00:00:00Z', '2030-02-02T00:00:00Z');
    expect(errorCodes(inside)).toEqual(['BAD_USER_INPUT']);
    // Windows are half-open: one may start exactly when the other ends.
    expect(
      (await add(id, ['JP', 'KR'], '2030-04-01T00:00:00Z', '2030-06-01T00:00:00Z')).errors,
    ).toBeUndefined();
    expect(
      (await add(id, ['US'], '2030-03-01T00:00:00Z', '2030-06-01T00:00:00Z')).errors,
    ).toBeUndefined();
    // Another title may hold the same window.
    const other = await makeTitle(app);
    expect(
      (await add(other.id, ['JP'], '2030-01-01T00:00:00Z', '2030-04-01T00:00:00Z')).errors,
    ).toBeUndefined();
  });

  it('lets only one of two overlapping licences added at once through', async () => {
    const { id } = await makeTitle(app);
    const answers = await Promise.all(
      ['2031-01-01T00:00:00Z', '2031-01-15T00:00:00Z', '2031-01-20T00:00:00Z'].map(startsAt =>
        add(id, ['JP'], startsAt, '2031-03-01T00:00:00Z'),
      ),
    );
    expect(answers.filter(answer => !answer.errors)).toHaveLength(1);
    expect(answers.flatMap(errorCodes)).toEqual(['BAD_USER_INPUT', 'BAD_USER_INPUT']);
  });
});

describe('removeLicence and reading licences', () => {
  it('removes a licence (the title no longer plays there) and tells search', async () => {
    const { id } = await makeTitle(app);
    const added = await add(id, ['JP'], '2020-01-01T00:00:00Z', '2040-01-01T00:00:00Z');
    const viewer = await app.viewer({ tier: 'PREMIUM' });
    const reason = async () =>
      (
        await app.query(
          `query ($id: ID!) { title(id: $id) { availability { reason } } }`,
          { id },
          { token: viewer.token },
        )
      ).data.title.availability.reason;
    expect(await reason()).toBeNull();
    expect(
      (await app.query(REMOVE, { id: added.data.addLicence.id }, { token: app.managerToken })).data,
    ).toEqual({
      removeLicence: true,
    });
    expect(await reason()).toBe('TERRITORY_BLOCKED');
    expect(
      errorCodes(
        await app.query(REMOVE, { id: added.data.addLicence.id }, { token: app.managerToken }),
      ),
    ).toEqual(['NOT_FOUND']);
    expect(
      errorCodes(await app.query(REMOVE, { id: 'nope' }, { token: app.managerToken })),
    ).toEqual(['BAD_USER_INPUT']);
    await eventually(
      () =>
        changes.filter(c => c.id === id).at(-1)?.licences.length === 0 &&
        changes.some(c => c.id === id && c.licences.length === 1),
      {
        what: 'TitleChanged without the licence',
      },
    );
  });

  it('shows licences to managers only', async () => {
    const { id } = await makeTitle(app, {
      licences: [
        { territories: ['JP'], startsAt: '2020-01-01T00:00:00Z', endsAt: '2040-01-01T00:00:00Z' },
      ],
    });
    const viewer = await app.viewer();
    const answer = await app.query(LICENCES, { id }, { token: viewer.token });
    expect(errorCodes(answer)).toEqual(['FORBIDDEN']);
    expect(answer.data.title.licences).toBeNull();
    expect(errorCodes(await app.query(LICENCES, { id }))).toEqual(['UNAUTHENTICATED']);
  });
});
