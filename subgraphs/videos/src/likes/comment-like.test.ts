import { randomUUID } from 'node:crypto';
import { Audience, Role } from '@vp/kit';
import { errorCodes, graphql, tokenFor } from '@vp/kit/testing';
import { startVideosSubgraph } from '../test-server';
import { VideoVisibility } from '../videos/video.entity';

let subgraph: Awaited<ReturnType<typeof startVideosSubgraph>>;

beforeAll(async () => {
  subgraph = await startVideosSubgraph();
});
afterAll(() => subgraph?.stop());

const LIKE = `mutation ($id: ID!) { likeComment(id: $id) { id likeCount viewerHasLiked } }`;
const UNLIKE = `mutation ($id: ID!) { unlikeComment(id: $id) { id likeCount viewerHasLiked } }`;
const ADD = `mutation ($input: AddCommentInput!) { addComment(input: $input) { id } }`;
const COMMENTS = `query ($id: ID!) { video(id: $id) { comments(first: 50) { edges { node {
  id likeCount viewerHasLiked replies(first: 10) { edges { node { id likeCount viewerHasLiked } } } } } } } }`;

const person = async (roles: Role[] = [Role.VIEWER]) => {
  const id = randomUUID();
  return { id, token: await tokenFor(id, roles) };
};
const people = (count: number) => Promise.all(Array.from({ length: count }, () => person()));

async function comment(videoId: string, parentId?: string) {
  const { token } = await person();
  const response = await graphql(
    subgraph.url,
    ADD,
    { input: { videoId, body: 'A comment', parentId } },
    { token },
  );
  if (response.errors) {
    throw new Error(JSON.stringify(response.errors));
  }
  return response.data.addComment.id as string;
}

async function stored(commentId: string) {
  const [row] = await subgraph.em().execute(
    `select (select count(*) from videos.comment_like where comment_id = ?)::int as rows,
            (select like_count from videos.comment where id = ?) as counter`,
    [commentId, commentId],
  );
  return row as { rows: number; counter: number | null };
}

describe('likeComment / unlikeComment', () => {
  it('likes once however often a user asks, and unlikes idempotently', async () => {
    const [video] = await subgraph.seed({});
    const id = await comment(video.id);
    const { token } = await person();
    for (let i = 0; i < 2; i += 1) {
      const liked = await graphql(subgraph.url, LIKE, { id }, { token });
      expect(liked.errors).toBeUndefined();
      expect(liked.data.likeComment).toEqual({ id, likeCount: 1, viewerHasLiked: true });
    }
    // Anonymous readers see the count, never a like of their own.
    const read = await graphql(subgraph.url, COMMENTS, { id: video.id });
    expect(read.data.video.comments.edges[0].node).toMatchObject({
      id,
      likeCount: 1,
      viewerHasLiked: false,
    });
    for (let i = 0; i < 2; i += 1) {
      const unliked = await graphql(subgraph.url, UNLIKE, { id }, { token });
      expect(unliked.data.unlikeComment).toEqual({ id, likeCount: 0, viewerHasLiked: false });
    }
    expect(await stored(id)).toEqual({ rows: 0, counter: 0 });
  });

  it('counts exactly when 100 users like at once, each of them twice, then half unlike', async () => {
    const [video] = await subgraph.seed({});
    const id = await comment(video.id);
    const likers = await people(100);
    const responses = await Promise.all(
      [...likers, ...likers].map(({ token }) => graphql(subgraph.url, LIKE, { id }, { token })),
    );
    expect(responses.flatMap(response => response.errors ?? [])).toEqual([]);
    expect(await stored(id)).toEqual({ rows: 100, counter: 100 });

    const mixed = await Promise.all(
      likers.map(({ token }, i) => graphql(subgraph.url, i % 2 ? UNLIKE : LIKE, { id }, { token })),
    );
    expect(mixed.flatMap(response => response.errors ?? [])).toEqual([]);
    expect(await stored(id)).toEqual({ rows: 50, counter: 50 });
  });

  it('likes replies too, and reads a page’s viewerHasLiked with one statement per level', async () => {
    const [video] = await subgraph.seed({});
    const top = await Promise.all(Array.from({ length: 5 }, () => comment(video.id)));
    const reply = await comment(video.id, top[1]);
    const viewer = await person();
    for (const id of [top[3], reply]) {
      expect((await graphql(subgraph.url, LIKE, { id }, viewer)).errors).toBeUndefined();
    }
    subgraph.takeSql();
    const response = await graphql(subgraph.url, COMMENTS, { id: video.id }, viewer);
    expect(response.errors).toBeUndefined();
    const nodes = response.data.video.comments.edges.map((edge: any) => edge.node);
    expect(nodes.filter((node: any) => node.viewerHasLiked).map((node: any) => node.id)).toEqual([
      top[3],
    ]);
    expect(nodes.find((node: any) => node.id === top[1]).replies.edges[0].node).toEqual({
      id: reply,
      likeCount: 1,
      viewerHasLiked: true,
    });
    const likeReads = subgraph.takeSql().filter(sql => sql.includes('comment_like'));
    expect(likeReads).toHaveLength(2); // the top-level comments, then their replies
  });

  it('refuses anonymous callers, bad ids, deleted comments and comments the viewer cannot see', async () => {
    const owner = await person();
    const [video, hidden, adult] = await subgraph.seed(
      {},
      {},
      { ownerId: owner.id, audience: Audience.ADULT },
    );
    const shown = await comment(video.id);
    const onHidden = await comment(hidden.id);
    const onAdult = (
      await graphql(
        subgraph.url,
        ADD,
        { input: { videoId: adult.id, body: 'The owner speaks' } },
        { token: owner.token },
      )
    ).data.addComment.id as string;
    const deleted = await comment(video.id);
    await subgraph
      .em()
      .execute(`update videos.comment set deleted_at = now(), body = null where id = ?`, [deleted]);
    await subgraph
      .em()
      .execute(`update videos.video set visibility = ? where id = ?`, [
        VideoVisibility.PRIVATE,
        hidden.id,
      ]);
    const { token } = await person();
    const codes = async (query: string, id: string, who?: string) =>
      errorCodes(await graphql(subgraph.url, query, { id }, { token: who }));

    expect(await codes(LIKE, shown)).toEqual(['UNAUTHENTICATED']);
    expect(await codes(LIKE, 'nope', token)).toEqual(['BAD_USER_INPUT']);
    expect(await codes(LIKE, randomUUID(), token)).toEqual(['NOT_FOUND']);
    expect(await codes(LIKE, deleted, token)).toEqual(['NOT_FOUND']);
    expect(await codes(LIKE, onHidden, token)).toEqual(['NOT_FOUND']);
    expect(await codes(UNLIKE, onHidden, token)).toEqual(['NOT_FOUND']);
    expect(await codes(LIKE, onAdult, token)).toEqual(['FORBIDDEN']);
    for (const id of [deleted, onHidden, onAdult]) {
      expect(await stored(id)).toEqual({ rows: 0, counter: 0 });
    }
    // The owner of the ADULT video (and ADMINs) may.
    expect(await codes(LIKE, onAdult, owner.token)).toEqual([]);
    const admin = await person([Role.ADMIN]);
    expect(await codes(LIKE, onAdult, admin.token)).toEqual([]);
    expect(await stored(onAdult)).toEqual({ rows: 2, counter: 2 });
  });

  it('goes with the comment and its video', async () => {
    const [video] = await subgraph.seed({});
    const id = await comment(video.id);
    await graphql(subgraph.url, LIKE, { id }, await person());
    await subgraph.em().execute(`delete from videos.video where id = ?`, [video.id]);
    expect(await stored(id)).toEqual({ rows: 0, counter: null });
  });
});
