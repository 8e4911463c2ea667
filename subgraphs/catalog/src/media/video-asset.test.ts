import { randomUUID } from 'node:crypto';
import { VideoMediaChanged } from '@vp/contracts';
import { eventually } from '@vp/kit/testing';
import { type CatalogHarness, makeTitle, startCatalog } from '../test-catalog';
import { VideoAsset } from './video-asset.entity';

jest.setTimeout(60_000);

// The consumer's side of VideoMediaChanged (the producer's: videos' catalog-content.test.ts).
let app: CatalogHarness;

beforeAll(async () => {
  app = await startCatalog();
});
afterAll(() => app?.stop());

const settled = (id: string, count: number) =>
  eventually(() => app.peers.deliveries('catalog', VideoMediaChanged, { id }), {
    until: states => states.length === count && states.every(state => state === 'completed'),
    what: `${count} deliveries to be handled`,
  });

it('knows a READY video from the contract’s example, and keeps only newer news of it', async () => {
  const id = randomUUID();
  await app.peers.emit(VideoMediaChanged, { ...VideoMediaChanged.example, id });
  await settled(id, 1);
  expect(await app.em().findOne(VideoAsset, { videoId: id })).toMatchObject({
    ownerId: VideoMediaChanged.example.ownerId,
    status: 'READY',
    durationSeconds: 1440,
    playbackEntry: 'master.m3u8',
  });
  await app.peers.emit(VideoMediaChanged, {
    ...VideoMediaChanged.example,
    id,
    playbackEntry: 'old.m3u8',
    changedAt: '2026-01-01T00:00:00.000Z',
  });
  await settled(id, 2);
  expect((await app.em().findOne(VideoAsset, { videoId: id }))!.playbackEntry).toBe('master.m3u8');
});

it('takes a deleted video off its episode for good: the episode has nothing to play', async () => {
  const title = await makeTitle(app, {
    licences: [
      { territories: ['JP'], startsAt: '2020-01-01T00:00:00Z', endsAt: '2040-01-01T00:00:00Z' },
    ],
  });
  const [videoId] = title.videoIds;
  const viewer = await app.viewer({ tier: 'PREMIUM' });
  const episode = async () =>
    (
      await app.query(
        `query ($id: ID!) { title(id: $id) { seasons { edges { node { episodes { edges { node {
           availability { playable reason } } } } } } } } }`,
        { id: title.id },
        { token: viewer.token },
      )
    ).data.title.seasons.edges[0].node.episodes.edges[0].node;
  expect(await episode()).toEqual({ availability: { playable: true, reason: null } });
  await app.videoDeleted(videoId);
  expect(await episode()).toEqual({ availability: { playable: false, reason: 'NOT_PUBLISHED' } });
  // a late READY cannot bring a deleted video back
  await app.peers.emit(VideoMediaChanged, {
    ...VideoMediaChanged.example,
    id: videoId,
    ownerId: app.managerId,
    changedAt: new Date(Date.now() + 60_000).toISOString(),
  });
  await settled(videoId, 3);
  expect((await app.em().findOne(VideoAsset, { videoId }))!.status).toBe('DELETED');
});

it('dead-letters a malformed VideoMediaChanged and stores nothing of it', async () => {
  const id = randomUUID();
  await app.peers.emitUnchecked(VideoMediaChanged, {
    ...VideoMediaChanged.example,
    id,
    playbackEntry: '../../etc/passwd',
  });
  await eventually(() => app.peers.deadLetters('catalog', VideoMediaChanged, { id }), {
    until: count => count === 1,
    what: 'the dead letter',
  });
  expect(await app.em().count(VideoAsset, { videoId: id })).toBe(0);
});
