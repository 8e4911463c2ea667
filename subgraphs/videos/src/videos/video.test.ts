import { randomUUID } from 'node:crypto';
import { encodeCursor, Role } from '@vp/kit';
import { errorCodes, graphql, tokenFor } from '@vp/kit/testing';
import { startVideosSubgraph } from '../test-server';
import { Video, VideoKind, VideoStatus, VideoVisibility } from './video.entity';

let subgraph: Awaited<ReturnType<typeof startVideosSubgraph>>;
const owner = randomUUID();
const stranger = randomUUID();
let ownerToken: string;
let strangerToken: string;
let adminToken: string;

const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000);

beforeAll(async () => {
  subgraph = await startVideosSubgraph();
  ownerToken = await tokenFor(owner, [Role.CREATOR]);
  strangerToken = await tokenFor(stranger, [Role.VIEWER]);
  adminToken = await tokenFor(randomUUID(), [Role.ADMIN]);
});
afterAll(() => subgraph?.stop());

const VIDEO = `query ($id: ID!) { video(id: $id) { id title description tags status visibility kind requiredPlan audience durationSeconds publishedAt createdAt owner { id } } }`;

describe('video(id)', () => {
  let published: Video;
  let unlisted: Video;
  let privateOne: Video;
  let draft: Video;
  let scheduled: Video;

  beforeAll(async () => {
    [published, unlisted, privateOne, draft, scheduled] = await subgraph.seed(
      {
        ownerId: owner,
        title: 'Published',
        tags: ['cats', 'tokyo'],
        status: VideoStatus.READY,
        durationSeconds: 61,
      },
      { ownerId: owner, title: 'Unlisted', visibility: VideoVisibility.UNLISTED },
      { ownerId: owner, title: 'Private', visibility: VideoVisibility.PRIVATE },
      { ownerId: owner, title: 'Draft', publishedAt: null, status: VideoStatus.AWAITING_UPLOAD },
      { ownerId: owner, title: 'Scheduled', publishedAt: new Date(Date.now() + 3_600_000) },
    );
  });

  it('shows a published PUBLIC video to an anonymous viewer, with every field and its owner', async () => {
    const response = await graphql(subgraph.url, VIDEO, { id: published.id });
    expect(response.errors).toBeUndefined();
    expect(response.data.video).toEqual({
      id: published.id,
      title: 'Published',
      description: '',
      tags: ['cats', 'tokyo'],
      status: 'READY',
      visibility: 'PUBLIC',
      kind: 'VIDEO',
      requiredPlan: 'FREE',
      audience: 'GENERAL',
      durationSeconds: 61,
      publishedAt: published.publishedAt!.toISOString(),
      createdAt: published.createdAt.toISOString(),
      owner: { id: owner },
    });
  });

  it('shows an UNLISTED published video to whoever has its id', async () => {
    const response = await graphql(subgraph.url, VIDEO, { id: unlisted.id });
    expect(response.data.video?.title).toBe('Unlisted');
  });

  it.each([
    ['PRIVATE', () => privateOne],
    ['unpublished', () => draft],
    ['scheduled for later', () => scheduled],
  ])(
    'answers null without an error for a %s video to anonymous viewers and strangers',
    async (_label, video) => {
      for (const token of [undefined, strangerToken]) {
        const response = await graphql(subgraph.url, VIDEO, { id: video().id }, { token });
        expect(response.errors).toBeUndefined();
        expect(response.data).toEqual({ video: null });
      }
    },
  );

  it('shows the owner and an ADMIN every video, published or not', async () => {
    for (const token of [ownerToken, adminToken]) {
      for (const video of [privateOne, draft, scheduled]) {
        const response = await graphql(subgraph.url, VIDEO, { id: video.id }, { token });
        expect(response.data.video?.id).toBe(video.id);
      }
    }
  });

  it('answers null for an id that does not exist, like for a hidden one', async () => {
    const response = await graphql(
      subgraph.url,
      VIDEO,
      { id: randomUUID() },
      { token: strangerToken },
    );
    expect(response.errors).toBeUndefined();
    expect(response.data).toEqual({ video: null });
  });

  it('refuses a malformed id with BAD_USER_INPUT', async () => {
    const response = await graphql(subgraph.url, VIDEO, { id: "1' or '1'='1" });
    expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
  });

  it('refuses a tampered token instead of treating the caller as anonymous', async () => {
    const response = await graphql(
      subgraph.url,
      VIDEO,
      { id: published.id },
      { token: `${ownerToken}x` },
    );
    expect(response.status).toBe(401);
    expect(errorCodes(response)).toEqual(['UNAUTHENTICATED']);
  });
});

describe('_entities for Video', () => {
  const ENTITIES = `query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on Video { id title } } }`;
  const refs = (ids: string[]) => ids.map(id => ({ __typename: 'Video', id }));

  it('resolves many videos with one database query, in the order asked, null for hidden or unknown ones', async () => {
    const visible = await subgraph.seed({ title: 'One' }, { title: 'Two' }, { title: 'Three' });
    const [hidden] = await subgraph.seed({ title: 'Hidden', visibility: VideoVisibility.PRIVATE });
    subgraph.takeSql();
    const ids = [
      visible[2].id,
      hidden.id,
      visible[0].id,
      randomUUID(),
      'not-a-uuid',
      visible[1].id,
    ];
    const response = await graphql(subgraph.url, ENTITIES, { representations: refs(ids) });
    expect(response.errors).toBeUndefined();
    expect(response.data._entities).toEqual([
      { id: visible[2].id, title: 'Three' },
      null,
      { id: visible[0].id, title: 'One' },
      null,
      null,
      { id: visible[1].id, title: 'Two' },
    ]);
    expect(subgraph.takeSql().filter(sql => sql.includes('from "videos"."video"'))).toHaveLength(1);
  });

  it('applies the same rule as video(id): a private video is null for a stranger, visible to its owner and admins', async () => {
    const [privateOne] = await subgraph.seed({
      ownerId: owner,
      title: 'Mine',
      visibility: VideoVisibility.PRIVATE,
    });
    const representations = refs([privateOne.id]);
    for (const token of [undefined, strangerToken]) {
      const response = await graphql(subgraph.url, ENTITIES, { representations }, { token });
      expect(response.data._entities).toEqual([null]);
    }
    for (const token of [ownerToken, adminToken]) {
      const response = await graphql(subgraph.url, ENTITIES, { representations }, { token });
      expect(response.data._entities).toEqual([{ id: privateOne.id, title: 'Mine' }]);
    }
  });
});

describe('videos(first, after, filter)', () => {
  const FEED = `query ($first: Int, $after: String, $filter: VideoFilter) {
    videos(first: $first, after: $after, filter: $filter) {
      edges { cursor node { id kind } }
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    } }`;
  let listed: Video[];

  beforeAll(async () => {
    // A database of its own would hide the rows of other describes; instead the feed is compared
    // with every published PUBLIC row in the table, read straight from the database.
    const sameInstant = minutesAgo(30);
    await subgraph.seed(
      ...Array.from({ length: 7 }, (_, i) => ({
        title: `Feed ${i}`,
        publishedAt: minutesAgo(10 + i),
      })),
      ...Array.from({ length: 4 }, (_, i) => ({ title: `Tie ${i}`, publishedAt: sameInstant })),
      ...Array.from({ length: 3 }, (_, i) => ({
        title: `Short ${i}`,
        kind: VideoKind.SHORT,
        publishedAt: minutesAgo(20 + i),
      })),
      { title: 'Private', visibility: VideoVisibility.PRIVATE },
      { title: 'Unlisted', visibility: VideoVisibility.UNLISTED },
      { title: 'Draft', publishedAt: null },
      { title: 'Later', publishedAt: new Date(Date.now() + 3_600_000) },
    );
    const all = await subgraph.em().find(Video, {});
    listed = all
      .filter(
        v => v.visibility === 'PUBLIC' && v.publishedAt && v.publishedAt.getTime() <= Date.now(),
      )
      .sort(
        (a, b) => b.publishedAt!.getTime() - a.publishedAt!.getTime() || (a.id < b.id ? 1 : -1),
      );
  });

  async function walk(first: number, filter?: object, token?: string) {
    const seen: string[] = [];
    let after: string | null = null;
    for (let pages = 0; pages < 50; pages++) {
      const response: any = await graphql(subgraph.url, FEED, { first, after, filter }, { token });
      expect(response.errors).toBeUndefined();
      const { edges, pageInfo } = response.data.videos;
      expect(edges.length).toBeLessThanOrEqual(first);
      seen.push(...edges.map((edge: any) => edge.node.id));
      if (!pageInfo.hasNextPage) {
        return seen;
      }
      expect(pageInfo.endCursor).toBe(edges.at(-1).cursor);
      after = pageInfo.endCursor;
    }
    throw new Error('the feed never ended');
  }

  it('walks every published PUBLIC video once, newest first, ties broken by id', async () => {
    expect(listed.length).toBeGreaterThanOrEqual(14);
    const ids = await walk(3);
    expect(ids).toEqual(listed.map(v => v.id));
  });

  it('gives the same order whatever the page size, and to any viewer', async () => {
    expect(await walk(100, undefined, ownerToken)).toEqual(listed.map(v => v.id));
    expect(await walk(1, undefined, adminToken)).toEqual(listed.map(v => v.id));
  });

  it('filters by kind', async () => {
    const shorts = listed.filter(v => v.kind === VideoKind.SHORT).map(v => v.id);
    expect(shorts).toHaveLength(3);
    expect(await walk(2, { kind: 'SHORT' })).toEqual(shorts);
    const longs = await walk(5, { kind: 'VIDEO' });
    expect(longs).toEqual(listed.filter(v => v.kind === VideoKind.VIDEO).map(v => v.id));
  });

  it.each([0, 101, -1, 2 ** 31 - 1])('refuses first: %d with BAD_USER_INPUT', async first => {
    const response = await graphql(subgraph.url, FEED, { first });
    expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
    expect(response.data?.videos ?? null).toBeNull();
  });

  it('refuses a first of the wrong type', async () => {
    const response = await graphql(subgraph.url, FEED, { first: 'ten' });
    expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
  });

  it.each([
    ['garbage', 'not a cursor'],
    ['a cursor of the wrong shape', encodeCursor([1, 2, 3])],
    ['a cursor with a bad date', encodeCursor(['feed', 'yesterday', randomUUID()])],
    ['a cursor with a bad id', encodeCursor(['feed', new Date().toISOString(), "x'; drop table"])],
    [
      'a cursor of another list',
      encodeCursor(['channel-all', new Date().toISOString(), randomUUID()]),
    ],
  ])('refuses %s with BAD_USER_INPUT', async (_label, after) => {
    const response = await graphql(subgraph.url, FEED, { first: 5, after });
    expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
  });

  it('refuses an unknown kind', async () => {
    const response = await graphql(subgraph.url, FEED, { first: 5, filter: { kind: 'MOVIE' } });
    expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
  });
});
