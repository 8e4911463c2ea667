import { randomUUID } from 'node:crypto';
import { CommentAdded, type EventPayload, parseEmitted, VideoLiked } from '@vp/contracts';
import { eventually, tokenFor } from '@vp/kit/testing';
import { type Pipeline, startPipeline } from '../test-pipeline';
import { Video, VideoStatus, VideoVisibility } from '../videos/video.entity';

jest.setTimeout(60_000);

let pipeline: Pipeline;
const comments: EventPayload<typeof CommentAdded>[] = [];
const likes: EventPayload<typeof VideoLiked>[] = [];

beforeAll(async () => {
  pipeline = await startPipeline({ worker: false });
  await pipeline.onEvent(CommentAdded, event => comments.push(event.payload));
  await pipeline.onEvent(VideoLiked, event => likes.push(event.payload));
});
afterAll(() => pipeline?.stop());

async function publishedVideo(ownerId: string) {
  const em = pipeline.em();
  const video = em.create(Video, {
    ownerId,
    title: 'Talked about',
    status: VideoStatus.READY,
    visibility: VideoVisibility.PUBLIC,
    publishedAt: new Date(Date.now() - 60_000),
  } as Video);
  await em.flush();
  return video;
}

const ADD = `mutation ($input: AddCommentInput!) { addComment(input: $input) { id } }`;

describe('events for the users subgraph', () => {
  it('emits CommentAdded with who to tell: the video owner and the author replied to', async () => {
    const owner = randomUUID();
    const alice = randomUUID();
    const bob = randomUUID();
    const video = await publishedVideo(owner);
    const top = await pipeline.query(
      ADD,
      { input: { videoId: video.id, body: 'top' } },
      await tokenFor(alice),
    );
    const topId = top.data.addComment.id;
    const reply = await pipeline.query(
      ADD,
      { input: { videoId: video.id, body: 're', parentId: topId } },
      await tokenFor(bob),
    );
    const replyId = reply.data.addComment.id;
    const nested = await pipeline.query(
      ADD,
      { input: { videoId: video.id, body: 're re', parentId: replyId } },
      await tokenFor(alice),
    );

    const forVideo = () => comments.filter(event => event.videoId === video.id);
    await eventually(() => forVideo().length === 3, { what: 'three CommentAdded events' });
    // What this subgraph really emits is what the contract says, field for field.
    const byId = new Map(
      forVideo().map(event => [event.commentId, parseEmitted(CommentAdded, event)] as const),
    );
    expect(byId.get(topId)).toMatchObject({
      videoOwnerId: owner,
      authorId: alice,
      parentId: null,
      parentAuthorId: null,
    });
    expect(byId.get(replyId)).toMatchObject({
      videoOwnerId: owner,
      authorId: bob,
      parentId: topId,
      parentAuthorId: alice,
    });
    expect(byId.get(nested.data.addComment.id)).toMatchObject({
      authorId: alice,
      parentId: topId,
      parentAuthorId: bob,
    });
  });

  it("emits VideoLiked once per like, never for the owner's own", async () => {
    const owner = randomUUID();
    const fan = randomUUID();
    const video = await publishedVideo(owner);
    const LIKE = `mutation ($id: ID!) { likeVideo(id: $id) { id } }`;
    await pipeline.query(LIKE, { id: video.id }, await tokenFor(fan));
    await pipeline.query(LIKE, { id: video.id }, await tokenFor(fan));
    await pipeline.query(LIKE, { id: video.id }, await tokenFor(owner));
    await eventually(() => likes.some(event => event.videoId === video.id), { what: 'VideoLiked' });
    // Once the outbox is relayed and every delivery handled, an event that has not arrived was never sent.
    await eventually(() => pipeline.eventsSettled(), { what: 'the events to be delivered' });
    expect(
      likes
        .filter(event => event.videoId === video.id)
        .map(event => parseEmitted(VideoLiked, event)),
    ).toEqual([expect.objectContaining({ videoId: video.id, videoOwnerId: owner, userId: fan })]);
  });
});
