import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeIfFfmpeg, eventually } from '@vp/kit/testing';
import { Publisher } from '@vp/live/src/ingest/test-ingest';
import {
  makeClip,
  startTestPlatform,
  type TestPlatform,
  uploadAndPublish,
} from '../testing/test-platform';

// Issue 9 (the subscriptions feed) end to end, through the gateway only: a fan follows a creator,
// the creator uploads and publishes a video (real ffmpeg transcoding) and goes live over RTMP
// (a real ffmpeg publisher into live's ingest); each reaches the fan's feed through the events
// users consumes, and the gateway completes the items from videos and live.
describeIfFfmpeg('me.feed through the gateway', () => {
  let platform: TestPlatform;
  let scratch: string;
  let publisher: Publisher | undefined;

  beforeAll(async () => {
    platform = await startTestPlatform({ subgraphs: ['users', 'videos', 'live'] });
    scratch = mkdtempSync(join(tmpdir(), 'vp-e2e-feed-'));
  }, 60_000);

  afterAll(async () => {
    await publisher?.kill();
    await platform?.stop();
    rmSync(scratch, { recursive: true, force: true });
  });

  const FEED = `{ me { feed(first: 20) { edges { node { __typename
    ... on Video { id title owner { handle } }
    ... on LiveStream { id title status } } } } } }`;

  it('shows a followed creator’s new video, and their stream first once it is live', async () => {
    const creator = await platform.signUp({ name: 'creator' });
    const fan = await platform.signUp({ name: 'fan' });
    const bystander = await platform.signUp({ name: 'bystander' });
    const feedOf = async (token: string) => {
      const response = await platform.query(FEED, {}, token);
      expect(response.errors).toBeUndefined();
      return response.data.me.feed.edges.map((edge: { node: unknown }) => edge.node);
    };

    const followed = await platform.query(
      `mutation ($id: ID!) { followUser(userId: $id) { viewerIsFollowing } }`,
      { id: creator.id },
      fan.token,
    );
    expect(followed.data.followUser.viewerIsFollowing).toBe(true);
    expect(await feedOf(fan.token)).toEqual([]);

    const videoId = await uploadAndPublish(platform, creator, await makeClip(scratch), {
      title: 'Fresh from the creator',
    });
    const afterVideo = await eventually(() => feedOf(fan.token), {
      until: items => items.length === 1,
      what: 'the published video in the fan’s feed',
    });
    expect(afterVideo).toEqual([
      {
        __typename: 'Video',
        id: videoId,
        title: 'Fresh from the creator',
        owner: { handle: creator.handle },
      },
    ]);
    expect(await feedOf(bystander.token)).toEqual([]);

    const created = await platform.query(
      `mutation ($input: CreateLiveStreamInput!) { createLiveStream(input: $input) {
         id ingest { rtmpUrl streamKey } } }`,
      { input: { title: 'Live now' } },
      creator.token,
    );
    expect(created.errors).toBeUndefined();
    const stream = created.data.createLiveStream;
    // Scheduled is not in the feed; going live over RTMP puts it first.
    expect(await feedOf(fan.token)).toHaveLength(1);
    publisher = new Publisher(`${stream.ingest.rtmpUrl}/${stream.ingest.streamKey}`, 120);
    const afterLive = await eventually(() => feedOf(fan.token), {
      until: items => items.length === 2,
      timeoutMs: 30_000,
      what: 'the live stream in the fan’s feed',
    });
    expect(afterLive).toEqual([
      { __typename: 'LiveStream', id: stream.id, title: 'Live now', status: 'LIVE' },
      expect.objectContaining({ __typename: 'Video', id: videoId }),
    ]);
  }, 240_000);
});
