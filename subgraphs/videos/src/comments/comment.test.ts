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

const ADD = `mutation ($input: AddCommentInput!) { addComment(input: $input) { id body parentId author { id } createdAt } }`;
const DELETE = `mutation ($id: ID!) { deleteComment(id: $id) }`;
const COMMENTS = `query ($id: ID!, $first: Int, $after: String, $sort: CommentSort) { video(id: $id) {
  commentCount
  comments(first: $first, after: $after, sort: $sort) {
    edges { node { id body deleted author { id } replyCount replies(first: 10) { edges { node { id body } } } } }
    pageInfo { hasNextPage endCursor }
  } } }`;

const person = async (roles: Role[] = []) => {
  const id = randomUUID();
  return { id, token: await tokenFor(id, roles) };
};

async function add(token: string, videoId: string, body: string, parentId?: string) {
  const response = await graphql(
    subgraph.url,
    ADD,
    { input: { videoId, body, parentId } },
    { token },
  );
  if (response.errors) {
    throw new Error(JSON.stringify(response.errors));
  }
  return response.data.addComment as { id: string; body: string; parentId: string | null };
}

const list = async (videoId: string, variables: Record<string, unknown> = {}, token?: string) =>
  graphql(subgraph.url, COMMENTS, { id: videoId, first: 20, ...variables }, { token });

describe('comments', () => {
  it('adds comments and one level of replies: a reply to a reply joins the top-level thread', async () => {
    const [video] = await subgraph.seed({});
    const alice = await person();
    const bob = await person();
    const top = await add(alice.token, video.id, '  First!\r\nSecond line  ');
    expect(top).toMatchObject({
      body: 'First!\nSecond line',
      parentId: null,
      author: { id: alice.id },
    });
    const reply = await add(bob.token, video.id, 'A reply', top.id);
    expect(reply.parentId).toBe(top.id);
    const nested = await add(alice.token, video.id, 'A reply to the reply', reply.id);
    expect(nested.parentId).toBe(top.id);

    const response = await list(video.id);
    expect(response.errors).toBeUndefined();
    expect(response.data.video.commentCount).toBe(3);
    expect(response.data.video.comments.edges).toEqual([
      {
        node: {
          id: top.id,
          body: 'First!\nSecond line',
          deleted: false,
          author: { id: alice.id },
          replyCount: 2,
          replies: {
            edges: [
              { node: { id: reply.id, body: 'A reply' } },
              { node: { id: nested.id, body: 'A reply to the reply' } },
            ],
          },
        },
      },
    ]);
  });

  it.each([
    ['an empty body', ''],
    ['only whitespace', ' \n\t '],
    ['2001 characters', 'x'.repeat(2001)],
    ['a control character', 'hello\u0007'],
    ['a NUL', 'a\u0000b'],
    ['a bidirectional override', 'abc\u202Edef'],
  ])('refuses %s with BAD_USER_INPUT and stores nothing', async (_name, body) => {
    const [video] = await subgraph.seed({});
    const { token } = await person();
    const response = await graphql(
      subgraph.url,
      ADD,
      { input: { videoId: video.id, body } },
      { token },
    );
    expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
    expect((await list(video.id)).data.video).toMatchObject({
      commentCount: 0,
      comments: { edges: [] },
    });
  });

  it('takes 2000 characters counted as characters, not bytes or UTF-16 units', async () => {
    const [video] = await subgraph.seed({});
    const { token } = await person();
    const body = '動'.repeat(1000) + '😀'.repeat(1000);
    expect((await add(token, video.id, body)).body).toBe(body);
  });

  it('refuses anonymous callers, bad and hidden videos, and parents from elsewhere', async () => {
    const [video, other, hidden] = await subgraph.seed(
      {},
      {},
      { visibility: VideoVisibility.PRIVATE },
    );
    const { token } = await person();
    const elsewhere = await add(token, other.id, 'on another video');
    const attempt = (input: Record<string, unknown>, withToken = token) =>
      graphql(
        subgraph.url,
        ADD,
        { input: { videoId: video.id, body: 'hi', ...input } },
        { token: withToken },
      );
    expect(
      errorCodes(await graphql(subgraph.url, ADD, { input: { videoId: video.id, body: 'hi' } })),
    ).toEqual(['UNAUTHENTICATED']);
    expect(errorCodes(await attempt({ videoId: 'nope' }))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await attempt({ videoId: hidden.id }))).toEqual(['NOT_FOUND']);
    expect(errorCodes(await attempt({ parentId: elsewhere.id }))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await attempt({ parentId: 'garbage' }))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await attempt({ body: 7 }))).toEqual(['BAD_USER_INPUT']);
  });

  it('rate-limits each user: the 11th comment within a minute is RATE_LIMITED', async () => {
    const [video] = await subgraph.seed({});
    const { token } = await person();
    const responses = await Promise.all(
      Array.from({ length: 11 }, (_, i) =>
        graphql(subgraph.url, ADD, { input: { videoId: video.id, body: `n${i}` } }, { token }),
      ),
    );
    expect(responses.flatMap(errorCodes)).toEqual(['RATE_LIMITED']);
    // Someone else is not slowed down by it.
    await add((await person()).token, video.id, 'unaffected');
    expect((await list(video.id, { first: 50 })).data.video.commentCount).toBe(11);
  });

  it('lets the author, the video owner and ADMINs delete; a deleted comment with replies stays without its text', async () => {
    const owner = await person();
    const [video] = await subgraph.seed({ ownerId: owner.id });
    const alice = await person();
    const bob = await person();
    const admin = await person([Role.ADMIN]);
    const withReplies = await add(alice.token, video.id, 'has replies');
    const reply = await add(bob.token, video.id, 'reply', withReplies.id);
    const lonely = await add(bob.token, video.id, 'no replies');
    const third = await add(bob.token, video.id, 'for the admin');

    expect(
      errorCodes(await graphql(subgraph.url, DELETE, { id: lonely.id }, { token: alice.token })),
    ).toEqual(['FORBIDDEN']);
    expect(errorCodes(await graphql(subgraph.url, DELETE, { id: lonely.id }))).toEqual([
      'UNAUTHENTICATED',
    ]);
    expect(
      errorCodes(await graphql(subgraph.url, DELETE, { id: randomUUID() }, { token: alice.token })),
    ).toEqual(['NOT_FOUND']);
    expect(
      errorCodes(await graphql(subgraph.url, DELETE, { id: 'x' }, { token: alice.token })),
    ).toEqual(['BAD_USER_INPUT']);

    for (const [id, token] of [
      [withReplies.id, alice.token],
      [lonely.id, owner.token],
      [third.id, admin.token],
    ]) {
      expect((await graphql(subgraph.url, DELETE, { id }, { token })).data).toEqual({
        deleteComment: true,
      });
    }
    // Again: nothing changes.
    expect(
      (await graphql(subgraph.url, DELETE, { id: lonely.id }, { token: bob.token })).data,
    ).toEqual({ deleteComment: true });

    const response = await list(video.id);
    expect(response.data.video.commentCount).toBe(1);
    expect(response.data.video.comments.edges).toEqual([
      {
        node: {
          id: withReplies.id,
          body: null,
          deleted: true,
          author: null,
          replyCount: 1,
          replies: { edges: [{ node: { id: reply.id, body: 'reply' } }] },
        },
      },
    ]);
    const [stored] = await subgraph
      .em()
      .execute(`select body from videos.comment where id = ?`, [withReplies.id]);
    expect(stored.body).toBeNull();

    // Its last reply gone, the deleted comment leaves the list too.
    await graphql(subgraph.url, DELETE, { id: reply.id }, { token: bob.token });
    const empty = await list(video.id);
    expect(empty.data.video).toMatchObject({ commentCount: 0, comments: { edges: [] } });
  });

  it('pages NEWEST and TOP (most liked, then most recent) without gaps or repeats', async () => {
    const [video] = await subgraph.seed({});
    const { token } = await person();
    const others = await Promise.all(Array.from({ length: 4 }, () => person()));
    const made: { id: string }[] = [];
    for (let i = 0; i < 7; i += 1) {
      made.push(await add(others[i % 4].token, video.id, `comment ${i}`));
    }
    // Comment 2 gets two likes, comment 5 one; comment 6 gets replies, which do not count.
    const like = (who: { token: string }, id: string) =>
      graphql(
        subgraph.url,
        `
          mutation ($id: ID!) {
            likeComment(id: $id) {
              id
            }
          }
        `,
        { id },
        who,
      );
    await like(others[0], made[2].id);
    await like(others[1], made[2].id);
    await like(others[0], made[5].id);
    await add(token, video.id, 'r', made[6].id);
    await add(token, video.id, 'r', made[6].id);

    async function walk(sort: string) {
      const ids: string[] = [];
      let after: string | null = null;
      for (;;) {
        const response: any = await list(video.id, { first: 3, after, sort });
        expect(response.errors).toBeUndefined();
        ids.push(...response.data.video.comments.edges.map((e: any) => e.node.id));
        if (!response.data.video.comments.pageInfo.hasNextPage) {
          return { ids, lastCursor: response.data.video.comments.pageInfo.endCursor as string };
        }
        after = response.data.video.comments.pageInfo.endCursor;
      }
    }
    const newest = await walk('NEWEST');
    expect(newest.ids).toEqual(made.map(c => c.id).reverse());
    const top = await walk('TOP');
    expect(top.ids).toEqual(
      [made[2], made[5], made[6], made[4], made[3], made[1], made[0]].map(c => c.id),
    );
    // A cursor of one order is refused by the other.
    expect(errorCodes(await list(video.id, { after: top.lastCursor, sort: 'NEWEST' }))).toEqual([
      'BAD_USER_INPUT',
    ]);
    expect(errorCodes(await list(video.id, { after: newest.lastCursor, sort: 'TOP' }))).toEqual([
      'BAD_USER_INPUT',
    ]);
  });

  it('reads the replies of a whole page with one statement', async () => {
    const [video] = await subgraph.seed({});
    const { token } = await person();
    for (let i = 0; i < 8; i += 1) {
      const top = await add((await person()).token, video.id, `top ${i}`);
      await add(token, video.id, `reply ${i}`, top.id);
    }
    subgraph.takeSql();
    const response = await list(video.id);
    expect(response.errors).toBeUndefined();
    expect(
      response.data.video.comments.edges.every((e: any) => e.node.replies.edges.length === 1),
    ).toBe(true);
    const replyStatements = subgraph.takeSql().filter(sql => sql.includes('"parent_id" = any'));
    expect(replyStatements).toHaveLength(1);
  });

  it("keeps an ADULT video's comments from viewers who may not watch it", async () => {
    const owner = await person();
    const [adult] = await subgraph.seed({ ownerId: owner.id, audience: Audience.ADULT });
    await add(owner.token, adult.id, 'from the owner');
    const { token } = await person();
    const response = await list(adult.id, {}, token);
    expect(errorCodes(response)).toEqual(['FORBIDDEN']);
    expect(response.data.video.comments).toBeNull();
    expect(
      errorCodes(
        await graphql(subgraph.url, ADD, { input: { videoId: adult.id, body: 'hi' } }, { token }),
      ),
    ).toEqual(['FORBIDDEN']);
  });

  it('answers _entities like the list: hidden videos, deleted comments and bad ids are null', async () => {
    const [video, hidden] = await subgraph.seed({}, {});
    const { token } = await person();
    const shown = await add(token, video.id, 'shown');
    const gone = await add(token, video.id, 'gone');
    const onHidden = await add(token, hidden.id, 'on a video made private');
    await graphql(subgraph.url, DELETE, { id: gone.id }, { token });
    await subgraph
      .em()
      .execute(`update videos.video set visibility = 'PRIVATE' where id = ?`, [hidden.id]);
    const response = await graphql(
      subgraph.url,
      `
        query ($representations: [_Any!]!) {
          _entities(representations: $representations) {
            ... on Comment {
              id
              body
            }
          }
        }
      `,
      {
        representations: [shown.id, gone.id, onHidden.id, 'nope'].map(id => ({
          __typename: 'Comment',
          id,
        })),
      },
      { token: (await person()).token },
    );
    expect(response.errors).toBeUndefined();
    expect(response.data._entities).toEqual([{ id: shown.id, body: 'shown' }, null, null, null]);
  });
});
