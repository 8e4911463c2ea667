import { randomUUID } from 'node:crypto';
import {
  ContentTakenDown,
  type EventPayload,
  UserSuspensionChanged,
  VideoDeleted,
} from '@vp/contracts';
import { Role } from '@vp/kit';
import { errorCodes, eventually, tokenFor } from '@vp/kit/testing';
import { CREATE_UPLOAD, type Pipeline, startPipeline } from '../test-pipeline';
import { Video, VideoStatus, VideoVisibility } from '../videos/video.entity';

// The consumer's side of ContentTakenDown and UserSuspensionChanged (the producer's: users'
// src/moderation/moderation.test.ts).
let pipeline: Pipeline;
const deleted: EventPayload<typeof VideoDeleted>[] = [];

const READ = `query ($id: ID!) { video(id: $id) { id takenDownAt takedownReason playback { hlsUrl } } }`;
const FEED = `{ videos(first: 100) { edges { node { id } } } }`;
const ENTITIES = `query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on Video { id } } }`;
const COMMENTS = `query ($id: ID!) { video(id: $id) { comments(first: 50) { edges { node { id } } } } }`;
const ADD = `mutation ($input: AddCommentInput!) { addComment(input: $input) { id } }`;

async function publicVideo(ownerId = randomUUID()) {
  const em = pipeline.em();
  const video = em.create(Video, {
    ownerId,
    title: 'A video',
    status: VideoStatus.READY,
    visibility: VideoVisibility.PUBLIC,
    publishedAt: new Date(Date.now() - 60_000),
    durationSeconds: 4,
  } as Video);
  video.masterPlaylistKey = `videos/${video.id}/master.m3u8`;
  await em.flush();
  return video;
}

const feedIds = async () =>
  (await pipeline.query(FEED)).data.videos.edges.map((edge: any) => edge.node.id as string);

const handled = (contract: typeof ContentTakenDown | typeof UserSuspensionChanged, match: object) =>
  eventually(() => pipeline.deliveries(contract, match as Record<string, unknown>), {
    until: states => states.length > 0 && states.every(state => state === 'completed'),
    what: `${contract.name} to be handled`,
  });

beforeAll(async () => {
  pipeline = await startPipeline();
  await pipeline.onEvent(VideoDeleted, event => deleted.push(event.payload));
});
afterAll(() => pipeline?.stop());

describe('ContentTakenDown', () => {
  it('hides a video from everyone but its owner (marked), stops its playback, and tells search, feeds and payments', async () => {
    const owner = randomUUID();
    const video = await publicVideo(owner);
    const ownerToken = await tokenFor(owner, [Role.VIEWER, Role.CREATOR]);
    const viewerToken = await tokenFor(randomUUID(), [Role.VIEWER]);
    expect(
      (await pipeline.query(READ, { id: video.id }, viewerToken)).data.video.playback,
    ).not.toBeNull();

    await pipeline.emitPeerEvent(ContentTakenDown, {
      ...ContentTakenDown.example,
      targetType: 'VIDEO',
      targetId: video.id,
      reason: 'Scam links.',
    });
    await handled(ContentTakenDown, { targetId: video.id });

    expect(await feedIds()).not.toContain(video.id);
    for (const token of [viewerToken, undefined]) {
      expect((await pipeline.query(READ, { id: video.id }, token)).data.video).toBeNull();
      const entities = await pipeline.query(
        ENTITIES,
        { reps: [{ __typename: 'Video', id: video.id }] },
        token,
      );
      expect(entities.data._entities).toEqual([null]);
    }
    const own = await pipeline.query(READ, { id: video.id }, ownerToken);
    expect(own.data.video).toMatchObject({
      id: video.id,
      takenDownAt: ContentTakenDown.example.takenDownAt,
      takedownReason: 'Scam links.',
      playback: null,
    });
    expect(errorCodes(own)).toEqual(['FORBIDDEN']);
    expect(own.errors![0].message).toBe('This video was taken down by a moderator.');
    const publish = await pipeline.query(
      `mutation ($id: ID!) { updateVideo(id: $id, input: { title: "Back again" }) { id } }`,
      { id: video.id },
      ownerToken,
    );
    expect(errorCodes(publish)).toEqual(['FORBIDDEN']);
    await eventually(() => deleted.find(event => event.id === video.id), {
      what: 'VideoDeleted for the taken-down video',
    });
  });

  it('deletes a taken-down comment', async () => {
    const video = await publicVideo();
    const author = await tokenFor(randomUUID(), [Role.VIEWER]);
    const added = await pipeline.query(
      ADD,
      { input: { videoId: video.id, body: 'You are all idiots' } },
      author,
    );
    const commentId = added.data.addComment.id;
    await pipeline.emitPeerEvent(ContentTakenDown, {
      ...ContentTakenDown.example,
      targetType: 'COMMENT',
      targetId: commentId,
    });
    await handled(ContentTakenDown, { targetId: commentId });
    const comments = await pipeline.query(COMMENTS, { id: video.id });
    expect(comments.data.video.comments.edges).toEqual([]);
  });
});

describe('UserSuspensionChanged', () => {
  it("hides a suspended account's videos and comments, refuses its uploads and comments, and shows them again once lifted", async () => {
    const userId = randomUUID();
    const token = await tokenFor(userId, [Role.VIEWER, Role.CREATOR]);
    const video = await publicVideo(userId);
    const other = await publicVideo();
    const added = await pipeline.query(
      ADD,
      { input: { videoId: other.id, body: 'Nice one' } },
      token,
    );
    expect(added.errors).toBeUndefined();

    const at = Date.now();
    await pipeline.emitPeerEvent(UserSuspensionChanged, {
      userId,
      suspended: true,
      suspendedUntil: null,
      changedAt: new Date(at).toISOString(),
    });
    await handled(UserSuspensionChanged, { userId, suspended: true });

    expect(await feedIds()).not.toContain(video.id);
    expect((await pipeline.query(READ, { id: video.id })).data.video).toBeNull();
    expect((await pipeline.query(COMMENTS, { id: other.id })).data.video.comments.edges).toEqual(
      [],
    );
    // its still-valid access token is no way around it
    const upload = await pipeline.query(
      CREATE_UPLOAD,
      { input: { filename: 'a.mp4', contentType: 'video/mp4', sizeBytes: 1000, title: 'Again' } },
      token,
    );
    expect(errorCodes(upload)).toEqual(['FORBIDDEN']);
    expect(upload.errors![0].message).toBe('Your account is suspended.');
    const comment = await pipeline.query(
      ADD,
      { input: { videoId: other.id, body: 'Hello?' } },
      token,
    );
    expect(errorCodes(comment)).toEqual(['FORBIDDEN']);

    // an older change delivered late changes nothing
    await pipeline.emitPeerEvent(UserSuspensionChanged, {
      userId,
      suspended: false,
      suspendedUntil: null,
      changedAt: new Date(at - 60_000).toISOString(),
    });
    await eventually(
      () => pipeline.deliveries(UserSuspensionChanged, { userId, suspended: false }),
      {
        until: states => states.length === 1 && states[0] === 'completed',
        what: 'the late change to be handled',
      },
    );
    expect(await feedIds()).not.toContain(video.id);

    await pipeline.emitPeerEvent(UserSuspensionChanged, {
      userId,
      suspended: false,
      suspendedUntil: null,
      changedAt: new Date(at + 1000).toISOString(),
    });
    await eventually(async () => (await feedIds()).includes(video.id), {
      what: 'the video to be listed again',
    });
    expect(
      (await pipeline.query(COMMENTS, { id: other.id })).data.video.comments.edges,
    ).toHaveLength(1);
  });
});
