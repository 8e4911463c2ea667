import { randomUUID } from 'node:crypto';
import { Role } from '@vp/kit';
import { errorCodes, graphql, tokenFor } from '@vp/kit/testing';
import { startVideosSubgraph } from '../test-server';
import { VideoVisibility } from '../videos/video.entity';

let subgraph: Awaited<ReturnType<typeof startVideosSubgraph>>;

beforeAll(async () => {
  subgraph = await startVideosSubgraph();
});
afterAll(() => subgraph?.stop());

const CREATE = `mutation ($input: CreatePlaylistInput!) { createPlaylist(input: $input) { id title visibility itemCount isWatchLater owner { id } } }`;
const ADD = `mutation ($p: ID!, $v: ID!) { addToPlaylist(playlistId: $p, videoId: $v) { id itemCount } }`;
const REMOVE = `mutation ($p: ID!, $v: ID!) { removeFromPlaylist(playlistId: $p, videoId: $v) { id itemCount } }`;
const MOVE = `mutation ($p: ID!, $v: ID!, $position: Int!) { movePlaylistItem(playlistId: $p, videoId: $v, position: $position) { id } }`;
const PLAYLIST = `query ($id: ID!, $first: Int, $after: String) { playlist(id: $id) { id title visibility itemCount owner { id }
  items(first: $first, after: $after) { edges { node { position addedAt video { id title } } } pageInfo { hasNextPage endCursor } } } }`;
const USER = `query ($id: ID!) { _entities(representations: [{ __typename: "User", id: $id }]) {
  ... on User { watchLater { id title itemCount isWatchLater visibility } playlists(first: 20) { edges { node { id title } } } } } }`;

const PLAYLISTS = `query ($id: ID!) { _entities(representations: [{ __typename: "User", id: $id }]) {
  ... on User { playlists(first: 20) { edges { node { id title } } } } } }`;

const person = async (roles: Role[] = []) => {
  const id = randomUUID();
  return { id, token: await tokenFor(id, roles) };
};

async function ok(query: string, variables: Record<string, unknown>, token?: string) {
  const response = await graphql(subgraph.url, query, variables, { token });
  if (response.errors) {
    throw new Error(JSON.stringify(response.errors));
  }
  return response.data;
}

async function create(token: string, visibility = 'PUBLIC', title = 'Favourites') {
  return (await ok(CREATE, { input: { title, description: '', visibility } }, token))
    .createPlaylist;
}

const order = async (playlistId: string, token?: string) =>
  (await ok(PLAYLIST, { id: playlistId, first: 100 }, token)).playlist.items.edges.map((e: any) => [
    e.node.position,
    e.node.video.id,
  ]);

/** Stored positions, every entry: they must always be 0..n-1. */
const storedPositions = async (playlistId: string) =>
  (
    await subgraph
      .em()
      .execute(
        `select position from videos.playlist_item where playlist_id = ? order by position`,
        [playlistId],
      )
  ).map(row => (row as { position: number }).position);

describe('playlists', () => {
  it('adds, removes and moves videos, keeping positions dense', async () => {
    const me = await person();
    const list = await create(me.token);
    expect(list).toMatchObject({
      title: 'Favourites',
      visibility: 'PUBLIC',
      itemCount: 0,
      isWatchLater: false,
      owner: { id: me.id },
    });
    const videos = await subgraph.seed(
      ...Array.from({ length: 5 }, (_, i) => ({ title: `v${i}` })),
    );
    for (const video of videos) {
      await ok(ADD, { p: list.id, v: video.id }, me.token);
    }
    // Adding again changes nothing.
    expect((await ok(ADD, { p: list.id, v: videos[0].id }, me.token)).addToPlaylist.itemCount).toBe(
      5,
    );
    const [a, b, c, d, e] = videos.map(video => video.id);
    expect(await order(list.id)).toEqual([
      [0, a],
      [1, b],
      [2, c],
      [3, d],
      [4, e],
    ]);

    await ok(MOVE, { p: list.id, v: d, position: 0 }, me.token);
    expect((await order(list.id)).map(([, id]: any) => id)).toEqual([d, a, b, c, e]);
    await ok(MOVE, { p: list.id, v: d, position: 4 }, me.token);
    expect((await order(list.id)).map(([, id]: any) => id)).toEqual([a, b, c, e, d]);
    await ok(MOVE, { p: list.id, v: a, position: 2 }, me.token);
    expect((await order(list.id)).map(([, id]: any) => id)).toEqual([b, c, a, e, d]);

    expect((await ok(REMOVE, { p: list.id, v: c }, me.token)).removeFromPlaylist.itemCount).toBe(4);
    expect((await ok(REMOVE, { p: list.id, v: c }, me.token)).removeFromPlaylist.itemCount).toBe(4);
    expect(await order(list.id)).toEqual([
      [0, b],
      [1, a],
      [2, e],
      [3, d],
    ]);
    expect(await storedPositions(list.id)).toEqual([0, 1, 2, 3]);

    for (const position of [-1, 4]) {
      const response = await graphql(
        subgraph.url,
        MOVE,
        { p: list.id, v: a, position },
        { token: me.token },
      );
      expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
    }
    expect(
      errorCodes(
        await graphql(subgraph.url, MOVE, { p: list.id, v: c, position: 0 }, { token: me.token }),
      ),
    ).toEqual(['NOT_FOUND']);
    expect(await storedPositions(list.id)).toEqual([0, 1, 2, 3]);
  });

  it('stays dense under concurrent changes', async () => {
    const me = await person();
    const list = await create(me.token);
    const videos = await subgraph.seed(...Array.from({ length: 20 }, () => ({})));
    const added = await Promise.all(
      videos.map(video =>
        graphql(subgraph.url, ADD, { p: list.id, v: video.id }, { token: me.token }),
      ),
    );
    expect(added.flatMap(response => response.errors ?? [])).toEqual([]);
    expect(await storedPositions(list.id)).toEqual([...Array(20).keys()]);
    const changed = await Promise.all([
      ...videos
        .slice(0, 5)
        .map(video =>
          graphql(subgraph.url, REMOVE, { p: list.id, v: video.id }, { token: me.token }),
        ),
      ...videos
        .slice(5, 10)
        .map((video, i) =>
          graphql(
            subgraph.url,
            MOVE,
            { p: list.id, v: video.id, position: i },
            { token: me.token },
          ),
        ),
    ]);
    expect(changed.flatMap(response => response.errors ?? [])).toEqual([]);
    expect(await storedPositions(list.id)).toEqual([...Array(15).keys()]);
  });

  it('shows PUBLIC playlists to everyone, UNLISTED to whoever has the id, PRIVATE to the owner only', async () => {
    const me = await person();
    const stranger = await person();
    const lists = {
      public: await create(me.token, 'PUBLIC', 'Public'),
      unlisted: await create(me.token, 'UNLISTED', 'Unlisted'),
      private: await create(me.token, 'PRIVATE', 'Private'),
    };
    for (const token of [stranger.token, undefined]) {
      expect((await ok(PLAYLIST, { id: lists.public.id }, token)).playlist.title).toBe('Public');
      expect((await ok(PLAYLIST, { id: lists.unlisted.id }, token)).playlist.title).toBe(
        'Unlisted',
      );
      expect((await ok(PLAYLIST, { id: lists.private.id }, token)).playlist).toBeNull();
      const theirs = (await ok(PLAYLISTS, { id: me.id }, token))._entities[0];
      expect(theirs.playlists.edges.map((e: any) => e.node.title)).toEqual(['Public']);
    }
    const mine = (await ok(USER, { id: me.id }, me.token))._entities[0];
    expect(mine.playlists.edges.map((e: any) => e.node.title)).toEqual([
      'Private',
      'Unlisted',
      'Public',
    ]);
    expect(
      (await ok(PLAYLIST, { id: lists.private.id }, (await person([Role.ADMIN])).token)).playlist
        .title,
    ).toBe('Private');
    expect(errorCodes(await graphql(subgraph.url, PLAYLIST, { id: 'nope' }))).toEqual([
      'BAD_USER_INPUT',
    ]);
  });

  it("lets only the owner change a playlist: FORBIDDEN on one others see, NOT_FOUND on one they don't", async () => {
    const me = await person();
    const stranger = await person();
    const [video] = await subgraph.seed({});
    const open = await create(me.token, 'PUBLIC');
    const closed = await create(me.token, 'PRIVATE');
    const attempt = (query: string, variables: Record<string, unknown>, token?: string) =>
      graphql(subgraph.url, query, variables, { token }).then(errorCodes);
    expect(await attempt(ADD, { p: open.id, v: video.id }, stranger.token)).toEqual(['FORBIDDEN']);
    expect(await attempt(ADD, { p: closed.id, v: video.id }, stranger.token)).toEqual([
      'NOT_FOUND',
    ]);
    expect(await attempt(ADD, { p: open.id, v: video.id })).toEqual(['UNAUTHENTICATED']);
    expect(
      await attempt(
        `mutation ($id: ID!) { deletePlaylist(id: $id) }`,
        { id: open.id },
        stranger.token,
      ),
    ).toEqual(['FORBIDDEN']);
    expect(
      await attempt(
        `mutation ($id: ID!) { updatePlaylist(id: $id, input: { title: "Mine now" }) { id } }`,
        { id: open.id },
        stranger.token,
      ),
    ).toEqual(['FORBIDDEN']);
    expect(await attempt(ADD, { p: 'x', v: video.id }, me.token)).toEqual(['BAD_USER_INPUT']);
    expect(await attempt(ADD, { p: open.id, v: randomUUID() }, me.token)).toEqual(['NOT_FOUND']);
    expect((await ok(PLAYLIST, { id: open.id })).playlist.itemCount).toBe(0);

    expect(
      (
        await ok(
          `mutation ($id: ID!) { updatePlaylist(id: $id, input: { title: " Renamed ", visibility: UNLISTED }) { title visibility } }`,
          { id: open.id },
          me.token,
        )
      ).updatePlaylist,
    ).toEqual({
      title: 'Renamed',
      visibility: 'UNLISTED',
    });
    expect(
      (await ok(`mutation ($id: ID!) { deletePlaylist(id: $id) }`, { id: open.id }, me.token))
        .deletePlaylist,
    ).toBe(true);
    expect((await ok(PLAYLIST, { id: open.id }, me.token)).playlist).toBeNull();
  });

  it.each([
    ['an empty title', { title: '  ' }],
    ['a 151-character title', { title: 'x'.repeat(151) }],
    ['a title with a control character', { title: 'a\u0007b' }],
    ['a 5001-character description', { title: 'ok', description: 'x'.repeat(5001) }],
    ['an unknown visibility', { title: 'ok', visibility: 'SECRET' }],
  ])('refuses %s with BAD_USER_INPUT', async (_name, input) => {
    const me = await person();
    const response = await graphql(subgraph.url, CREATE, { input }, { token: me.token });
    expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
    expect((await ok(USER, { id: me.id }, me.token))._entities[0].playlists.edges).toEqual([]);
  });

  it('hides entries of videos others may not see, and closes the gap a deleted video leaves', async () => {
    const me = await person();
    const list = await create(me.token);
    const videos = await subgraph.seed({}, {}, {}, {});
    for (const video of videos) {
      await ok(ADD, { p: list.id, v: video.id }, me.token);
    }
    const [a, b, c, d] = videos.map(video => video.id);
    await subgraph.em().execute(`update videos.video set visibility = 'PRIVATE' where id = ?`, [b]);
    const stranger = await person();
    expect(await order(list.id, stranger.token)).toEqual([
      [0, a],
      [1, c],
      [2, d],
    ]);
    expect((await ok(PLAYLIST, { id: list.id }, stranger.token)).playlist.itemCount).toBe(3);

    await subgraph.em().execute(`delete from videos.video where id = ?`, [c]);
    expect(await order(list.id, stranger.token)).toEqual([
      [0, a],
      [1, d],
    ]);
    // The next change renumbers what is stored.
    await ok(MOVE, { p: list.id, v: d, position: 0 }, me.token);
    expect(await storedPositions(list.id)).toEqual([0, 1, 2]);
    expect(await order(list.id, stranger.token)).toEqual([
      [0, d],
      [1, a],
    ]);
  });

  it('pages through entries with cursors', async () => {
    const me = await person();
    const list = await create(me.token);
    const videos = await subgraph.seed(...Array.from({ length: 7 }, () => ({})));
    for (const video of videos) {
      await ok(ADD, { p: list.id, v: video.id }, me.token);
    }
    const seen: number[] = [];
    let after: string | null = null;
    for (;;) {
      const page: any = (await ok(PLAYLIST, { id: list.id, first: 3, after }, me.token)).playlist
        .items;
      seen.push(...page.edges.map((e: any) => e.node.position));
      if (!page.pageInfo.hasNextPage) {
        break;
      }
      after = page.pageInfo.endCursor;
    }
    expect(seen).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(
      errorCodes(
        await graphql(subgraph.url, PLAYLIST, { id: list.id, after: 'bad' }, { token: me.token }),
      ),
    ).toEqual(['BAD_USER_INPUT']);
  });

  it('holds at most 5000 videos', async () => {
    const me = await person();
    const list = await create(me.token);
    const [last] = await subgraph.seed({});
    await subgraph.em().execute(
      `with made as (
         insert into videos.video (id, owner_id, title, status, visibility, published_at, created_at, updated_at)
         select gen_random_uuid(), gen_random_uuid(), 'filler', 'READY', 'PUBLIC', now(), now(), now()
         from generate_series(1, 5000) returning id
       )
       insert into videos.playlist_item (playlist_id, video_id, position, added_at)
       select ?, id, (row_number() over ()) - 1, now() from made`,
      [list.id],
    );
    const response = await graphql(
      subgraph.url,
      ADD,
      { p: list.id, v: last.id },
      { token: me.token },
    );
    expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
    expect((await storedPositions(list.id)).length).toBe(5000);
  });

  it('gives every user one Watch later, made when first asked for, private to them', async () => {
    const me = await person();
    const answers = await Promise.all([1, 2, 3].map(() => ok(USER, { id: me.id }, me.token)));
    const ids = new Set(answers.map(answer => answer._entities[0].watchLater.id));
    expect(ids.size).toBe(1);
    const watchLater = answers[0]._entities[0].watchLater;
    expect(watchLater).toMatchObject({
      title: 'Watch later',
      itemCount: 0,
      isWatchLater: true,
      visibility: 'PRIVATE',
    });
    const [video] = await subgraph.seed({ visibility: VideoVisibility.UNLISTED });
    expect(
      (await ok(ADD, { p: watchLater.id, v: video.id }, me.token)).addToPlaylist.itemCount,
    ).toBe(1);
    // It is not one of the user's playlists, cannot be renamed, shared or deleted.
    expect((await ok(USER, { id: me.id }, me.token))._entities[0].playlists.edges).toEqual([]);
    expect(
      errorCodes(
        await graphql(
          subgraph.url,
          `
            mutation ($id: ID!) {
              deletePlaylist(id: $id)
            }
          `,
          { id: watchLater.id },
          { token: me.token },
        ),
      ),
    ).toEqual(['BAD_USER_INPUT']);
    expect(
      errorCodes(
        await graphql(
          subgraph.url,
          `
            mutation ($id: ID!) {
              updatePlaylist(id: $id, input: { visibility: PUBLIC }) {
                id
              }
            }
          `,
          { id: watchLater.id },
          { token: me.token },
        ),
      ),
    ).toEqual(['BAD_USER_INPUT']);
    const stranger = await person();
    const theirs = await graphql(subgraph.url, USER, { id: me.id }, { token: stranger.token });
    expect(errorCodes(theirs)).toEqual(['FORBIDDEN']);
    expect(theirs.data._entities[0].watchLater).toBeNull();
    expect((await ok(PLAYLIST, { id: watchLater.id }, stranger.token)).playlist).toBeNull();
  });
});
