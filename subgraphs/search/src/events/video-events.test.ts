import { randomUUID } from 'node:crypto';
import { emitEvent, OutboxMessage, Role } from '@vp/kit';
import { eventually, graphql, tokenFor } from '@vp/kit/testing';
import { startSearchSubgraph } from '../test-server';
import {
  VIDEO_DELETED,
  VIDEO_PUBLISHED,
  VIDEO_UPDATED,
  type VideoEventPayload,
} from './video-events';

// Events travel as in production: a row in an outbox (here the search database's own, as the
// videos subgraph writes its own), the kit's relay to pg-boss, the search subgraph's consumers.

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

const video = (changes: Partial<VideoEventPayload> = {}): VideoEventPayload => ({
  id: randomUUID(),
  ownerId: owner,
  title: 'Untitled',
  description: '',
  tags: [],
  visibility: 'PUBLIC',
  kind: 'VIDEO',
  audience: 'GENERAL',
  requiredPlan: 'FREE',
  durationSeconds: 4,
  publishedAt: new Date(Date.now() - 60_000).toISOString(),
  ...changes,
});

/** Emits as the videos subgraph does: emitEvent in a transaction; the outbox stamps the time. */
async function emit(type: string, payload: VideoEventPayload) {
  await subgraph.em().transactional(async tx => emitEvent(tx, type, payload));
}

/** An event whose delivery is late: written now, stamped with an earlier time (or redelivered). */
async function emitAt(
  type: string,
  payload: VideoEventPayload,
  occurredAt: Date,
  id = randomUUID(),
) {
  const em = subgraph.em();
  em.persist(
    Object.assign(new OutboxMessage(), {
      id,
      kind: 'event',
      name: type,
      payload,
      createdAt: occurredAt,
    }),
  );
  await em.flush();
  return id;
}

async function inboxEntries(type: string, eventId: string): Promise<number> {
  const [{ count }] = await subgraph
    .em()
    .getConnection()
    .execute(
      `select count(*)::int as "count" from "search"."inbox" where "consumer" = ? and "event_id" = ?`,
      [`search.${type}`, eventId],
    );
  return count;
}
/** Waits until the consumer has handled (or skipped) this event. */
const handled = (type: string, eventId: string) =>
  eventually(() => inboxEntries(type, eventId), { until: count => count > 0 });

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
  await emit(VIDEO_PUBLISHED, payload);
  await eventually(() => findsVideo('紅葉', payload.id), { until: found => found });
  expect(await find('紅葉')).toEqual([`Video:${payload.id}`]);
  expect(await find('maples')).toEqual([`Video:${payload.id}`]);
  expect(await find('Kyoto', tokens.stranger)).toEqual([`Video:${payload.id}`]);
  expect(await find('京葉')).toEqual([]);
});

it('indexes a short as a Video too', async () => {
  const payload = video({ title: 'Quick wombat short', kind: 'SHORT' });
  await emit(VIDEO_PUBLISHED, payload);
  await eventually(() => find('wombat'), { until: found => found.length > 0 });
  expect(await find('wombat')).toEqual([`Video:${payload.id}`]);
});

it('finds the new title after VideoUpdated, and no longer the old one', async () => {
  const payload = video({ title: '大阪城 Castle at dawn' });
  await emit(VIDEO_PUBLISHED, payload);
  await eventually(() => findsVideo('castle', payload.id), { until: found => found });

  await emit(VIDEO_UPDATED, { ...payload, title: '名古屋城 Fortress at dusk' });
  await eventually(() => findsVideo('fortress', payload.id), { until: found => found });
  expect(await findsVideo('castle', payload.id)).toBe(false);
  expect(await findsVideo('大阪', payload.id)).toBe(false);
  expect(await findsVideo('名古', payload.id)).toBe(true);
});

it('removes a video on VideoDeleted, and an older VideoUpdated arriving afterwards does not bring it back', async () => {
  const payload = video({ title: 'Narwhal migration' });
  const publishedAt = new Date(Date.now() - 30_000);
  await emitAt(VIDEO_PUBLISHED, payload, publishedAt);
  await eventually(() => findsVideo('narwhal', payload.id), { until: found => found });

  const deletion = await emitAt(VIDEO_DELETED, payload, new Date(Date.now() - 10_000));
  await handled(VIDEO_DELETED, deletion);
  expect(await findsVideo('narwhal', payload.id, tokens.owner)).toBe(false);

  // Changed before the deletion, delivered after it (a retry, another relay).
  const late = await emitAt(
    VIDEO_UPDATED,
    { ...payload, title: 'Narwhal migration (edited)' },
    new Date(Date.now() - 20_000),
  );
  await handled(VIDEO_UPDATED, late);
  expect(await findsVideo('narwhal', payload.id, tokens.owner)).toBe(false);
  expect(await findsVideo('edited', payload.id, tokens.owner)).toBe(false);
  const row = await stored(payload.id);
  expect(row?.deleted_at).not.toBeNull();
  expect(row?.title).toBe('');
});

it('remembers a deletion delivered before the publication it follows', async () => {
  const payload = video({ title: 'Axolotl tank' });
  const deletion = await emitAt(VIDEO_DELETED, payload, new Date(Date.now() - 1000));
  await handled(VIDEO_DELETED, deletion);
  const publication = await emitAt(VIDEO_PUBLISHED, payload, new Date(Date.now() - 5000));
  await handled(VIDEO_PUBLISHED, publication);
  expect(await findsVideo('axolotl', payload.id, tokens.owner)).toBe(false);
});

it('changes nothing on a duplicate delivery of an event', async () => {
  const payload = video({ title: 'Pelican dive' });
  const occurredAt = new Date(Date.now() - 20_000);
  const first = await emitAt(VIDEO_PUBLISHED, payload, occurredAt);
  await handled(VIDEO_PUBLISHED, first);
  const update = await emitAt(
    VIDEO_UPDATED,
    { ...payload, title: 'Pelican glide' },
    new Date(Date.now() - 10_000),
  );
  await handled(VIDEO_UPDATED, update);
  const before = await stored(payload.id);
  expect(before?.title).toBe('Pelican glide');

  // The same outbox row relayed again, as after a relay that died before deleting it.
  await emitAt(VIDEO_PUBLISHED, payload, occurredAt, first);
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
          `search.${VIDEO_PUBLISHED}`,
          first,
        ]),
    { until: jobs => jobs.length === 2 && jobs.every(job => job.state === 'completed') },
  );
  expect(await inboxEntries(VIDEO_PUBLISHED, first)).toBe(1);
  expect(await stored(payload.id)).toEqual(before);
  expect(await find('glide')).toEqual([`Video:${payload.id}`]);
  expect(await find('dive')).toEqual([]);
});

it('shows a PRIVATE video, a draft and one of unknown visibility to their owner only', async () => {
  const privateOne = video({ title: 'Hedgehog private', visibility: 'PRIVATE' });
  const draft = video({ title: 'Hedgehog draft', publishedAt: null });
  const unknown = video({ title: 'Hedgehog friends', visibility: 'FRIENDS_ONLY' });
  const listed = video({ title: 'Hedgehog public' });
  for (const payload of [privateOne, draft, unknown]) {
    await emit(VIDEO_UPDATED, payload);
  }
  await emit(VIDEO_PUBLISHED, listed);
  await eventually(() => find('hedgehog', tokens.owner), { until: found => found.length === 4 });
  expect((await find('hedgehog', tokens.owner)).sort()).toEqual(
    [privateOne, draft, unknown, listed].map(payload => `Video:${payload.id}`).sort(),
  );
  expect(await find('hedgehog', tokens.stranger)).toEqual([`Video:${listed.id}`]);
  expect(await find('hedgehog')).toEqual([`Video:${listed.id}`]);
});

it('hides an ADULT video from search even when it is PUBLIC', async () => {
  const adult = video({ title: 'Flamingo nightlife', audience: 'ADULT' });
  await emit(VIDEO_PUBLISHED, adult);
  await eventually(() => find('flamingo', tokens.owner), { until: found => found.length === 1 });
  expect(await find('flamingo', tokens.stranger)).toEqual([]);
});

it('makes a live stream findable from LiveStreamChanged, as a LiveStream', async () => {
  const id = randomUUID();
  await subgraph.em().transactional(async tx =>
    emitEvent(tx, 'LiveStreamChanged', {
      id,
      ownerId: owner,
      title: '渋谷の夜散歩 night walk',
      description: 'Live from the crossing',
      status: 'LIVE',
      audience: 'GENERAL',
      scheduledAt: null,
      startedAt: new Date().toISOString(),
    }),
  );
  await eventually(async () => (await find('夜散')).includes(`LiveStream:${id}`), {
    until: found => found,
  });
  expect(await find('crossing', tokens.stranger)).toEqual([`LiveStream:${id}`]);
});
