import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { startTestPlatform, type TestPlatform } from '../testing/test-platform';

// Issue 9 (the videos half) end to end, through the gateway only: likes, comments with authors
// resolved by users, views and history on `me`, playlists and Watch later, per-day statistics.
// The video is a row written directly (a published 3-second video of the creator): uploading and
// transcoding have their own end-to-end test.
describe('engagement through the gateway', () => {
  let platform: TestPlatform;

  beforeAll(async () => {
    platform = await startTestPlatform({ subgraphs: ['users', 'videos'] });
  }, 60_000);

  afterAll(async () => {
    await platform?.stop();
  });

  async function publishedVideo(ownerId: string, title: string): Promise<string> {
    const client = new Client({ connectionString: platform.database.url });
    await client.connect();
    try {
      const id = randomUUID();
      await client.query(
        `insert into videos.video (id, owner_id, title, status, visibility, duration_seconds, published_at, created_at, updated_at)
         values ($1, $2, $3, 'READY', 'PUBLIC', 3, now() - interval '1 minute', now(), now())`,
        [id, ownerId, title],
      );
      return id;
    } finally {
      await client.end();
    }
  }

  it('lets viewers like, comment, watch and collect, and the creator read the figures', async () => {
    const creator = await platform.signUp({ name: 'e2e' });
    const alice = await platform.signUp({ name: 'e2e' });
    const bob = await platform.signUp({ name: 'e2e' });
    const videoId = await publishedVideo(creator.id, 'Talk of the town');
    const ask = async (query: string, variables: Record<string, unknown>, token?: string) => {
      const response = await platform.query(query, variables, token);
      expect(response.errors).toBeUndefined();
      return response.data;
    };

    const LIKE = `mutation ($id: ID!) { likeVideo(id: $id) { id likeCount viewerHasLiked } }`;
    await ask(LIKE, { id: videoId }, alice.token);
    expect((await ask(LIKE, { id: videoId }, alice.token)).likeVideo).toEqual({
      id: videoId,
      likeCount: 1,
      viewerHasLiked: true,
    });

    const ADD = `mutation ($input: AddCommentInput!) { addComment(input: $input) { id body author { handle } createdAt } }`;
    const top = (
      await ask(ADD, { input: { videoId, body: 'Great video', parentId: null } }, alice.token)
    ).addComment;
    expect(top.author.handle).toMatch(/^e2e_/);
    await ask(ADD, { input: { videoId, body: 'Agreed', parentId: top.id } }, bob.token);

    const RECORD = `mutation ($input: RecordViewInput!) { recordView(input: $input) }`;
    await ask(
      RECORD,
      { input: { videoId, sessionId: 'bob-tab', positionSeconds: 2, watchedSeconds: 2 } },
      bob.token,
    );
    await ask(
      RECORD,
      { input: { videoId, sessionId: 'creator', positionSeconds: 3, watchedSeconds: 3 } },
      creator.token,
    );

    const video = await ask(
      // The issue's own query, as a client sends it.
      `query ($id: ID!) { video(id: $id) { likeCount viewCount commentCount viewerHasLiked
         viewerProgress { positionSeconds completed }
         comments(first: 20, sort: NEWEST) { edges { node { id body deleted author { handle }
           replyCount replies(first: 10) { edges { node { id body } } } } } } } }`,
      { id: videoId },
      bob.token,
    );
    expect(video.video).toMatchObject({
      likeCount: 1,
      viewCount: 1, // half of the 3 s clip by bob; the creator's own play does not count
      commentCount: 2,
      viewerHasLiked: false,
      viewerProgress: { positionSeconds: 2, completed: false },
    });
    expect(video.video.comments.edges).toHaveLength(1);
    expect(video.video.comments.edges[0].node).toMatchObject({
      id: top.id,
      body: 'Great video',
      deleted: false,
      replyCount: 1,
    });
    expect(video.video.comments.edges[0].node.replies.edges[0].node.body).toBe('Agreed');

    const history = await ask(
      `{ me { watchHistory(first: 20) { edges { node { video { id title } positionSeconds watchedAt completed } } }
              continueWatching(first: 10) { edges { node { video { id } positionSeconds } } } } }`,
      {},
      bob.token,
    );
    expect(history.me.watchHistory.edges.map((e: any) => e.node.video)).toEqual([
      { id: videoId, title: 'Talk of the town' },
    ]);
    expect(history.me.continueWatching.edges).toEqual([
      { node: { video: { id: videoId }, positionSeconds: 2 } },
    ]);
    expect((await ask(`mutation { clearWatchHistory }`, {}, bob.token)).clearWatchHistory).toBe(
      true,
    );

    const playlist = (
      await ask(
        `mutation { createPlaylist(input: { title: "Picks", description: "", visibility: PUBLIC }) { id } }`,
        {},
        alice.token,
      )
    ).createPlaylist;
    expect(
      (
        await ask(
          `mutation ($p: ID!, $v: ID!) { addToPlaylist(playlistId: $p, videoId: $v) { id itemCount } }`,
          { p: playlist.id, v: videoId },
          alice.token,
        )
      ).addToPlaylist.itemCount,
    ).toBe(1);
    const seen = await ask(
      `query ($id: ID!) { playlist(id: $id) { id title visibility itemCount owner { handle }
         items(first: 50) { edges { node { position addedAt video { id title } } } } } }`,
      { id: playlist.id },
      bob.token,
    );
    expect(seen.playlist).toMatchObject({ title: 'Picks', visibility: 'PUBLIC', itemCount: 1 });
    expect(seen.playlist.owner.handle).toMatch(/^e2e_/);
    expect(seen.playlist.items.edges[0].node).toMatchObject({
      position: 0,
      video: { id: videoId, title: 'Talk of the town' },
    });
    const mine = await ask(
      `{ me { watchLater { id itemCount } playlists(first: 20) { edges { node { id title } } } } }`,
      {},
      alice.token,
    );
    expect(mine.me.watchLater.itemCount).toBe(0);
    expect(mine.me.playlists.edges).toEqual([{ node: { id: playlist.id, title: 'Picks' } }]);

    const today = new Date().toISOString().slice(0, 10);
    const STATS = `query ($id: ID!, $day: String!) { video(id: $id) { stats(from: $day, to: $day) { day views watchSeconds likes comments } } }`;
    expect((await ask(STATS, { id: videoId, day: today }, creator.token)).video.stats).toEqual([
      { day: today, views: 1, watchSeconds: 2, likes: 1, comments: 2 },
    ]);
    const refused = await platform.query(STATS, { id: videoId, day: today }, bob.token);
    expect(refused.errors?.map(error => error.extensions?.code)).toEqual(['FORBIDDEN']);
  }, 240_000);
});
