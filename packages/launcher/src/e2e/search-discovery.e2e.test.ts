import { randomUUID } from 'node:crypto';
import { CATEGORIES } from '@vp/kit';
import { eventually, graphql } from '@vp/kit/testing';
import { Client } from 'pg';
import { startTestPlatform, type TestPlatform } from '../testing/test-platform';

// Issue 10 (discovery) end to end, through the gateway only: events travel from users and videos
// to search (profiles, publications, categories, views), and every hit is resolved by its owner.
// Videos are rows written directly as READY (uploading and transcoding have their own test), then
// published through the gateway.
describe('discovery through the gateway', () => {
  let platform: TestPlatform;

  beforeAll(async () => {
    platform = await startTestPlatform({ subgraphs: ['users', 'videos', 'search'] });
  }, 90_000);

  afterAll(async () => {
    await platform?.stop();
  });

  async function readyVideo(
    ownerId: string,
    title: string,
    visibility = 'PUBLIC',
  ): Promise<string> {
    const client = new Client({ connectionString: platform.database.url });
    await client.connect();
    try {
      const id = randomUUID();
      await client.query(
        `insert into videos.video (id, owner_id, title, status, visibility, duration_seconds, created_at, updated_at)
         values ($1, $2, $3, 'READY', $4, 40, now(), now())`,
        [id, ownerId, title, visibility],
      );
      return id;
    } finally {
      await client.end();
    }
  }

  const ask = async (
    query: string,
    variables: Record<string, unknown> = {},
    options: { token?: string; headers?: Record<string, string> } = {},
  ) => {
    // fresh answers: these reads wait for the index, not for the gateway's response cache (30 s)
    const response = await graphql(platform.url, query, variables, {
      ...options,
      headers: { 'cache-control': 'no-cache', ...options.headers },
    });
    expect(response.errors).toBeUndefined();
    return response.data;
  };

  it('finds channels, categorised videos and trending ones, and relates videos, all resolved by their owners', async () => {
    const creator = await platform.signUp({ name: 'capybara' });
    const viewer = await platform.signUp({ name: 'e2e' });
    await ask(
      `mutation ($input: UpdateProfileInput!) { updateProfile(input: $input) { id } }`,
      { input: { displayName: 'Capybara Kitchen' } },
      { token: creator.token },
    );

    // A channel is searchable by its (new) display name once users' UserProfileChanged reaches search.
    const CHANNELS = `query ($query: String!) { search(query: $query, filter: { types: [CHANNEL] }) {
      edges { node { __typename ... on User { id handle } } } } }`;
    const channels = await eventually(() => ask(CHANNELS, { query: 'capybara kitchen' }), {
      until: data => data.search.edges.length > 0,
      what: 'the channel in search',
    });
    expect(channels.search.edges).toEqual([
      { node: { __typename: 'User', id: creator.id, handle: creator.handle } },
    ]);

    // Categories in the language asked for.
    const english = await ask(
      `{ categories { slug name } }`,
      {},
      { headers: { 'accept-language': 'en' } },
    );
    expect(english.categories.find((c: { slug: string }) => c.slug === 'music').name).toBe('Music');

    // Publish and categorise; search finds it, videos resolves its fields.
    const music = CATEGORIES.find(category => category.slug === 'music')!.id;
    const videoId = await readyVideo(creator.id, 'Capybara onsen morning');
    const hiddenId = await readyVideo(creator.id, 'Capybara onsen secret', 'PRIVATE');
    await ask(
      `mutation ($id: ID!) { publishVideo(id: $id) { id } }`,
      { id: videoId },
      { token: creator.token },
    );
    await ask(
      `mutation ($id: ID!) { publishVideo(id: $id) { id } }`,
      { id: hiddenId },
      { token: creator.token },
    );
    const updated = await ask(
      `mutation ($id: ID!, $input: UpdateVideoInput!) { updateVideo(id: $id, input: $input) { id category { slug } } }`,
      { id: videoId, input: { categoryId: music } },
      { token: creator.token },
    );
    expect(updated.updateVideo.category).toEqual({ slug: 'music' });
    const SEARCH = `query ($categoryId: ID) { search(query: "capybara onsen", filter: { categoryId: $categoryId }) {
      edges { node { __typename ... on Video { id title category { slug } } } } } }`;
    const found = await eventually(() => ask(SEARCH, { categoryId: music }), {
      until: data => data.search.edges.length > 0,
      what: 'the categorised video in search',
    });
    expect(found.search.edges).toEqual([
      {
        node: {
          __typename: 'Video',
          id: videoId,
          title: 'Capybara onsen morning',
          category: { slug: 'music' },
        },
      },
    ]);
    // The private one never, for anyone else.
    expect(
      (await ask(SEARCH, {}, { token: viewer.token })).search.edges.map((e: any) => e.node.id),
    ).toEqual([videoId]);

    // A counted view (40 s video: 20 s watched) reaches trending.
    await ask(
      `mutation ($input: RecordViewInput!) { recordView(input: $input) }`,
      { input: { videoId, sessionId: 'e2e-session', positionSeconds: 20, watchedSeconds: 20 } },
      { token: viewer.token },
    );
    const TRENDING = `{ trending(period: DAY, kind: VIDEO, first: 20) { edges { node { id title viewCount } } } }`;
    const trending = await eventually(() => ask(TRENDING), {
      until: data => data.trending.edges.length > 0,
      what: 'the view in trending',
    });
    expect(trending.trending.edges).toEqual([
      { node: { id: videoId, title: 'Capybara onsen morning', viewCount: 1 } },
    ]);

    // related composes across videos and search; the home feed and suggestions answer too.
    const otherId = await readyVideo(creator.id, 'Tanuki in the snow');
    await ask(
      `mutation ($id: ID!) { publishVideo(id: $id) { id } }`,
      { id: otherId },
      { token: creator.token },
    );
    await ask(
      `mutation ($id: ID!, $input: UpdateVideoInput!) { updateVideo(id: $id, input: $input) { id } }`,
      { id: otherId, input: { categoryId: music } },
      { token: creator.token },
    );
    const RELATED = `query ($id: ID!) { video(id: $id) { related(first: 10) { edges { node { id title } } } } }`;
    const related = await eventually(() => ask(RELATED, { id: videoId }), {
      until: data => data.video.related.edges.length > 0,
      what: 'a related video',
    });
    expect(related.video.related.edges).toEqual([
      { node: { id: otherId, title: 'Tanuki in the snow' } },
    ]);
    const home = await ask(
      `{ homeFeed(first: 20) { edges { node { __typename ... on Video { id } } } } }`,
    );
    expect(home.homeFeed.edges.map((e: any) => e.node.id)).toEqual(
      expect.arrayContaining([videoId, otherId]),
    );
    expect(home.homeFeed.edges.map((e: any) => e.node.id)).not.toContain(hiddenId);
    const suggestions = await ask(`{ searchSuggestions(prefix: "capy", first: 5) }`);
    expect(suggestions.searchSuggestions).toEqual(
      expect.arrayContaining(['Capybara onsen morning', 'Capybara Kitchen']),
    );
    expect(suggestions.searchSuggestions).not.toContain('Capybara onsen secret');
  }, 120_000);
});
