import { randomUUID } from 'node:crypto';
import {
  ContentTakenDown,
  LiveStreamChanged,
  UserProfileChanged,
  UserSuspensionChanged,
  VideoPublished,
} from '@vp/contracts';
import { graphql } from '@vp/kit/testing';
import { startSearchSubgraph } from '../test-server';

// The consumer's side of ContentTakenDown and UserSuspensionChanged (the producer's: users'
// src/moderation/moderation.test.ts).
let subgraph: Awaited<ReturnType<typeof startSearchSubgraph>>;
beforeAll(async () => {
  subgraph = await startSearchSubgraph();
});
afterAll(() => subgraph?.stop());

const SEARCH = `query ($query: String!) { search(query: $query, first: 50) {
  edges { node { __typename ... on Video { id } ... on LiveStream { id } ... on User { id } } } } }`;
const find = async (query: string) => {
  const response = await graphql(subgraph.url, SEARCH, { query });
  expect(response.errors).toBeUndefined();
  return response.data.search.edges.map((edge: any) => `${edge.node.__typename}:${edge.node.id}`);
};

it('removes a taken-down video and stream for good: a later change of the stream does not bring it back', async () => {
  const videoId = randomUUID();
  const streamId = randomUUID();
  await subgraph.emit(VideoPublished, {
    ...VideoPublished.example,
    id: videoId,
    title: 'Kappa scam giveaway',
  });
  const stream = {
    ...LiveStreamChanged.example,
    id: streamId,
    title: 'Kappa scam stream',
    status: 'LIVE' as const,
  };
  await subgraph.emit(LiveStreamChanged, stream);
  expect((await find('kappa scam')).sort()).toEqual(
    [`LiveStream:${streamId}`, `Video:${videoId}`].sort(),
  );

  const takenDownAt = new Date().toISOString();
  await subgraph.emit(ContentTakenDown, {
    targetType: 'VIDEO',
    targetId: videoId,
    reason: 'Scam.',
    takenDownAt,
  });
  await subgraph.emit(ContentTakenDown, {
    targetType: 'LIVE_STREAM',
    targetId: streamId,
    reason: 'Scam.',
    takenDownAt,
  });
  expect(await find('kappa scam')).toEqual([]);
  // live ends the stream after the takedown: that newer change is not a way back
  await subgraph.emit(
    LiveStreamChanged,
    { ...stream, status: 'ENDED' },
    new Date(Date.now() + 1000),
  );
  expect(await find('kappa scam')).toEqual([]);
});

it("hides a suspended account's channel and content while suspended, and shows them once lifted", async () => {
  const userId = randomUUID();
  const videoId = randomUUID();
  await subgraph.emit(UserProfileChanged, {
    userId,
    handle: 'oni_tv',
    displayName: 'Oni Television',
    changedAt: new Date().toISOString(),
  });
  await subgraph.emit(VideoPublished, {
    ...VideoPublished.example,
    id: videoId,
    ownerId: userId,
    title: 'Oni dance',
  });
  expect((await find('oni')).sort()).toEqual([`User:${userId}`, `Video:${videoId}`].sort());

  const at = Date.now();
  await subgraph.emit(UserSuspensionChanged, {
    userId,
    suspended: true,
    suspendedUntil: null,
    changedAt: new Date(at).toISOString(),
  });
  expect(await find('oni')).toEqual([]);
  // a late, older lift changes nothing
  await subgraph.emit(UserSuspensionChanged, {
    userId,
    suspended: false,
    suspendedUntil: null,
    changedAt: new Date(at - 1000).toISOString(),
  });
  expect(await find('oni')).toEqual([]);
  await subgraph.emit(UserSuspensionChanged, {
    userId,
    suspended: false,
    suspendedUntil: null,
    changedAt: new Date(at + 1000).toISOString(),
  });
  expect((await find('oni')).sort()).toEqual([`User:${userId}`, `Video:${videoId}`].sort());
});
