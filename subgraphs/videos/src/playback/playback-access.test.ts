import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ContentTakenDown } from '@vp/contracts';
import { PlanTier, Role } from '@vp/kit';
import { eventually, tokenFor } from '@vp/kit/testing';
import { type Pipeline, startPipeline } from '../test-pipeline';
import { Video, VideoStatus, VideoVisibility } from '../videos/video.entity';

jest.setTimeout(60_000);

/**
 * Issue 16, weakness 3: a playback URL issued while the viewer could play stops working once they
 * cannot (video made PRIVATE, deleted, plan ended), on the embedded media route. The route's look at
 * the video and plan is remembered for VIDEOS_PLAYBACK_ACCESS_CHECK_SECONDS, 1 s here.
 */
let pipeline: Pipeline;
const owner = randomUUID();
let ownerToken: string;

const PLAYBACK = `query ($id: ID!) { video(id: $id) { playback { hlsUrl } thumbnailUrl } }`;
const UPDATE = `mutation ($id: ID!, $input: UpdateVideoInput!) { updateVideo(id: $id, input: $input) { id visibility } }`;
const DELETE = `mutation ($id: ID!) { deleteVideo(id: $id) }`;

/** A published READY video whose master playlist, one segment and poster exist on disk. */
async function seedPlayable(overrides: Partial<Video> = {}) {
  const em = pipeline.em();
  const id = randomUUID();
  const prefix = `videos/${id}/`;
  const video = em.create(Video, {
    id,
    ownerId: owner,
    title: 'Playable',
    status: VideoStatus.READY,
    visibility: VideoVisibility.PUBLIC,
    publishedAt: new Date(Date.now() - 60_000),
    masterPlaylistKey: `${prefix}master.m3u8`,
    posterKey: `${prefix}poster.jpg`,
    renditionList: [],
    ...overrides,
  } as Video);
  await em.flush();
  const files: [string, string, string][] = [
    ['master.m3u8', '#EXTM3U\n', 'application/vnd.apple.mpegurl'],
    ['360p/seg_000.ts', 'segment bytes', 'video/mp2t'],
    ['poster.jpg', 'poster bytes', 'image/jpeg'],
  ];
  for (const [file, body, contentType] of files) {
    const local = join(pipeline.dir, `${id}-${file.replace('/', '-')}`);
    await writeFile(local, body);
    await pipeline.storage.putFile(`${prefix}${file}`, local, {
      contentType,
      cacheControl: 'private, max-age=0',
    });
  }
  return video;
}

/** The playback and poster URLs the viewer is issued now. */
async function issued(videoId: string, token: string) {
  const response = await pipeline.query(PLAYBACK, { id: videoId }, token);
  const hlsUrl: string = response.data?.video?.playback?.hlsUrl;
  expect(hlsUrl).toContain('/master.m3u8');
  return {
    master: hlsUrl,
    segment: hlsUrl.replace('/master.m3u8', '/360p/seg_000.ts'),
    poster: response.data.video.thumbnailUrl as string,
  };
}

const statusOf = async (url: string) => (await fetch(url)).status;

/** Waits until the URL is refused: the remembered look at the video lasts 1 s. */
const refusedLater = (url: string, what: string) =>
  eventually(async () => (await statusOf(url)) === 403, { what });

beforeAll(async () => {
  pipeline = await startPipeline({ playbackAccessCheckSeconds: 1 });
  ownerToken = await tokenFor(owner, [Role.CREATOR]);
});
afterAll(() => pipeline?.stop());

it('stops an earlier-issued playlist and segment URL once the video is made PRIVATE, but not its owner’s', async () => {
  const video = await seedPlayable();
  const viewerToken = await tokenFor(randomUUID(), [Role.VIEWER]);
  const viewer = await issued(video.id, viewerToken);
  const own = await issued(video.id, ownerToken);
  expect(await statusOf(viewer.master)).toBe(200);
  expect(await statusOf(viewer.segment)).toBe(200);

  const updated = await pipeline.query(
    UPDATE,
    { id: video.id, input: { visibility: 'PRIVATE' } },
    ownerToken,
  );
  expect(updated.errors).toBeUndefined();

  await refusedLater(viewer.segment, 'the viewer’s segment URL to be refused');
  const response = await fetch(viewer.master);
  expect(response.status).toBe(403);
  expect(await response.json()).toEqual({ error: 'access_ended' });
  expect(await statusOf(viewer.poster)).toBe(403);
  // the owner still plays their own private video with the URL they had
  expect(await statusOf(own.segment)).toBe(200);
});

it('stops earlier-issued URLs once a moderator takes the video down, its owner’s too', async () => {
  const video = await seedPlayable();
  const viewer = await issued(video.id, await tokenFor(randomUUID(), [Role.VIEWER]));
  const own = await issued(video.id, ownerToken);
  expect(await statusOf(viewer.segment)).toBe(200);

  await pipeline.emitPeerEvent(ContentTakenDown, {
    targetType: 'VIDEO',
    targetId: video.id,
    reason: 'Copyright.',
    takenDownAt: new Date().toISOString(),
  });
  await refusedLater(viewer.segment, 'the viewer’s segment URL to be refused');
  await refusedLater(own.segment, 'the owner’s segment URL to be refused');
});

it('stops an earlier-issued segment URL once the video is deleted', async () => {
  const video = await seedPlayable();
  const viewer = await issued(video.id, await tokenFor(randomUUID(), [Role.VIEWER]));
  expect(await statusOf(viewer.segment)).toBe(200);

  const deleted = await pipeline.query(DELETE, { id: video.id }, ownerToken);
  expect(deleted.data).toEqual({ deleteVideo: true });
  // refused by the access check (403), not merely missing from the disk (404)
  await eventually(async () => (await statusOf(viewer.segment)) === 403, {
    what: 'the deleted video’s segment URL to be refused',
  });
});

it('stops an earlier-issued segment URL of a PREMIUM video once the viewer’s plan ends; the poster still shows', async () => {
  const video = await seedPlayable({ requiredPlan: PlanTier.PREMIUM });
  const viewerId = randomUUID();
  const token = await tokenFor(viewerId, [Role.VIEWER]);
  const startedAt = Date.now();
  await pipeline.emitEntitlementChanged({
    userId: viewerId,
    tier: PlanTier.PREMIUM,
    ageVerified: false,
    changedAt: new Date(startedAt).toISOString(),
  });
  await eventually(
    async () => !!(await pipeline.query(PLAYBACK, { id: video.id }, token)).data?.video?.playback,
    { what: 'the PREMIUM plan to reach videos' },
  );
  const viewer = await issued(video.id, token);
  expect(await statusOf(viewer.segment)).toBe(200);

  await pipeline.emitEntitlementChanged({
    userId: viewerId,
    tier: PlanTier.FREE,
    ageVerified: false,
    changedAt: new Date(startedAt + 1000).toISOString(),
  });
  await refusedLater(viewer.segment, 'the segment URL to be refused after the plan ended');
  expect(await statusOf(viewer.master)).toBe(403);
  expect(await statusOf(viewer.poster)).toBe(200);
});

it('plays again at once when access comes back: a refusal is never served from the remembered look', async () => {
  const video = await seedPlayable();
  const viewer = await issued(video.id, await tokenFor(randomUUID(), [Role.VIEWER]));
  expect(await statusOf(viewer.segment)).toBe(200);
  await pipeline.query(UPDATE, { id: video.id, input: { visibility: 'PRIVATE' } }, ownerToken);
  await refusedLater(viewer.segment, 'the segment URL to be refused while PRIVATE');
  await pipeline.query(UPDATE, { id: video.id, input: { visibility: 'PUBLIC' } }, ownerToken);
  // within the remembered second: the refusal is read again, the PUBLIC video plays
  expect(await statusOf(viewer.segment)).toBe(200);
});

it('refuses a token whose holder was forged (the holder is inside the signature)', async () => {
  const video = await seedPlayable({ visibility: VideoVisibility.PRIVATE });
  const own = await issued(video.id, ownerToken);
  const [, , token] = new URL(own.segment).pathname.split('/');
  const [payload, mac] = token.split('.');
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
  const forged = Buffer.from(JSON.stringify({ ...claims, v: randomUUID() })).toString('base64url');
  expect(await statusOf(own.segment.replace(token, `${forged}.${mac}`))).toBe(403);
  expect(await statusOf(own.segment)).toBe(200);
});
