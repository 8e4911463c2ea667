import { randomUUID } from 'node:crypto';
import {
  BrowseDocument,
  HomeDocument,
  RelatedVideosDocument,
  SearchDocument,
} from '@vp/client/src/gql/graphql';
import { Role } from '@vp/kit';
import { eventually, graphql } from '@vp/kit/testing';
import { type DocumentNode, print } from 'graphql';
import { Client } from 'pg';
import { type Person, startTestPlatform, type TestPlatform } from '../testing/test-platform';

// The web app's most used pages, exactly as the app sends them (@vp/client's documents), through
// the gateway's response cache over every subgraph's real hints: a repeat by the same viewer is
// answered from the cache, another viewer's never is, and the events that change these lists
// (a live stream ending, a title edited) make the next answer a fresh one. A hint missing anywhere
// on an operation's path (a root field, a connection, a union, an entity type) makes it a miss
// every time, and these tests time out.
/** Polls slowly enough to stay inside a viewer's cost budget (these pages cost 50 points or more). */
const POLL_MS = 1_000;

describe('the response cache over the web app pages', () => {
  let platform: TestPlatform;
  let creator: Person;
  let manager: string;
  let alice: Person;
  let bob: Person;
  let videoId: string;
  let streamId: string;
  let titleId: string;
  const word = `quokka${Date.now().toString(36)}`;

  const ask = async (
    document: DocumentNode,
    variables: Record<string, unknown>,
    token?: string,
  ) => {
    const answer = await graphql(platform.url, print(document), variables, { token });
    expect(answer.errors).toBeUndefined();
    return { data: answer.data, cache: answer.headers.get('x-response-cache') };
  };

  const mutate = async (query: string, variables: Record<string, unknown>, token: string) => {
    const answer = await graphql(platform.url, query, variables, { token });
    expect(answer.errors).toBeUndefined();
    return answer.data;
  };

  /** Rows as READY (transcoding has its own tests), published through the gateway. */
  async function publishedVideo(title: string): Promise<string> {
    const client = new Client({ connectionString: platform.database.url });
    await client.connect();
    const id = randomUUID();
    try {
      await client.query(
        `insert into videos.video (id, owner_id, title, tags, status, visibility, duration_seconds, created_at, updated_at)
         values ($1, $2, $3, $4, 'READY', 'PUBLIC', 40, now(), now())`,
        [id, creator.id, title, [word]],
      );
    } finally {
      await client.end();
    }
    await mutate(`mutation ($id: ID!) { publishVideo(id: $id) { id } }`, { id }, creator.token);
    return id;
  }

  beforeAll(async () => {
    platform = await startTestPlatform({
      subgraphs: ['users', 'videos', 'live', 'catalog', 'search'],
    });
    creator = await platform.signUp({ name: 'creator' });
    const curator = await platform.signUp({ name: 'curator' });
    manager = await platform.grantRole(curator, Role.CATALOG_MANAGER);
    alice = await platform.signUp({ name: 'alice' });
    bob = await platform.signUp({ name: 'bob' });

    videoId = await publishedVideo(`Morning ${word}`);
    await publishedVideo(`Evening ${word}`);
    streamId = (
      await mutate(
        `mutation ($input: CreateLiveStreamInput!) { createLiveStream(input: $input) { id } }`,
        {
          input: {
            title: `Live ${word}`,
            scheduledAt: new Date(Date.now() + 3600_000).toISOString(),
          },
        },
        creator.token,
      )
    ).createLiveStream.id;
    titleId = (
      await mutate(
        `mutation ($input: CreateTitleInput!) { createTitle(input: $input) { id } }`,
        {
          input: {
            kind: 'SERIES',
            name: `Film ${word}`,
            maturityRating: 'G',
            requiredPlan: 'FREE',
          },
        },
        manager,
      )
    ).createTitle.id;
    await mutate(
      `mutation ($input: AddLicenceInput!) { addLicence(input: $input) { id } }`,
      {
        input: {
          titleId,
          territories: ['JP'],
          startsAt: new Date(Date.now() - 3600_000).toISOString(),
          endsAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
        },
      },
      manager,
    );
    // a title is published with an episode; which video it plays does not matter here
    const seasonId = (
      await mutate(
        `mutation ($input: AddSeasonInput!) { addSeason(input: $input) { id } }`,
        { input: { titleId, number: 1, name: 'Season 1' } },
        manager,
      )
    ).addSeason.id;
    const client = new Client({ connectionString: platform.database.url });
    await client.connect();
    try {
      await client.query(
        `insert into catalog.episode (id, season_id, number, name, duration_seconds, created_at, updated_at)
         values ($1, $2, 1, 'Pilot', 40, now(), now())`,
        [randomUUID(), seasonId],
      );
    } finally {
      await client.end();
    }
    await mutate(`mutation ($id: ID!) { publishTitle(id: $id) { id } }`, { id: titleId }, manager);
    // search has hits of two kinds (a stream is found once on air): each is resolved by its
    // owner, under that owner's hints
    await eventually(() => ask(SearchDocument, { query: word }, alice.token), {
      until: ({ data }) =>
        ['Video', 'Title'].every(kind =>
          data.search.edges.some((edge: any) => edge.node?.__typename === kind),
        ),
      timeoutMs: 60_000,
      intervalMs: POLL_MS,
      what: 'search to index the videos and the title',
    });
  }, 180_000);

  afterAll(async () => {
    await platform?.stop();
  });

  /** Alice's second identical request is a hit (retried: a setup event may invalidate between). */
  const expectRepeatCached = (document: DocumentNode, variables: Record<string, unknown>) =>
    eventually(
      async () => {
        await ask(document, variables, alice.token);
        return ask(document, variables, alice.token);
      },
      {
        until: ({ cache }) => cache === 'hit',
        intervalMs: POLL_MS,
        what: 'a repeat answered from the cache',
      },
    );

  /** ...and Bob's first is a miss: Bob gets an answer of his own. */
  async function expectCachedPerViewer(document: DocumentNode, variables: Record<string, unknown>) {
    const { data } = await expectRepeatCached(document, variables);
    const other = await ask(document, variables, bob.token);
    expect(other.cache).toBe('miss');
    return { data };
  }

  it('answers Home again from the cache for the same viewer, not for another', async () => {
    const { data } = await expectCachedPerViewer(HomeDocument, {});
    expect(data.videos.edges.map((edge: any) => edge.node.id)).toContain(videoId);
    expect(data.liveStreams.edges.map((edge: any) => edge.node.id)).toContain(streamId);
    expect(data.homeFeed.edges.length).toBeGreaterThan(0);
  });

  it('answers Search again from the cache for the same viewer, not for another', async () => {
    const { data } = await expectCachedPerViewer(SearchDocument, { query: word });
    expect(data.search.edges.map((edge: any) => edge.node?.id)).toEqual(
      expect.arrayContaining([videoId, titleId]),
    );
  });

  it('answers RelatedVideos again from the cache for the same viewer, not for another', async () => {
    const { data } = await expectCachedPerViewer(RelatedVideosDocument, {
      id: videoId,
      handle: creator.handle,
    });
    expect(data.video.id).toBe(videoId);
    expect(data.user.videos.edges.map((edge: any) => edge.node.id)).toContain(videoId);
  });

  it('answers Browse again from the cache for the same viewer, not for another', async () => {
    const { data } = await expectCachedPerViewer(BrowseDocument, {});
    expect(data.titles.edges.map((edge: any) => edge.node.id)).toContain(titleId);
  });

  it('answers afresh once a title is edited', async () => {
    await expectRepeatCached(BrowseDocument, {});
    await mutate(
      `mutation ($id: ID!, $input: UpdateTitleInput!) { updateTitle(id: $id, input: $input) { id } }`,
      { id: titleId, input: { name: `Film ${word} (restored)` } },
      manager,
    );
    // well within the 30 s an entry lives: only the invalidation can drop it this soon
    const fresh = await eventually(() => ask(BrowseDocument, {}, alice.token), {
      until: ({ data }) =>
        data.titles.edges.some((edge: any) => edge.node.name === `Film ${word} (restored)`),
      timeoutMs: 5_000,
      intervalMs: 200,
      what: 'the edited title',
    });
    expect(fresh.cache).toBe('miss');
  });

  it('answers Home afresh once a live stream ends', async () => {
    await expectRepeatCached(HomeDocument, {});
    await mutate(
      `mutation ($id: ID!) { endLiveStream(id: $id) { id } }`,
      { id: streamId },
      creator.token,
    );
    // sooner than the live row's 10 s: only the invalidation can drop it this soon
    const fresh = await eventually(() => ask(HomeDocument, {}, alice.token), {
      until: ({ data }) => !data.liveStreams.edges.some((edge: any) => edge.node.id === streamId),
      timeoutMs: 5_000,
      intervalMs: 200,
      what: 'the ended stream off the home page',
    });
    expect(fresh.cache).toBe('miss');
  });
});
