import { randomUUID } from 'node:crypto';
import { PlanTier, Role, ViewerEntitlement } from '@vp/kit';
import { errorCodes, graphql, tokenFor } from '@vp/kit/testing';
import { startVideosSubgraph } from '../test-server';
import { VideoStatus, VideoVisibility } from './video.entity';

let subgraph: Awaited<ReturnType<typeof startVideosSubgraph>>;

beforeAll(async () => {
  subgraph = await startVideosSubgraph();
});
afterAll(() => subgraph?.stop());

/** What the watch page asks of the video about the viewer (clients' WatchPage, in short). */
const WATCH = `query ($id: ID!) { video(id: $id) {
  id title likeCount viewCount viewerHasLiked
  viewerProgress { positionSeconds completed watchedAt }
  playback { hlsUrl }
} }`;
const LIKE = `mutation ($id: ID!) { likeVideo(id: $id) { id } }`;
const RECORD = `mutation ($input: RecordViewInput!) { recordView(input: $input) }`;

/** A published, READY video with its media keys (signing needs no files). */
async function seedReady(overrides: Parameters<typeof subgraph.seed>[0] = {}) {
  const id = randomUUID();
  const [video] = await subgraph.seed({
    id,
    status: VideoStatus.READY,
    masterPlaylistKey: `videos/${id}/master.m3u8`,
    renditionList: [],
    durationSeconds: 600,
    ...overrides,
  });
  return video;
}

async function entitle(userId: string, tier: PlanTier) {
  const em = subgraph.em();
  em.create(ViewerEntitlement, {
    userId,
    tier,
    ageVerified: false,
    changedAt: new Date(),
  } as ViewerEntitlement);
  await em.flush();
}

const statementsOn = (statements: string[], table: string) =>
  statements.filter(sql => sql.includes(`"videos"."${table}"`));

describe('video(id) for a signed-in viewer', () => {
  it("reads the video, its totals and the viewer's like, place and plan in one statement", async () => {
    const video = await seedReady({ requiredPlan: PlanTier.PREMIUM });
    const viewer = randomUUID();
    const token = await tokenFor(viewer, [Role.VIEWER]);
    await entitle(viewer, PlanTier.PREMIUM);
    await graphql(subgraph.url, LIKE, { id: video.id }, { token });
    const recorded = await graphql(
      subgraph.url,
      RECORD,
      { input: { videoId: video.id, sessionId: 's', positionSeconds: 42, watchedSeconds: 40 } },
      { token },
    );
    expect(recorded.errors).toBeUndefined();
    subgraph.takeSql();

    const response = await graphql(subgraph.url, WATCH, { id: video.id }, { token });

    expect(response.errors).toBeUndefined();
    expect(response.data.video).toMatchObject({
      id: video.id,
      likeCount: 1,
      viewCount: 1,
      viewerHasLiked: true,
      viewerProgress: { positionSeconds: 42, completed: false },
      playback: { hlsUrl: expect.stringContaining(video.id) },
    });
    expect(Date.parse(response.data.video.viewerProgress.watchedAt)).toBeGreaterThan(
      Date.now() - 60_000,
    );
    const statements = subgraph.takeSql();
    const read = statementsOn(statements, 'video');
    expect(read).toHaveLength(1);
    for (const table of ['video_counter', 'video_like', 'watch_progress', 'viewer_entitlement']) {
      expect(statementsOn(statements, table)).toEqual(read);
    }
  });

  it('shows a viewer nothing of anyone else’s: no like, no place, and their own plan', async () => {
    const video = await seedReady({ requiredPlan: PlanTier.PREMIUM });
    const fan = randomUUID();
    const fanToken = await tokenFor(fan, [Role.VIEWER]);
    await entitle(fan, PlanTier.PREMIUM);
    await graphql(subgraph.url, LIKE, { id: video.id }, { token: fanToken });
    await graphql(
      subgraph.url,
      RECORD,
      { input: { videoId: video.id, sessionId: 's', positionSeconds: 90, watchedSeconds: 90 } },
      { token: fanToken },
    );
    const stranger = await tokenFor(randomUUID(), [Role.VIEWER]);

    const response = await graphql(subgraph.url, WATCH, { id: video.id }, { token: stranger });

    expect(response.data.video).toMatchObject({
      likeCount: 1,
      viewerHasLiked: false,
      viewerProgress: null,
      playback: null,
    });
    expect(errorCodes(response)).toEqual(['PAYMENT_REQUIRED']);
    // and signed out: the same video, no viewer's columns at all
    const anonymous = await graphql(subgraph.url, WATCH, { id: video.id });
    expect(anonymous.data.video).toMatchObject({
      likeCount: 1,
      viewerHasLiked: false,
      viewerProgress: null,
    });
    expect(errorCodes(anonymous)).toEqual(['PAYMENT_REQUIRED']);
  });

  it('keeps the visibility rules: null for what the viewer may not see, drafts for their owner', async () => {
    const owner = randomUUID();
    const ownerToken = await tokenFor(owner, [Role.CREATOR]);
    const draft = await seedReady({ ownerId: owner, publishedAt: null });
    const hidden = await seedReady({ ownerId: owner, visibility: VideoVisibility.PRIVATE });
    const stranger = await tokenFor(randomUUID(), [Role.VIEWER]);
    for (const video of [draft, hidden]) {
      const seen = await graphql(subgraph.url, WATCH, { id: video.id }, { token: stranger });
      expect(seen.data.video).toBeNull();
      const own = await graphql(subgraph.url, WATCH, { id: video.id }, { token: ownerToken });
      expect(own.data.video).toMatchObject({ id: video.id, viewerHasLiked: false });
    }
    const missing = await graphql(subgraph.url, WATCH, { id: randomUUID() }, { token: stranger });
    expect(missing.data.video).toBeNull();
  });
});
