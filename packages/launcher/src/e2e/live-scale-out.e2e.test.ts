import { createSharedState, type SharedState } from '@vp/kit';
import { describeIfRedis, eventually, graphql, subscribe, TEST_REDIS_URL } from '@vp/kit/testing';
import { CHAT_ADDED_TOPIC } from '@vp/live/src/chat/chat-events';
import { recordPlaylistFetch } from '@vp/live/src/viewers/viewer-counts';
import Redis from 'ioredis';
import { type Person, startTestPlatform, type TestPlatform } from '../testing/test-platform';

/**
 * Two live instances and two gateways on one Redis (gateway A → live A, gateway B → live B): what
 * is said through one pair reaches subscribers of the other, and both count the same viewers.
 */
describeIfRedis('two live instances behind two gateways on one Redis', () => {
  let platform: TestPlatform;
  let gatewayA: string;
  let gatewayB: string;
  let streamer: Person, alice: Person, bob: Person, carol: Person;
  let streamId: string;
  const open: { close(): Promise<void> }[] = [];

  beforeAll(async () => {
    platform = await startTestPlatform({
      subgraphs: ['users', 'live'],
      instances: { live: 2 },
      gateways: 2,
      redisUrl: TEST_REDIS_URL,
    });
    [gatewayA, gatewayB] = platform.gateways.map(gateway => gateway.url);
    [streamer, alice, bob, carol] = await Promise.all(
      ['streamer', 'alice', 'bob', 'carol'].map(name => platform.signUp({ name })),
    );
    const created = await graphql(
      gatewayA,
      'mutation ($input: CreateLiveStreamInput!) { createLiveStream(input: $input) { id } }',
      { input: { title: 'Scaled out' } },
      { token: streamer.token },
    );
    streamId = created.data.createLiveStream.id;
  }, 60_000);
  afterAll(async () => {
    await Promise.allSettled(open.map(subscription => subscription.close()));
    await platform?.stop();
  });

  const COUNT = 'query ($id: ID!) { liveStream(id: $id) { viewerCount peakViewerCount } }';
  const viewerCount = async (gatewayUrl: string) =>
    // a fresh count each time (a cached answer may be 10 s old)
    (
      await graphql(
        gatewayUrl,
        COUNT,
        { id: streamId },
        { headers: { 'cache-control': 'no-cache' } },
      )
    ).data.liveStream.viewerCount as number;

  const bothCount = (n: number) =>
    eventually(() => Promise.all([viewerCount(gatewayA), viewerCount(gatewayB)]), {
      until: counts => counts.every(count => count === n),
      what: `both gateways to count ${n} viewers`,
    });

  /** Live instances subscribed (in Redis) to the stream's chat channel. */
  async function chatListeners(): Promise<number> {
    const redis = new Redis(TEST_REDIS_URL!);
    try {
      const [, count] = (await redis.pubsub('NUMSUB', `${CHAT_ADDED_TOPIC}:${streamId}`)) as [
        string,
        number,
      ];
      return count;
    } finally {
      redis.disconnect();
    }
  }

  const ADDED =
    'subscription ($s: ID!) { chatMessageAdded(streamId: $s) { id body author { handle } } }';
  const COUNTS = 'subscription ($s: ID!) { viewerCountChanged(streamId: $s) }';

  it('delivers a message sent through gateway A and live A to subscribers on gateway B and live B, with the author’s handle', async () => {
    const onB = subscribe(gatewayB, ADDED, { s: streamId }, alice.token);
    const onA = subscribe(gatewayA, ADDED, { s: streamId }, carol.token);
    open.push(onA, onB);
    await bothCount(2);
    await eventually(chatListeners, {
      until: count => count === 2,
      what: 'both live instances to subscribe to the chat in Redis',
    });
    const sent = await graphql(
      gatewayA,
      'mutation ($s: ID!, $b: String!) { sendChatMessage(streamId: $s, body: $b) { id } }',
      { s: streamId, b: 'hello from A' },
      { token: bob.token },
    );
    expect(sent.errors).toBeUndefined();
    for (const subscriber of [onB, onA]) {
      const [event] = await subscriber.waitFor(1);
      expect(event).toEqual({
        data: {
          chatMessageAdded: {
            id: sent.data.sendChatMessage.id,
            body: 'hello from A',
            author: { handle: bob.handle },
          },
        },
      });
    }
    await Promise.all([onA.close(), onB.close()]);
    await bothCount(0);
  });

  it('counts the same viewers on both instances, and tells count subscribers on both', async () => {
    const countsOnA = subscribe(gatewayA, COUNTS, { s: streamId }, streamer.token);
    const countsOnB = subscribe(gatewayB, COUNTS, { s: streamId }, bob.token);
    open.push(countsOnA, countsOnB);
    await bothCount(2);
    // alice watches on B (chat) and on A (count): one person, one viewer
    const aliceChat = subscribe(gatewayB, ADDED, { s: streamId }, alice.token);
    const aliceCount = subscribe(gatewayA, COUNTS, { s: streamId }, alice.token);
    const carolChat = subscribe(gatewayA, ADDED, { s: streamId }, carol.token);
    open.push(aliceChat, aliceCount, carolChat);
    await bothCount(4);
    for (const subscriber of [countsOnA, countsOnB]) {
      await subscriber.waitUntil(events => events.at(-1)?.data?.viewerCountChanged === 4);
    }

    // a player of another instance fetched the playlist: counted everywhere
    const elsewhere: SharedState = await createSharedState(TEST_REDIS_URL);
    try {
      const em = { shared: elsewhere, em: undefined as never };
      await recordPlaylistFetch(em, streamId, 'player-1');
      await recordPlaylistFetch(em, streamId, 'player-1');
      await recordPlaylistFetch(em, streamId, `user:${carol.id}`); // carol again: still one viewer
      await bothCount(5);
    } finally {
      await elsewhere.close();
    }

    await carolChat.close();
    await aliceChat.close();
    await bothCount(4); // alice still counted (her count subscription); carol by her player
    await aliceCount.close();
    await bothCount(3);
    for (const subscriber of [countsOnA, countsOnB]) {
      await subscriber.waitUntil(events => events.at(-1)?.data?.viewerCountChanged === 3);
      const values = subscriber.events.map(event => event.data!.viewerCountChanged);
      // only changes, never the same value twice in a row
      expect(values.every((value, i) => i === 0 || value !== values[i - 1])).toBe(true);
    }
    const peak = await graphql(gatewayB, COUNT, { id: streamId });
    // peaks are recorded while the stream is on air; this one never started
    expect(peak.data.liveStream.peakViewerCount).toBe(0);
  }, 30_000);
});
