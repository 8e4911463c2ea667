import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import {
  CatalogVideoChanged,
  type EventInput,
  type EventPayload,
  parseEmitted,
  VideoDeleted,
  VideoMediaChanged,
} from '@vp/contracts';
import { Role } from '@vp/kit';
import { describeIfFfmpeg, errorCodes, eventually, tokenFor } from '@vp/kit/testing';
import {
  COMPLETE_UPLOAD,
  makeClip,
  type Pipeline,
  startPipeline,
  uploadFile,
} from '../test-pipeline';
import { tempDir } from '../transcoding/test-clips';
import { Video, VideoStatus, VideoVisibility } from './video.entity';

jest.setTimeout(90_000);

// Catalog content seen from videos: the consumer's side of CatalogVideoChanged (the producer's:
// the catalog's episode tests) and the producer's side of VideoMediaChanged (the consumer's: the
// catalog's video-asset tests).
let pipeline: Pipeline;
const media: EventPayload<typeof VideoMediaChanged>[] = [];
const deleted: EventPayload<typeof VideoDeleted>[] = [];
const manager = randomUUID();
let managerToken: string;
let viewerToken: string;

const READ = `query ($id: ID!) { video(id: $id) { id visibility playback { hlsUrl } storyboard { vttUrl } } }`;
const FEED = `{ videos(first: 100) { edges { node { id } } } }`;

async function publicVideo() {
  const em = pipeline.em();
  const video = em.create(Video, {
    ownerId: manager,
    title: 'Episode 1 upload',
    status: VideoStatus.READY,
    visibility: VideoVisibility.PUBLIC,
    publishedAt: new Date(Date.now() - 60_000),
    durationSeconds: 4,
  } as Video);
  video.masterPlaylistKey = `videos/${video.id}/master.m3u8`;
  await em.flush();
  return video;
}

const change = (video: Video, overrides: Partial<EventInput<typeof CatalogVideoChanged>> = {}) => ({
  ...CatalogVideoChanged.example,
  videoId: video.id,
  ownerId: video.ownerId,
  episodeId: randomUUID(),
  changedAt: new Date().toISOString(),
  ...overrides,
});

const stored = async (id: string) => (await pipeline.em().findOne(Video, { id }))!;

async function delivered(video: Video, count: number) {
  await eventually(() => pipeline.deliveries(CatalogVideoChanged, { videoId: video.id }), {
    until: states => states.length === count && states.every(state => state === 'completed'),
    what: 'the catalog changes to be handled',
  });
}

beforeAll(async () => {
  pipeline = await startPipeline();
  managerToken = await tokenFor(manager, [Role.VIEWER, Role.CATALOG_MANAGER]);
  viewerToken = await tokenFor(randomUUID(), [Role.VIEWER]);
  await pipeline.onEvent(VideoMediaChanged, event => media.push(event.payload));
  await pipeline.onEvent(VideoDeleted, event => deleted.push(event.payload));
});
afterAll(() => pipeline?.stop());

describe('a video an episode takes (CatalogVideoChanged)', () => {
  it('leaves every public surface: PRIVATE, out of the feed, VideoDeleted for search, payments and users', async () => {
    const video = await publicVideo();
    expect((await pipeline.query(FEED)).data.videos.edges).toContainEqual({
      node: { id: video.id },
    });
    const attached = change(video);
    await pipeline.emitPeerEvent(CatalogVideoChanged, attached);
    await eventually(async () => (await stored(video.id)).catalogSince !== null, {
      what: 'the video to become catalog content',
    });
    const row = await stored(video.id);
    expect(row).toMatchObject({ visibility: 'PRIVATE', catalogEpisodeId: attached.episodeId });

    expect((await pipeline.query(FEED)).data.videos.edges).not.toContainEqual({
      node: { id: video.id },
    });
    for (const token of [viewerToken, undefined]) {
      expect((await pipeline.query(READ, { id: video.id }, token)).data.video).toBeNull();
    }
    const gone = await eventually(() => deleted.find(event => event.id === video.id), {
      what: 'VideoDeleted for the withdrawn video',
    });
    expect(gone).toMatchObject({ id: video.id, visibility: 'PRIVATE', ownerId: manager });
  });

  it('plays for nobody on its own, its uploader included; the episode signs its playback', async () => {
    const video = await publicVideo();
    await pipeline.emitPeerEvent(CatalogVideoChanged, change(video));
    await delivered(video, 1);
    for (const token of [managerToken, await tokenFor(randomUUID(), [Role.ADMIN])]) {
      const answer = await pipeline.query(READ, { id: video.id }, token);
      expect(answer.data.video).toMatchObject({ id: video.id, playback: null, storyboard: null });
      expect(errorCodes(answer)).toEqual(['FORBIDDEN']);
      expect(answer.errors![0].message).toBe('This video plays only through its catalog episode.');
    }
  });

  it('refuses to update, publish or delete it while an episode plays it; after release it may be deleted', async () => {
    const video = await publicVideo();
    const attached = change(video);
    await pipeline.emitPeerEvent(CatalogVideoChanged, attached);
    await delivered(video, 1);
    const update = await pipeline.query(
      `mutation ($id: ID!) { updateVideo(id: $id, input: { visibility: PUBLIC }) { id } }`,
      { id: video.id },
      managerToken,
    );
    const publish = await pipeline.query(
      `mutation ($id: ID!) { publishVideo(id: $id) { id } }`,
      { id: video.id },
      managerToken,
    );
    const remove = `mutation ($id: ID!) { deleteVideo(id: $id) }`;
    const refusedDelete = await pipeline.query(remove, { id: video.id }, managerToken);
    for (const refused of [update, publish, refusedDelete]) {
      expect(errorCodes(refused)).toEqual(['BAD_USER_INPUT']);
    }
    expect((await stored(video.id)).visibility).toBe('PRIVATE');

    // Released by the episode (given another video): catalog content still, but deletable.
    await pipeline.emitPeerEvent(
      CatalogVideoChanged,
      change(video, {
        episodeId: attached.episodeId,
        attached: false,
        changedAt: new Date(Date.parse(attached.changedAt) + 1000).toISOString(),
      }),
    );
    await delivered(video, 2);
    expect(await stored(video.id)).toMatchObject({ catalogEpisodeId: null, visibility: 'PRIVATE' });
    const republish = await pipeline.query(
      `mutation ($id: ID!) { publishVideo(id: $id) { id } }`,
      { id: video.id },
      managerToken,
    );
    expect(errorCodes(republish)).toEqual(['BAD_USER_INPUT']);
    expect((await pipeline.query(remove, { id: video.id }, managerToken)).data).toEqual({
      deleteVideo: true,
    });
    const gone = await eventually(
      () => media.find(event => event.id === video.id && event.status === 'DELETED'),
      { what: 'VideoMediaChanged DELETED' },
    );
    expect(parseEmitted(VideoMediaChanged, gone)).toMatchObject({
      id: video.id,
      ownerId: manager,
      status: 'DELETED',
      playbackEntry: null,
    });
  });

  it('applies only newer changes, and ignores a video that is not the named uploader’s', async () => {
    const video = await publicVideo();
    const attached = change(video);
    await pipeline.emitPeerEvent(CatalogVideoChanged, attached);
    // an older release arriving late changes nothing
    await pipeline.emitPeerEvent(
      CatalogVideoChanged,
      change(video, {
        episodeId: attached.episodeId,
        attached: false,
        changedAt: new Date(Date.parse(attached.changedAt) - 1000).toISOString(),
      }),
    );
    await delivered(video, 2);
    expect((await stored(video.id)).catalogEpisodeId).toBe(attached.episodeId);

    const other = await publicVideo();
    await pipeline.emitPeerEvent(CatalogVideoChanged, change(other, { ownerId: randomUUID() }));
    await delivered(other, 1);
    expect(await stored(other.id)).toMatchObject({ catalogSince: null, visibility: 'PUBLIC' });
  });
});

describeIfFfmpeg('VideoMediaChanged when transcoding makes a video READY', () => {
  const scratch = tempDir('vp-media-changed-');
  afterAll(() => scratch.remove());

  it('tells the catalog its duration and master playlist, as the contract says', async () => {
    const path = `${scratch.path}/clip.mp4`;
    await makeClip(path, { seconds: 2 });
    const { videoId } = await uploadFile(pipeline, managerToken, await readFile(path));
    await pipeline.query(COMPLETE_UPLOAD, { id: videoId }, managerToken);
    const ready = await eventually(
      () => media.find(event => event.id === videoId && event.status === 'READY'),
      { timeoutMs: 60_000, what: 'VideoMediaChanged READY' },
    );
    const video = await stored(videoId);
    expect(video.status).toBe('READY');
    expect(parseEmitted(VideoMediaChanged, ready)).toEqual({
      id: videoId,
      ownerId: manager,
      status: 'READY',
      durationSeconds: video.durationSeconds,
      playbackEntry: 'master.m3u8',
      changedAt: expect.any(String),
    });
    expect(`videos/${videoId}/${ready.playbackEntry}`).toBe(video.masterPlaylistKey);
  });
});
