import { randomUUID } from 'node:crypto';
import { EntitlementChanged, eventTopic } from '@vp/contracts';
import { Audience, PlanTier, Role, ViewerEntitlement } from '@vp/kit';
import { errorCodes, eventually, tokenFor } from '@vp/kit/testing';
import { type Pipeline, startPipeline } from '../test-pipeline';
import { Video, VideoStatus, VideoVisibility } from '../videos/video.entity';

jest.setTimeout(60_000);

let pipeline: Pipeline;
const owner = randomUUID();
let ownerToken: string;
let adminToken: string;

const PLAYBACK = `query ($id: ID!) { video(id: $id) { id thumbnailUrl storyboard { imageUrl } playback { hlsUrl expiresAt } } }`;
const ENTITIES = `query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on Video { id playback { hlsUrl } } } }`;

/** A published, READY video with its media keys (the files themselves are not needed to sign URLs). */
async function seedReady(overrides: Partial<Video> = {}) {
  const em = pipeline.em();
  const id = randomUUID();
  const prefix = `videos/${id}/`;
  const video = em.create(Video, {
    id,
    ownerId: owner,
    title: 'Ready',
    status: VideoStatus.READY,
    visibility: VideoVisibility.PUBLIC,
    publishedAt: new Date(Date.now() - 60_000),
    masterPlaylistKey: `${prefix}master.m3u8`,
    posterKey: `${prefix}poster.jpg`,
    storyboardImageKey: `${prefix}storyboard.jpg`,
    storyboardVttKey: `${prefix}storyboard.vtt`,
    renditionList: [],
    ...overrides,
  } as Video);
  await em.flush();
  return video;
}

const inboxCount = async () =>
  Number(
    (
      await pipeline
        .em()
        .getConnection()
        .execute(`select count(*) as n from "videos"."inbox" where "consumer" = ?`, [
          `videos.${eventTopic(EntitlementChanged)}`,
        ])
    )[0].n,
  );

const playbackOf = async (id: string, token?: string) => {
  const response = await pipeline.query(PLAYBACK, { id }, token);
  return {
    playback: response.data?.video?.playback ?? null,
    codes: errorCodes(response),
    video: response.data?.video,
  };
};

beforeAll(async () => {
  pipeline = await startPipeline();
  ownerToken = await tokenFor(owner, [Role.CREATOR]);
  adminToken = await tokenFor(randomUUID(), [Role.ADMIN]);
});
afterAll(() => pipeline?.stop());

describe('plan tiers', () => {
  it('refuses a PREMIUM video to a FREE viewer with PAYMENT_REQUIRED, then plays it once payments says PREMIUM', async () => {
    const video = await seedReady({ requiredPlan: PlanTier.PREMIUM });
    const viewer = randomUUID();
    const token = await tokenFor(viewer, [Role.VIEWER]);

    const refused = await playbackOf(video.id, token);
    expect(refused.codes).toEqual(['PAYMENT_REQUIRED']);
    expect(refused.playback).toBeNull();
    expect(refused.video.storyboard).toBeNull();
    // The poster still shows, to sell the video.
    expect(refused.video.thumbnailUrl).toContain(`/videos/${video.id}/poster.jpg`);

    const changedAt = new Date();
    await pipeline.emitEntitlementChanged({
      userId: viewer,
      tier: PlanTier.PREMIUM,
      ageVerified: false,
      changedAt: changedAt.toISOString(),
    });
    const allowed = await eventually(
      async () => {
        const result = await playbackOf(video.id, token);
        return result.playback ? result : null;
      },
      { what: 'the entitlement to arrive' },
    );
    expect(allowed.codes).toEqual([]);
    expect(allowed.playback.hlsUrl).toContain(`/videos/${video.id}/master.m3u8`);
    expect(allowed.video.storyboard.imageUrl).toContain('storyboard.jpg');

    // An older event arriving late changes nothing.
    const handled = await inboxCount();
    await pipeline.emitEntitlementChanged({
      userId: viewer,
      tier: PlanTier.FREE,
      ageVerified: false,
      changedAt: new Date(changedAt.getTime() - 60_000).toISOString(),
    });
    await eventually(async () => (await inboxCount()) > handled, {
      what: 'the old event to be handled',
    });
    const row = await pipeline.em().findOneOrFail(ViewerEntitlement, { userId: viewer });
    expect(row.tier).toBe(PlanTier.PREMIUM);
    expect(row.changedAt.toISOString()).toBe(changedAt.toISOString());
    expect((await playbackOf(video.id, token)).playback).not.toBeNull();

    // A newer downgrade applies.
    await pipeline.emitEntitlementChanged({
      userId: viewer,
      tier: PlanTier.FREE,
      ageVerified: false,
      changedAt: new Date(changedAt.getTime() + 1000).toISOString(),
    });
    await eventually(
      async () => (await playbackOf(video.id, token)).codes[0] === 'PAYMENT_REQUIRED',
      {
        what: 'the downgrade',
      },
    );
  });

  it('refuses PREMIUM_PLUS to a PREMIUM viewer and an anonymous one, and plays FREE videos to anyone', async () => {
    const plus = await seedReady({ requiredPlan: PlanTier.PREMIUM_PLUS });
    const free = await seedReady();
    const viewer = randomUUID();
    const em = pipeline.em();
    em.create(ViewerEntitlement, {
      userId: viewer,
      tier: PlanTier.PREMIUM,
      ageVerified: true,
      changedAt: new Date(),
    } as ViewerEntitlement);
    await em.flush();
    const token = await tokenFor(viewer, [Role.VIEWER]);
    expect((await playbackOf(plus.id, token)).codes).toEqual(['PAYMENT_REQUIRED']);
    expect((await playbackOf(plus.id)).codes).toEqual(['PAYMENT_REQUIRED']);
    expect((await playbackOf(free.id)).playback).not.toBeNull();
    expect((await playbackOf(free.id, token)).playback).not.toBeNull();
  });

  it('always lets the owner and an ADMIN play', async () => {
    const video = await seedReady({
      requiredPlan: PlanTier.PREMIUM_PLUS,
      audience: Audience.ADULT,
    });
    for (const token of [ownerToken, adminToken]) {
      const result = await playbackOf(video.id, token);
      expect(result.codes).toEqual([]);
      expect(result.playback.hlsUrl).toContain(video.id);
    }
  });
});

describe('adult content', () => {
  it('refuses an ADULT video with FORBIDDEN on every path until the viewer is age-verified, and mints no URL', async () => {
    const video = await seedReady({ audience: Audience.ADULT });
    const viewer = randomUUID();
    const token = await tokenFor(viewer, [Role.VIEWER]);
    for (const who of [token, undefined]) {
      const refused = await playbackOf(video.id, who);
      expect(refused.codes).toEqual(['FORBIDDEN']);
      expect(refused.playback).toBeNull();
      expect(refused.video.thumbnailUrl).toBeNull();
      expect(refused.video.storyboard).toBeNull();
      const viaEntities = await pipeline.query(
        ENTITIES,
        { reps: [{ __typename: 'Video', id: video.id }] },
        who,
      );
      expect(errorCodes(viaEntities)).toEqual(['FORBIDDEN']);
      expect(viaEntities.data._entities[0].playback).toBeNull();
    }

    await pipeline.emitEntitlementChanged({
      userId: viewer,
      tier: PlanTier.FREE,
      ageVerified: true,
      changedAt: new Date().toISOString(),
    });
    const allowed = await eventually(async () => (await playbackOf(video.id, token)).playback, {
      what: 'age verification',
    });
    expect(allowed.hlsUrl).toContain(video.id);
    expect((await playbackOf(video.id, token)).video.thumbnailUrl).toContain('poster.jpg');
  });

  it("lets the gateway keep a poster for its viewer, never an ADULT one (it depends on the viewer's age check)", async () => {
    const POSTER = `query ($id: ID!) { video(id: $id) { id title thumbnailUrl } }`;
    const general = await seedReady();
    const adult = await seedReady({ audience: Audience.ADULT });
    for (const who of [ownerToken, undefined]) {
      const kept = await pipeline.query(POSTER, { id: general.id }, who);
      expect(kept.data.video.thumbnailUrl).toContain('poster.jpg');
      expect(kept.headers.get('cache-control')).toBe('max-age=30, private');
    }
    const owned = await pipeline.query(POSTER, { id: adult.id }, ownerToken);
    expect(owned.data.video.thumbnailUrl).toContain('poster.jpg');
    expect(owned.headers.get('cache-control')).toBe('no-store');
  });

  it('still asks for the plan of an ADULT video after the age check', async () => {
    const video = await seedReady({
      audience: Audience.ADULT,
      requiredPlan: PlanTier.PREMIUM_PLUS,
    });
    const viewer = randomUUID();
    const em = pipeline.em();
    em.create(ViewerEntitlement, {
      userId: viewer,
      tier: PlanTier.FREE,
      ageVerified: true,
      changedAt: new Date(),
    } as ViewerEntitlement);
    await em.flush();
    expect((await playbackOf(video.id, await tokenFor(viewer))).codes).toEqual([
      'PAYMENT_REQUIRED',
    ]);
  });
});

describe('not playable yet', () => {
  it('answers null without an error while the video is not READY, even to its owner', async () => {
    const video = await seedReady({ status: VideoStatus.PROCESSING, masterPlaylistKey: null });
    const result = await playbackOf(video.id, ownerToken);
    expect(result.codes).toEqual([]);
    expect(result.playback).toBeNull();
    expect(result.video.thumbnailUrl).toBeNull();
  });

  it('signs URLs for the configured lifetime', async () => {
    const video = await seedReady();
    const { playback } = await playbackOf(video.id);
    const lifetime = new Date(playback.expiresAt).getTime() - Date.now();
    expect(lifetime).toBeGreaterThan(24 * 3600_000 - 5000);
    expect(lifetime).toBeLessThanOrEqual(24 * 3600_000);
  });
});
