import { randomUUID } from 'node:crypto';
import { CATEGORIES, preferredLanguage, Role } from '@vp/kit';
import { errorCodes, graphql, tokenFor } from '@vp/kit/testing';
import { startVideosSubgraph } from '../test-server';

let subgraph: Awaited<ReturnType<typeof startVideosSubgraph>>;

beforeAll(async () => {
  subgraph = await startVideosSubgraph();
});
afterAll(() => subgraph?.stop());

const CATEGORIES_QUERY = `{ categories { id slug name } }`;
const UPDATE = `mutation ($id: ID!, $input: UpdateVideoInput!) {
  updateVideo(id: $id, input: $input) { id category { id slug name } } }`;

const categoriesIn = async (acceptLanguage?: string) => {
  const response = await graphql(
    subgraph.url,
    CATEGORIES_QUERY,
    {},
    { headers: acceptLanguage ? { 'accept-language': acceptLanguage } : {} },
  );
  expect(response.errors).toBeUndefined();
  return response.data.categories as { id: string; slug: string; name: string }[];
};

describe('categories', () => {
  it('lists the seeded categories, the same ids and slugs as @vp/kit, in order', async () => {
    const listed = await categoriesIn();
    expect(listed.length).toBeGreaterThanOrEqual(15);
    expect(listed.map(({ id, slug }) => ({ id, slug }))).toEqual(
      CATEGORIES.map(({ id, slug }) => ({ id, slug })),
    );
  });

  it('names them in Japanese by default and in English when Accept-Language prefers it', async () => {
    const music = (list: { slug: string; name: string }[]) =>
      list.find(category => category.slug === 'music')!.name;
    expect(music(await categoriesIn())).toBe('音楽');
    expect(music(await categoriesIn('ja-JP,ja;q=0.9'))).toBe('音楽');
    expect(music(await categoriesIn('en-US,en;q=0.9,ja;q=0.8'))).toBe('Music');
    expect(music(await categoriesIn('fr-FR, ja;q=0.4, en;q=0.6'))).toBe('Music');
    expect(music(await categoriesIn('de-DE'))).toBe('音楽');
    const english = await categoriesIn('en');
    expect(english.map(category => category.name)).toEqual(
      CATEGORIES.map(category => category.names.en),
    );
  });

  it('reads Accept-Language the way browsers send it', () => {
    expect(preferredLanguage(undefined)).toBe('ja');
    expect(preferredLanguage('en-GB')).toBe('en');
    expect(preferredLanguage('EN')).toBe('en');
    expect(preferredLanguage('ja;q=0.5, en;q=0.5')).toBe('ja');
    expect(preferredLanguage('en;q=0, ja;q=0.1')).toBe('ja');
    expect(preferredLanguage('*')).toBe('ja');
    expect(preferredLanguage('en;q=banana, ja;q=0.2')).toBe('ja');
    expect(preferredLanguage(['fr', 'en;q=0.3'])).toBe('en');
  });
});

describe('updateVideo categoryId', () => {
  const owner = randomUUID();
  let token: string;
  beforeAll(async () => {
    token = await tokenFor(owner, [Role.CREATOR]);
  });

  it('sets a category (any letter case), keeps it when left out, and clears it with null', async () => {
    const [video] = await subgraph.seed({ ownerId: owner });
    const music = CATEGORIES.find(category => category.slug === 'music')!;
    const set = await graphql(
      subgraph.url,
      UPDATE,
      { id: video.id, input: { categoryId: music.id.toUpperCase() } },
      { token, headers: { 'accept-language': 'en' } },
    );
    expect(set.errors).toBeUndefined();
    expect(set.data.updateVideo.category).toEqual({ id: music.id, slug: 'music', name: 'Music' });
    const kept = await graphql(
      subgraph.url,
      UPDATE,
      { id: video.id, input: { title: 'Renamed' } },
      { token },
    );
    expect(kept.data.updateVideo.category).toEqual({ id: music.id, slug: 'music', name: '音楽' });
    const cleared = await graphql(
      subgraph.url,
      UPDATE,
      { id: video.id, input: { categoryId: null } },
      { token },
    );
    expect(cleared.data.updateVideo.category).toBeNull();
  });

  it.each([
    ['an unknown category id', randomUUID()],
    ['a malformed id', 'music'],
  ])(
    'refuses %s with BAD_USER_INPUT on input.categoryId and changes nothing',
    async (_label, id) => {
      const sports = CATEGORIES.find(category => category.slug === 'sports')!;
      const [video] = await subgraph.seed({ ownerId: owner, categoryId: sports.id });
      const response = await graphql(
        subgraph.url,
        UPDATE,
        { id: video.id, input: { categoryId: id, title: 'Not applied' } },
        { token },
      );
      expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
      expect(response.errors![0].extensions!.problems).toEqual([
        { field: 'input.categoryId', message: 'Not a category (see the categories query).' },
      ]);
      const [row] = await subgraph
        .em()
        .execute(`select title, category_id from videos.video where id = ?`, [video.id]);
      expect(row).toEqual({ title: 'A video', category_id: sports.id });
    },
  );

  it('resolves a Category entity by id for other subgraphs', async () => {
    const food = CATEGORIES.find(category => category.slug === 'food-cooking')!;
    const response = await graphql(
      subgraph.url,
      `
        query ($id: ID!) {
          _entities(representations: [{ __typename: "Category", id: $id }]) {
            ... on Category {
              slug
              name
            }
          }
        }
      `,
      { id: food.id },
      { headers: { 'accept-language': 'en' } },
    );
    expect(response.data._entities).toEqual([{ slug: 'food-cooking', name: 'Food & Cooking' }]);
  });
});
