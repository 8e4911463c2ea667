import { randomUUID } from 'node:crypto';
import {
  type EventContract,
  type EventInput,
  eventTopic,
  LiveStreamChanged,
  VideoDeleted,
  VideoPublished,
  VideoUpdated,
} from '@vp/contracts';
import { emitEvent, OutboxMessage, Role } from '@vp/kit';
import { eventually, graphql, tokenFor } from '@vp/kit/testing';
import { startSearchSubgraph } from '../test-server';

// Events travel as in production: a row in an outbox (here the search database's own, as the
// videos subgraph writes its own), the kit's relay to pg-boss, the search subgraph's consumers.
// This is the consumers' side of the contract tests of the video events and LiveStreamChanged
// (the producers': videos' video-management.test.ts, live's stream-key.test.ts).

type VideoPayload = EventInput<typeof VideoPublished>;

let subgraph: Awaited<ReturnType<typeof startSearchSubgraph>>;
const owner = randomUUID();
let tokens: Record<'owner' | 'stranger', string>;

beforeAll(async () => {
  subgraph = await startSearchSubgraph();
  tokens = {
    owner: await tokenFor(owner, [Role.CREATOR]),
    stranger: await tokenFor(randomUUID(), [Role.VIEWER]),
  };
});
afterAll(() => subgraph?.stop());

/** The contract's example video, new, with these changes. */
const video = (changes: Partial<VideoPayload> = {}): VideoPayload => ({
  ...VideoPublished.example,
  id: randomUUID(),
  ownerId: owner,
  title: 'Untitled',
  description: '',
  tags: [],
  publishedAt: new Date(Date.now() - 60_000).toISOString(),
  ...changes,
});

type VideoEvent = typeof VideoPublished | typeof VideoUpdated | typeof VideoDeleted;

/** Emits as the videos subgraph does: emitEvent in a transaction; the outbox stamps the time. */
async function emit(contract: VideoEvent, payload: VideoPayload) {
  await subgraph.em().transactional(async tx => emitEvent(tx, contract, payload));
}

/**
 * An event whose delivery is late: written now, stamped with an earlier time (or redelivered).
 * The row is written as is, not checked against the contract (as by a producer on another version).
 */
async function emitAt(
  contract: VideoEvent,
  payload: VideoPayload,
  occurredAt: Date,
  id = randomUUID(),
) {
  const em = subgraph.em();
  em.persist(
    Object.assign(new OutboxMessage(), {
      id,
      kind: 'event',
      name: eventTopic(contract),
      payload,
      createdAt: occurredAt,
    }),
  );
  await em.flush();
  return id;
}

async function inboxEntries(contract: EventContract, eventId: string): Promise<number> {
  const [{ count }] = await subgraph
    .em()
    .getConnection()
    .execute(
      `select count(*)::int as "count" from "search"."inbox" where "consumer" = ? and "event_id" = ?`,
      [`search.${eventTopic(contract)}`, eventId],
    );
  return count;
}
/** Waits until the consumer has handled (or skipped) this event. */
const handled = (contract: EventContract, eventId: string) =>
  eventually(() => inboxEntries(contract, eventId), { until: count => count > 0 });

async function stored(id: string) {
  const [row] = await subgraph
    .em()
    .getConnection()
    .execute(`select "title", "updated_at", "deleted_at" from "search"."document" where "id" = ?`, [
      id,
    ]);
  return row as { title: string; updated_at: Date; deleted_at: Date | null } | undefined;
}

const SEARCH = `query ($query: String!) { search(query: $query, first: 100) {
  edges { node { __typename ... on Video { id } ... on LiveStream { id } } } } }`;
async function find(query: string, token?: string): Promise<string[]> {
  const response = await graphql(subgraph.url, SEARCH, { query }, { token });
  expect(response.errors).toBeUndefined();
  return response.data.search.edges.map((edge: any) => `${edge.node.__typename}:${edge.node.id}`);
}
const findsVideo = async (query: string, id: string, token?: string) =>
  (await find(query, token)).includes(`Video:${id}`);

it('makes a published video findable by a two-character Japanese query and by an English word', async () => {
  const payload = video({
    title: '京都の紅葉 Autumn leaves',
    description: 'Maple trees along the river',
    tags: ['kyoto'],
  });
  await emit(VideoPublished, payload);
  await eventually(() => findsVideo('紅葉', payload.id), { until: found => found });
  expect(await find('紅葉')).toEqual([`Video:${payload.id}`]);
  expect(await find('maples')).toEqual([`Video:${payload.id}`]);
  expect(await find('Kyoto', tokens.stranger)).toEqual([`Video:${payload.id}`]);
  expect(await find('京葉')).toEqual([]);
});

it('indexes a short as a Video too', async () => {
  const payload = video({ title: 'Quick wombat short', kind: 'SHORT' });
  await emit(VideoPublished, payload);
  await eventually(() => find('wombat'), { until: found => found.length > 0 });
  expect(await find('wombat')).toEqual([`Video:${payload.id}`]);
});

it('finds the new title after VideoUpdated, and no longer the old one', async () => {
  const payload = video({ title: '大阪城 Castle at dawn' });
  await emit(VideoPublished, payload);
  await eventually(() => findsVideo('castle', payload.id), { until: found => found });

  await emit(VideoUpdated, { ...payload, title: '名古屋城 Fortress at dusk' });
  await eventually(() => findsVideo('fortress', payload.id), { until: found => found });
  expect(await findsVideo('castle', payload.id)).toBe(false);
  expect(await findsVideo('大阪', payload.id)).toBe(false);
  expect(await findsVideo('名古', payload.id)).toBe(true);
});

it('removes a video on VideoDeleted, and an older VideoUpdated arriving afterwards does not bring it back', async () => {
  const payload = video({ title: 'Narwhal migration' });
  const publishedAt = new Date(Date.now() - 30_000);
  await emitAt(VideoPublished, payload, publishedAt);
  await eventually(() => findsVideo('narwhal', payload.id), { until: found => found });

  const deletion = await emitAt(VideoDeleted, payload, new Date(Date.now() - 10_000));
  await handled(VideoDeleted, deletion);
  expect(await findsVideo('narwhal', payload.id, tokens.owner)).toBe(false);

  // Changed before the deletion, delivered after it (a retry, another relay).
  const late = await emitAt(
    VideoUpdated,
    { ...payload, title: 'Narwhal migration (edited)' },
    new Date(Date.now() - 20_000),
  );
  await handled(VideoUpdated, late);
  expect(await findsVideo('narwhal', payload.id, tokens.owner)).toBe(false);
  expect(await findsVideo('edited', payload.id, tokens.owner)).toBe(false);
  const row = await stored(payload.id);
  expect(row?.deleted_at).not.toBeNull();
  expect(row?.title).toBe('');
});

it('remembers a deletion delivered before the publication it follows', async () => {
  const payload = video({ title: 'Axolotl tank' });
  const deletion = await emitAt(VideoDeleted, payload, new Date(Date.now() - 1000));
  await handled(VideoDeleted, deletion);
  const publication = await emitAt(VideoPublished, payload, new Date(Date.now() - 5000));
  await handled(VideoPublished, publication);
  expect(await findsVideo('axolotl', payload.id, tokens.owner)).toBe(false);
});

it('changes nothing on a duplicate delivery of an event', async () => {
  const payload = video({ title: 'Pelican dive' });
  const occurredAt = new Date(Date.now() - 20_000);
  const first = await emitAt(VideoPublished, payload, occurredAt);
  await handled(VideoPublished, first);
  const update = await emitAt(
    VideoUpdated,
    { ...payload, title: 'Pelican glide' },
    new Date(Date.now() - 10_000),
  );
  await handled(VideoUpdated, update);
  const before = await stored(payload.id);
  expect(before?.title).toBe('Pelican glide');

  // The same outbox row relayed again, as after a relay that died before deleting it.
  await emitAt(VideoPublished, payload, occurredAt, first);
  await eventually(
    async () => {
      const [{ count }] = await subgraph
        .em()
        .getConnection()
        .execute(`select count(*)::int as "count" from "search"."outbox"`);
      return count;
    },
    { until: count => count === 0 },
  );
  // Both deliveries handled; the inbox keeps one entry per event.
  await eventually(
    async (): Promise<{ state: string }[]> =>
      subgraph
        .em()
        .getConnection()
        .execute(`select state from pgboss.job where name = ? and data->>'id' = ?`, [
          `search.${eventTopic(VideoPublished)}`,
          first,
        ]),
    { until: jobs => jobs.length === 2 && jobs.every(job => job.state === 'completed') },
  );
  expect(await inboxEntries(VideoPublished, first)).toBe(1);
  expect(await stored(payload.id)).toEqual(before);
  expect(await find('glide')).toEqual([`Video:${payload.id}`]);
  expect(await find('dive')).toEqual([]);
});

it('shows a PRIVATE video, a draft and an UNLISTED one to their owner only', async () => {
  const privateOne = video({ title: 'Hedgehog private', visibility: 'PRIVATE' });
  const draft = video({ title: 'Hedgehog draft', publishedAt: null });
  const unlisted = video({ title: 'Hedgehog friends', visibility: 'UNLISTED' });
  const listed = video({ title: 'Hedgehog public' });
  for (const payload of [privateOne, draft, unlisted]) {
    await emit(VideoUpdated, payload);
  }
  await emit(VideoPublished, listed);
  await eventually(() => find('hedgehog', tokens.owner), { until: found => found.length === 4 });
  expect((await find('hedgehog', tokens.owner)).sort()).toEqual(
    [privateOne, draft, unlisted, listed].map(payload => `Video:${payload.id}`).sort(),
  );
  expect(await find('hedgehog', tokens.stranger)).toEqual([`Video:${listed.id}`]);
  expect(await find('hedgehog')).toEqual([`Video:${listed.id}`]);
});

it('dead-letters a video event of a visibility it does not know, and indexes nothing of it', async () => {
  const earlier = video({ title: 'Capybara onsen' });
  await emit(VideoPublished, earlier);
  await eventually(() => findsVideo('capybara', earlier.id, tokens.owner), {
    until: found => found,
  });
  // A producer ahead of this consumer's contract (a new visibility is a breaking change).
  const unknown = { ...earlier, title: 'Capybara friends', visibility: 'FRIENDS_ONLY' };
  const eventId = await emitAt(VideoUpdated, unknown as never, new Date());
  const deadLetters = async () => {
    const [{ count }] = await subgraph
      .em()
      .getConnection()
      .execute(
        `select count(*)::int as "count" from "pgboss"."job" where "name" = ? and "data"->>'id' = ?`,
        [`search.${eventTopic(VideoUpdated)}.dead`, eventId],
      );
    return count as number;
  };
  await eventually(deadLetters, { until: count => count === 1 });
  expect(await inboxEntries(VideoUpdated, eventId)).toBe(0);
  expect(await find('capybara', tokens.owner)).toEqual([`Video:${earlier.id}`]);
  expect((await stored(earlier.id))?.title).toBe('Capybara onsen');
});

it('hides an ADULT video from search even when it is PUBLIC', async () => {
  const adult = video({ title: 'Flamingo nightlife', audience: 'ADULT' });
  await emit(VideoPublished, adult);
  await eventually(() => find('flamingo', tokens.owner), { until: found => found.length === 1 });
  expect(await find('flamingo', tokens.stranger)).toEqual([]);
});

it('makes a live stream findable from LiveStreamChanged, as a LiveStream', async () => {
  const id = randomUUID();
  await subgraph.em().transactional(async tx =>
    emitEvent(tx, LiveStreamChanged, {
      ...LiveStreamChanged.example,
      id,
      ownerId: owner,
      title: '渋谷の夜散歩 night walk',
      description: 'Live from the crossing',
      startedAt: new Date().toISOString(),
    }),
  );
  await eventually(async () => (await find('夜散')).includes(`LiveStream:${id}`), {
    until: found => found,
  });
  expect(await find('crossing', tokens.stranger)).toEqual([`LiveStream:${id}`]);
});
