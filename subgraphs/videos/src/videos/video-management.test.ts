import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CATEGORIES, Role } from '@vp/kit';
import { errorCodes, eventually, tokenFor } from '@vp/kit/testing';
import {
  type EventContract,
  type EventPayload,
  eventTopic,
  parseEmitted,
  VideoDeleted,
  VideoPublished,
  VideoUpdated,
} from '@vp/contracts';
import { type Pipeline, startPipeline } from '../test-pipeline';
import { Video, VideoStatus } from './video.entity';

jest.setTimeout(60_000);

const MUSIC = CATEGORIES.find(category => category.slug === 'music')!.id;

let pipeline: Pipeline;
// The producer's side of the video events' contract tests (the consumers': search's
// video-events.test.ts and payments' content.test.ts): what each mutation emits, as it arrives.
const received: { type: string; payload: EventPayload<typeof VideoPublished> }[] = [];
const owner = randomUUID();
let ownerToken: string;
let strangerToken: string;
let adminToken: string;

const UPDATE = `mutation ($id: ID!, $input: UpdateVideoInput!) {
  updateVideo(id: $id, input: $input) { id title description tags visibility requiredPlan audience } }`;
const PUBLISH = `mutation ($id: ID!) { publishVideo(id: $id) { id status publishedAt } }`;
const DELETE = `mutation ($id: ID!) { deleteVideo(id: $id) }`;
const READ = `query ($id: ID!) { video(id: $id) { id title } }`;

async function seed(overrides: Partial<Video> = {}) {
  const em = pipeline.em();
  const video = em.create(Video, {
    ownerId: owner,
    title: 'Draft',
    status: VideoStatus.READY,
    ...overrides,
  } as Video);
  await em.flush();
  return video;
}

const eventsFor = (id: string, contract?: EventContract) =>
  received.filter(
    event => event.payload.id === id && (!contract || event.type === eventTopic(contract)),
  );

beforeAll(async () => {
  pipeline = await startPipeline();
  ownerToken = await tokenFor(owner, [Role.CREATOR]);
  strangerToken = await tokenFor(randomUUID(), [Role.VIEWER]);
  adminToken = await tokenFor(randomUUID(), [Role.ADMIN]);
  for (const contract of [VideoPublished, VideoUpdated, VideoDeleted]) {
    await pipeline.onEvent(contract, event => received.push(event));
  }
});
afterAll(() => pipeline?.stop());

describe('updateVideo', () => {
  it('changes the given fields only, trims them, drops duplicate tags and emits VideoUpdated', async () => {
    const video = await seed({ description: 'Kept' });
    const response = await pipeline.query(
      UPDATE,
      {
        id: video.id,
        input: {
          title: '  New title ',
          tags: ['cats', ' cats', 'tokyo'],
          visibility: 'UNLISTED',
          requiredPlan: 'PREMIUM',
          audience: 'ADULT',
          categoryId: MUSIC,
        },
      },
      ownerToken,
    );
    expect(response.errors).toBeUndefined();
    expect(response.data.updateVideo).toEqual({
      id: video.id,
      title: 'New title',
      description: 'Kept',
      tags: ['cats', 'tokyo'],
      visibility: 'UNLISTED',
      requiredPlan: 'PREMIUM',
      audience: 'ADULT',
    });
    const [event] = await eventually(
      () => (eventsFor(video.id, VideoUpdated).length ? eventsFor(video.id) : null),
      {
        what: VideoUpdated.name,
      },
    );
    expect(parseEmitted(VideoUpdated, event.payload)).toEqual({
      id: video.id,
      ownerId: owner,
      title: 'New title',
      description: 'Kept',
      tags: ['cats', 'tokyo'],
      visibility: 'UNLISTED',
      kind: 'VIDEO',
      audience: 'ADULT',
      requiredPlan: 'PREMIUM',
      durationSeconds: null,
      publishedAt: null,
      categoryId: MUSIC,
    });
  });

  it.each([
    ['an empty title', { title: ' ' }, 'title'],
    ['a title of 101 characters', { title: 'x'.repeat(101) }, 'title'],
    ['a description of 5001 characters', { description: 'x'.repeat(5001) }, 'description'],
    ['31 tags', { tags: Array.from({ length: 31 }, (_, i) => `tag${i}`) }, 'tags'],
    ['a tag of 31 characters', { tags: ['x'.repeat(31)] }, 'tags'],
    ['an empty tag', { tags: [''] }, 'tags'],
  ])('refuses %s with BAD_USER_INPUT and changes nothing', async (_label, input, field) => {
    const video = await seed({ title: 'Untouched' });
    const response = await pipeline.query(UPDATE, { id: video.id, input }, ownerToken);
    expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
    expect(response.errors![0].extensions!.problems[0].field).toBe(`input.${field}`);
    expect((await pipeline.em().findOneOrFail(Video, video.id)).title).toBe('Untouched');
  });

  it('answers an empty and a whitespace-only title the same way', async () => {
    const video = await seed({ title: 'Untouched' });
    const [empty, blank] = [
      await pipeline.query(UPDATE, { id: video.id, input: { title: '' } }, ownerToken),
      await pipeline.query(UPDATE, { id: video.id, input: { title: '   ' } }, ownerToken),
    ];
    expect(blank.errors).toEqual(empty.errors);
    expect(empty.errors![0].extensions).toEqual({
      code: 'BAD_USER_INPUT',
      problems: [{ field: 'input.title', message: '1 to 100 characters.' }],
    });
    expect((await pipeline.em().findOneOrFail(Video, video.id)).title).toBe('Untouched');
  });

  it('refuses an unknown visibility', async () => {
    const video = await seed();
    const response = await pipeline.query(
      UPDATE,
      { id: video.id, input: { visibility: 'SECRET' } },
      ownerToken,
    );
    expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
  });

  it('accepts 30 tags of 30 characters and 5000 characters of description', async () => {
    const video = await seed();
    const tags = Array.from({ length: 30 }, (_, i) => `${i}`.padEnd(30, 'x'));
    const response = await pipeline.query(
      UPDATE,
      { id: video.id, input: { tags, description: 'd'.repeat(5000) } },
      ownerToken,
    );
    expect(response.errors).toBeUndefined();
    expect(response.data.updateVideo.tags).toEqual(tags);
  });

  it("answers FORBIDDEN to a stranger who can see the published video, NOT_FOUND when they can't", async () => {
    const published = await seed({
      visibility: 'PUBLIC' as never,
      publishedAt: new Date(Date.now() - 1000),
    });
    const hidden = await seed({
      visibility: 'PRIVATE' as never,
      publishedAt: new Date(Date.now() - 1000),
    });
    expect(
      errorCodes(
        await pipeline.query(UPDATE, { id: published.id, input: { title: 'x' } }, strangerToken),
      ),
    ).toEqual(['FORBIDDEN']);
    expect(
      errorCodes(
        await pipeline.query(UPDATE, { id: hidden.id, input: { title: 'x' } }, strangerToken),
      ),
    ).toEqual(['NOT_FOUND']);
    expect(errorCodes(await pipeline.query(DELETE, { id: published.id }, strangerToken))).toEqual([
      'FORBIDDEN',
    ]);
    expect(await pipeline.em().findOne(Video, published.id)).not.toBeNull();
  });
});

describe('publishVideo', () => {
  it.each([VideoStatus.AWAITING_UPLOAD, VideoStatus.PROCESSING, VideoStatus.FAILED])(
    'refuses a %s video with BAD_USER_INPUT',
    async status => {
      const video = await seed({ status });
      const response = await pipeline.query(PUBLISH, { id: video.id }, ownerToken);
      expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
      expect((await pipeline.em().findOneOrFail(Video, video.id)).publishedAt).toBeNull();
    },
  );

  it('publishes a READY video once: VideoPublished goes out, a second call changes nothing', async () => {
    const video = await seed({ visibility: 'PUBLIC' as never });
    const first = await pipeline.query(PUBLISH, { id: video.id }, ownerToken);
    expect(first.errors).toBeUndefined();
    const publishedAt = first.data.publishVideo.publishedAt;
    expect(Math.abs(new Date(publishedAt).getTime() - Date.now())).toBeLessThan(10_000);
    expect((await pipeline.query(READ, { id: video.id }, strangerToken)).data.video.id).toBe(
      video.id,
    );
    const second = await pipeline.query(PUBLISH, { id: video.id }, ownerToken);
    expect(second.data.publishVideo.publishedAt).toBe(publishedAt);
    const [event] = await eventually(
      () => (eventsFor(video.id, VideoPublished).length ? eventsFor(video.id) : null),
      {
        what: VideoPublished.name,
      },
    );
    expect(parseEmitted(VideoPublished, event.payload)).toMatchObject({
      id: video.id,
      ownerId: owner,
      publishedAt,
      visibility: 'PUBLIC',
    });
    await eventually(() => pipeline.eventsSettled(), { what: 'the events to be delivered' });
    expect(eventsFor(video.id, VideoPublished)).toHaveLength(1);
  });

  it('lets an ADMIN publish', async () => {
    const video = await seed();
    expect((await pipeline.query(PUBLISH, { id: video.id }, adminToken)).errors).toBeUndefined();
  });

  const SCHEDULE = `mutation ($id: ID!, $at: DateTime) { publishVideo(id: $id, at: $at) { id publishedAt } }`;

  it('schedules a publication: hidden until `at`, then VideoPublished goes out from the durable job', async () => {
    const video = await seed({ visibility: 'PUBLIC' as never });
    const at = new Date(Date.now() + 4000);
    const scheduled = await pipeline.query(SCHEDULE, { id: video.id, at: at.toISOString() }, ownerToken);
    expect(scheduled.errors).toBeUndefined();
    expect(scheduled.data.publishVideo.publishedAt).toBe(at.toISOString());
    // not yet: hidden from others, no event
    expect((await pipeline.query(READ, { id: video.id }, strangerToken)).data.video).toBeNull();
    expect(eventsFor(video.id, VideoPublished)).toHaveLength(0);
    const [event] = await eventually(() => (eventsFor(video.id, VideoPublished).length ? eventsFor(video.id, VideoPublished) : null), {
      what: 'the scheduled VideoPublished',
      timeoutMs: 30_000,
    });
    expect(Date.now()).toBeGreaterThanOrEqual(at.getTime());
    expect(parseEmitted(VideoPublished, event.payload)).toMatchObject({ id: video.id, publishedAt: at.toISOString() });
    expect((await pipeline.query(READ, { id: video.id }, strangerToken)).data.video.id).toBe(video.id);
  });

  it('publishing now replaces a schedule: one event, and the old job does nothing', async () => {
    const video = await seed({ visibility: 'PUBLIC' as never });
    const later = new Date(Date.now() + 3000).toISOString();
    expect((await pipeline.query(SCHEDULE, { id: video.id, at: later }, ownerToken)).errors).toBeUndefined();
    const now = await pipeline.query(PUBLISH, { id: video.id }, ownerToken);
    expect(new Date(now.data.publishVideo.publishedAt).getTime()).toBeLessThan(new Date(later).getTime());
    await new Promise(resolve => setTimeout(resolve, 6000));
    await eventually(() => pipeline.eventsSettled(), { what: 'the events to be delivered' });
    expect(eventsFor(video.id, VideoPublished)).toHaveLength(1);
    expect(eventsFor(video.id, VideoPublished)[0].payload.publishedAt).toBe(now.data.publishVideo.publishedAt);
  });

  it('refuses a time more than 366 days ahead and a malformed one; a past time publishes now', async () => {
    const video = await seed();
    const far = new Date(Date.now() + 400 * 86_400_000).toISOString();
    const refused = await pipeline.query(SCHEDULE, { id: video.id, at: far }, ownerToken);
    expect(errorCodes(refused)).toEqual(['BAD_USER_INPUT']);
    expect(refused.errors?.[0].extensions?.problems).toEqual([{ field: 'at', message: 'Schedule at most 366 days ahead.' }]);
    expect((await pipeline.query(SCHEDULE, { id: video.id, at: 'next tuesday' }, ownerToken)).errors).toBeDefined();
    expect((await pipeline.em().findOneOrFail(Video, video.id)).publishedAt).toBeNull();
    const past = await pipeline.query(SCHEDULE, { id: video.id, at: '2020-01-01T00:00:00.000Z' }, ownerToken);
    expect(Math.abs(new Date(past.data.publishVideo.publishedAt).getTime() - Date.now())).toBeLessThan(10_000);
  });
});

describe('deleteVideo', () => {
  it('removes the row and every object under its prefixes, and emits VideoDeleted', async () => {
    const video = await seed();
    const file = join(pipeline.dir, 'x.ts');
    await writeFile(file, 'x');
    for (const key of [
      `videos/${video.id}/360p/seg_0.ts`,
      `videos/${video.id}/master.m3u8`,
      `uploads/${video.id}/source`,
    ]) {
      await pipeline.storage.putFile(key, file, {
        contentType: 'video/mp2t',
        cacheControl: 'no-store',
      });
    }
    const neighbour = await seed();
    await pipeline.storage.putFile(`videos/${neighbour.id}/master.m3u8`, file, {
      contentType: 'x',
      cacheControl: 'no-store',
    });

    const response = await pipeline.query(DELETE, { id: video.id }, adminToken);
    expect(response.data).toEqual({ deleteVideo: true });
    expect(await pipeline.em().findOne(Video, video.id)).toBeNull();
    expect(await pipeline.storage.list(`videos/${video.id}/`)).toEqual([]);
    expect(await pipeline.storage.list(`uploads/${video.id}/`)).toEqual([]);
    expect(await pipeline.storage.list(`videos/${neighbour.id}/`)).toEqual([
      `videos/${neighbour.id}/master.m3u8`,
    ]);
    const [deleted] = await eventually(
      () => (eventsFor(video.id, VideoDeleted).length ? eventsFor(video.id, VideoDeleted) : null),
      { what: VideoDeleted.name },
    );
    expect(parseEmitted(VideoDeleted, deleted.payload)).toMatchObject({
      id: video.id,
      ownerId: owner,
    });
  });
});
