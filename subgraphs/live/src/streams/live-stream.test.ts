import { randomUUID } from 'node:crypto';
import { encodeCursor, Role } from '@vp/kit';
import { errorCodes, graphql, tokenFor } from '@vp/kit/testing';
import { startLiveSubgraph } from '../test-server';
import { LiveStream, LiveStreamStatus } from './live-stream.entity';

let subgraph: Awaited<ReturnType<typeof startLiveSubgraph>>;
const owner = randomUUID();
let tokens: Record<'owner' | 'stranger' | 'admin', string>;

const minutesFromNow = (minutes: number) => new Date(Date.now() + minutes * 60_000);

beforeAll(async () => {
  subgraph = await startLiveSubgraph();
  tokens = {
    owner: await tokenFor(owner, [Role.CREATOR]),
    stranger: await tokenFor(randomUUID(), [Role.VIEWER]),
    admin: await tokenFor(randomUUID(), [Role.ADMIN]),
  };
});
afterAll(() => subgraph?.stop());

const STREAM = `query ($id: ID!) { liveStream(id: $id) {
  id title description status requiredPlan audience scheduledAt startedAt endedAt viewerCount createdAt owner { id } } }`;

describe('liveStream(id)', () => {
  let onAir: LiveStream;

  beforeAll(async () => {
    [onAir] = await subgraph.seed({
      ownerId: owner,
      title: 'Night walk in Shibuya',
      status: LiveStreamStatus.LIVE,
      startedAt: minutesFromNow(-5),
      scheduledAt: minutesFromNow(-10),
    });
  });

  it('shows the same public fields to anonymous viewers, strangers, the owner and admins', async () => {
    const expected = {
      id: onAir.id,
      title: 'Night walk in Shibuya',
      description: '',
      status: 'LIVE',
      requiredPlan: 'FREE',
      audience: 'GENERAL',
      scheduledAt: onAir.scheduledAt!.toISOString(),
      startedAt: onAir.startedAt!.toISOString(),
      endedAt: null,
      viewerCount: 0,
      createdAt: onAir.createdAt.toISOString(),
      owner: { id: owner },
    };
    for (const token of [undefined, tokens.stranger, tokens.owner, tokens.admin]) {
      const response = await graphql(subgraph.url, STREAM, { id: onAir.id }, { token });
      expect(response.errors).toBeUndefined();
      expect(response.data.liveStream).toEqual(expected);
    }
  });

  it('exposes nothing private about a stream but `ingest` (owner only, see stream-key.test.ts)', async () => {
    const response = await graphql(
      subgraph.url,
      `
        {
          __type(name: "LiveStream") {
            fields {
              name
            }
          }
        }
      `,
    );
    const fields = response.data.__type.fields.map((field: { name: string }) => field.name);
    expect(fields.filter((name: string) => /key|secret|ingest|rtmp/i.test(name))).toEqual([
      'ingest',
    ]);
  });

  it('answers null for an unknown id and BAD_USER_INPUT for a malformed one', async () => {
    expect((await graphql(subgraph.url, STREAM, { id: randomUUID() })).data).toEqual({
      liveStream: null,
    });
    expect(errorCodes(await graphql(subgraph.url, STREAM, { id: 'abc' }))).toEqual([
      'BAD_USER_INPUT',
    ]);
  });

  it('refuses a tampered token', async () => {
    const response = await graphql(
      subgraph.url,
      STREAM,
      { id: onAir.id },
      { token: tokens.owner.slice(0, -2) },
    );
    expect(errorCodes(response)).toEqual(['UNAUTHENTICATED']);
  });
});

describe('_entities', () => {
  const ENTITIES = `query ($representations: [_Any!]!) { _entities(representations: $representations) {
    ... on LiveStream { id title viewerCount }
    ... on User { id liveStreams(first: 10) { edges { node { id } } } } } }`;

  it('resolves many streams with one database query, in the order asked, null for unknown or malformed ids', async () => {
    const streams = await subgraph.seed({ title: 'A' }, { title: 'B' }, { title: 'C' });
    subgraph.takeSql();
    const ids = [streams[1].id, randomUUID(), streams[2].id, 'nope', streams[0].id];
    const response = await graphql(subgraph.url, ENTITIES, {
      representations: ids.map(id => ({ __typename: 'LiveStream', id })),
    });
    expect(response.errors).toBeUndefined();
    expect(response.data._entities).toEqual([
      { id: streams[1].id, title: 'B', viewerCount: 0 },
      null,
      { id: streams[2].id, title: 'C', viewerCount: 0 },
      null,
      { id: streams[0].id, title: 'A', viewerCount: 0 },
    ]);
    expect(
      subgraph.takeSql().filter(sql => sql.includes('from "live"."live_stream"')),
    ).toHaveLength(1);
  });

  it("lists a user's streams through a User representation", async () => {
    const someone = randomUUID();
    const mine = await subgraph.seed(
      { ownerId: someone, title: 'Old', createdAt: minutesFromNow(-60) },
      {
        ownerId: someone,
        title: 'Ended',
        status: LiveStreamStatus.ENDED,
        startedAt: minutesFromNow(-50),
        endedAt: minutesFromNow(-40),
        createdAt: minutesFromNow(-55),
      },
    );
    const response = await graphql(subgraph.url, ENTITIES, {
      representations: [{ __typename: 'User', id: someone }],
    });
    expect(response.data._entities[0].liveStreams.edges.map((edge: any) => edge.node.id)).toEqual([
      mine[1].id,
      mine[0].id,
    ]);
  });

  it("walks a user's streams page by page, and refuses bad page sizes and cursors", async () => {
    const someone = randomUUID();
    const mine = await subgraph.seed(
      ...[5, 4, 3, 2, 1].map(m => ({ ownerId: someone, createdAt: minutesFromNow(-m) })),
    );
    const CHANNEL = `query ($representations: [_Any!]!, $first: Int, $after: String) { _entities(representations: $representations) {
      ... on User { liveStreams(first: $first, after: $after) { edges { node { id } } pageInfo { hasNextPage endCursor } } } } }`;
    const representations = [{ __typename: 'User', id: someone }];
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 3; page++) {
      const response: any = await graphql(subgraph.url, CHANNEL, {
        representations,
        first: 2,
        after,
      });
      const { edges, pageInfo } = response.data._entities[0].liveStreams;
      seen.push(...edges.map((edge: any) => edge.node.id));
      expect(pageInfo.hasNextPage).toBe(page < 2);
      after = pageInfo.endCursor;
    }
    expect(seen).toEqual(mine.map(s => s.id).reverse());
    for (const variables of [{ first: 0 }, { first: 101 }, { first: 2, after: 'x' }]) {
      expect(
        errorCodes(await graphql(subgraph.url, CHANNEL, { representations, ...variables })),
      ).toEqual(['BAD_USER_INPUT']);
    }
  });
});

describe('liveStreams(first, after)', () => {
  const DIRECTORY = `query ($first: Int, $after: String) { liveStreams(first: $first, after: $after) {
    edges { cursor node { id status } } pageInfo { hasNextPage endCursor } } }`;
  let expected: string[];

  beforeAll(async () => {
    const sameStart = minutesFromNow(-30);
    const sameSlot = minutesFromNow(120);
    const onAir = await subgraph.seed(
      ...[-3, -20, -90].map(m => ({ status: LiveStreamStatus.LIVE, startedAt: minutesFromNow(m) })),
      ...[0, 1, 2].map(() => ({ status: LiveStreamStatus.LIVE, startedAt: sameStart })),
    );
    const upcoming = await subgraph.seed(
      ...[300, 15, -5, 60].map(m => ({ scheduledAt: minutesFromNow(m) })),
      ...[0, 1, 2].map(() => ({ scheduledAt: sameSlot })),
    );
    await subgraph.seed(
      { title: 'Unannounced' },
      {
        status: LiveStreamStatus.ENDED,
        startedAt: minutesFromNow(-100),
        endedAt: minutesFromNow(-50),
      },
    );
    // Every describe shares the database: compare with every listed row, read from it.
    const all = await subgraph.em().find(LiveStream, {});
    const live = all.filter(s => s.status === 'LIVE');
    const scheduled = all.filter(s => s.status === 'SCHEDULED' && s.scheduledAt);
    expect(live.length).toBeGreaterThanOrEqual(onAir.length + 1);
    expect(scheduled).toHaveLength(upcoming.length);
    live.sort((a, b) => b.startedAt!.getTime() - a.startedAt!.getTime() || (a.id < b.id ? 1 : -1));
    scheduled.sort(
      (a, b) => a.scheduledAt!.getTime() - b.scheduledAt!.getTime() || (a.id < b.id ? -1 : 1),
    );
    expected = [...live, ...scheduled].map(s => s.id);
  });

  async function walk(first: number) {
    const seen: { id: string; status: string }[] = [];
    let after: string | null = null;
    for (let pages = 0; pages < 60; pages++) {
      const response: any = await graphql(subgraph.url, DIRECTORY, { first, after });
      expect(response.errors).toBeUndefined();
      const { edges, pageInfo } = response.data.liveStreams;
      expect(edges.length).toBeLessThanOrEqual(first);
      seen.push(...edges.map((edge: any) => edge.node));
      if (!pageInfo.hasNextPage) {
        return seen;
      }
      after = pageInfo.endCursor;
    }
    throw new Error('the directory never ended');
  }

  it.each([1, 2, 4, 100])(
    'walks streams on air (newest first) then upcoming ones (soonest first), each once, %d per page',
    async first => {
      const seen = await walk(first);
      expect(seen.map(s => s.id)).toEqual(expected);
      const statuses = seen.map(s => s.status);
      expect(statuses.lastIndexOf('LIVE')).toBeLessThan(statuses.indexOf('SCHEDULED'));
      expect(statuses).not.toContain('ENDED');
    },
  );

  it.each([0, 101])('refuses first: %d with BAD_USER_INPUT', async first => {
    expect(errorCodes(await graphql(subgraph.url, DIRECTORY, { first }))).toEqual([
      'BAD_USER_INPUT',
    ]);
  });

  it.each([
    ['garbage', '!!'],
    ['a cursor of the wrong shape', encodeCursor(['on-air', 5])],
    ['a cursor of another list', encodeCursor(['channel', new Date().toISOString(), randomUUID()])],
  ])('refuses %s with BAD_USER_INPUT', async (_label, after) => {
    expect(errorCodes(await graphql(subgraph.url, DIRECTORY, { first: 3, after }))).toEqual([
      'BAD_USER_INPUT',
    ]);
  });
});
