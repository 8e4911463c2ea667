import { randomUUID } from 'node:crypto';
import { type EntityManager } from '@mikro-orm/postgresql';
import { eventTopic, TipReceived } from '@vp/contracts';
import { type MikroORM, openDatabase } from '@vp/kit';
import { errorCodes, eventually, graphql, subscribe } from '@vp/kit/testing';
import PgBoss from 'pg-boss';
import { live } from '@vp/live';
import { ChatBan } from '@vp/live/src/moderation/chat-ban.entity';
import { endSession, startSession } from '@vp/live/src/streams/live-stream.service';
import { ChatMessage } from '@vp/live/src/chat/chat-message.entity';
import { type Person, startTestPlatform, type TestPlatform } from '../testing/test-platform';

let platform: TestPlatform;
let url: string;
let streamer: Person, alice: Person, bob: Person, carol: Person, dave: Person, erin: Person;
let streamId: string;
const open: { close(): Promise<void> }[] = [];

beforeAll(async () => {
  platform = await startTestPlatform({ subgraphs: ['users', 'live'] });
  url = platform.url;
  [streamer, alice, bob, carol, dave, erin] = await Promise.all(
    ['streamer', 'alice', 'bob', 'carol', 'dave', 'erin'].map(name => platform.signUp({ name })),
  );
  streamId = await createStream(streamer, 'Chatty stream');
}, 60_000);

afterEach(async () => {
  await Promise.allSettled(open.splice(0).map(subscription => subscription.close()));
});
afterAll(() => platform?.stop());

let fixturesOrm: MikroORM | undefined;
/** An EntityManager on the platform's database, for reading stored rows. */
const fixtures = () => fixturesOrm!.em.fork() as EntityManager;
beforeAll(async () => {
  fixturesOrm = await openDatabase({
    schema: 'live',
    databaseUrl: platform.database.url,
    entities: live.entities,
    migrations: live.migrations,
    migrate: false,
  });
});
afterAll(() => fixturesOrm?.close());

async function createStream(owner: Person, title: string): Promise<string> {
  const response = await graphql(
    url,
    'mutation ($input: CreateLiveStreamInput!) { createLiveStream(input: $input) { id } }',
    { input: { title } },
    { token: owner.token },
  );
  expect(response.errors).toBeUndefined();
  return response.data.createLiveStream.id;
}

const SEND =
  'mutation ($streamId: ID!, $body: String!) { sendChatMessage(streamId: $streamId, body: $body) { id body kind author { handle } } }';
const send = (who: Person | undefined, body: string, stream = streamId) =>
  graphql(url, SEND, { streamId: stream, body }, { token: who?.token });

async function say(who: Person, body: string, stream = streamId): Promise<string> {
  const response = await send(who, body, stream);
  expect(response.errors).toBeUndefined();
  return response.data.sendChatMessage.id;
}

const ADDED = `subscription ($streamId: ID!, $after: ID) { chatMessageAdded(streamId: $streamId, after: $after) {
  id body kind tipAmountJpy createdAt author { handle } } }`;
const chat = (who: Person | undefined, stream = streamId, after?: string) => {
  const subscription = subscribe(url, ADDED, { streamId: stream, after }, who?.token);
  open.push(subscription);
  return subscription;
};

/** Waits until the stream counts `n` viewers: a chat subscriber counts once it hears the channel. */
const viewers = (n: number, stream = streamId) =>
  eventually(
    async () =>
      (
        await graphql(url, 'query ($id: ID!) { liveStream(id: $id) { viewerCount } }', {
          id: stream,
        })
      ).data?.liveStream?.viewerCount,
    { until: count => count === n, what: `${n} viewers` },
  );

/** New accounts, for tests that would otherwise run into the shared per-user rate limit. */
const newPeople = (...names: string[]) => Promise.all(names.map(name => platform.signUp({ name })));

const mutate = (who: Person | undefined, document: string, variables: Record<string, unknown>) =>
  graphql(url, document, variables, { token: who?.token });

describe('sendChatMessage and chatMessageAdded', () => {
  it('delivers a message to every subscriber, signed in or not, as the same plain text with its author’s handle', async () => {
    const stream = await createStream(streamer, 'Plain text');
    const subscribers = [chat(alice, stream), chat(bob, stream), chat(undefined, stream)];
    await viewers(3, stream);
    const body = '  <b>bold?</b> & <script>alert(1)</script> 🎉\r\nline two  ';
    const sent = await send(alice, body, stream);
    expect(sent.errors).toBeUndefined();
    const expectedBody = '<b>bold?</b> & <script>alert(1)</script> 🎉\nline two';
    expect(sent.data.sendChatMessage).toMatchObject({
      body: expectedBody,
      kind: 'MESSAGE',
      author: { handle: alice.handle },
    });
    for (const subscriber of subscribers) {
      const [event] = await subscriber.waitFor(1);
      expect(event.errors).toBeUndefined();
      expect(event.data.chatMessageAdded).toMatchObject({
        id: sent.data.sendChatMessage.id,
        body: expectedBody,
        kind: 'MESSAGE',
        tipAmountJpy: null,
        author: { handle: alice.handle },
      });
    }
    const stored = await fixtures().findOneOrFail(ChatMessage, {
      id: sent.data.sendChatMessage.id,
    });
    expect(stored).toMatchObject({ body: expectedBody, authorId: alice.id, streamId: stream });
  });

  it('refuses anonymous senders with UNAUTHENTICATED and stores nothing', async () => {
    const stream = await createStream(streamer, 'Anonymous');
    expect(errorCodes(await send(undefined, 'hello', stream))).toEqual(['UNAUTHENTICATED']);
    expect(await fixtures().count(ChatMessage, { streamId: stream })).toBe(0);
  });

  it.each([
    ['an empty body', ''],
    ['a body of spaces', '   \n  '],
    ['501 characters', 'x'.repeat(501)],
    ['501 emoji', '😀'.repeat(501)],
    ['a NUL byte', 'hi\u0000there'],
    ['an escape sequence', 'hi\u001b[31mred'],
  ])('refuses %s with BAD_USER_INPUT and stores nothing', async (_label, body) => {
    const stream = await createStream(streamer, 'Bad bodies');
    expect(errorCodes(await send(erin, body, stream))).toEqual(['BAD_USER_INPUT']);
    expect(await fixtures().count(ChatMessage, { streamId: stream })).toBe(0);
  });

  it('answers an empty and a whitespace-only body the same way', async () => {
    const stream = await createStream(streamer, 'Blank bodies');
    const [empty, blank] = [await send(erin, '', stream), await send(erin, ' \r\n\t ', stream)];
    expect(blank.errors).toEqual(empty.errors);
    expect(empty.errors![0].extensions).toEqual({
      code: 'BAD_USER_INPUT',
      problems: [{ field: 'body', message: 'Required.' }],
    });
    expect(await fixtures().count(ChatMessage, { streamId: stream })).toBe(0);
  });

  it('takes exactly 500 characters (counted as code points) and trims around them', async () => {
    const stream = await createStream(streamer, 'Long');
    const body = '😀'.repeat(500);
    const response = await send(erin, `  ${body}  `, stream);
    expect(response.errors).toBeUndefined();
    expect(response.data.sendChatMessage.body).toBe(body);
  });

  it('refuses unknown, malformed and ended streams', async () => {
    expect(errorCodes(await send(bob, 'hi', randomUUID()))).toEqual(['NOT_FOUND']);
    expect(errorCodes(await send(bob, 'hi', 'nope'))).toEqual(['BAD_USER_INPUT']);
    const stream = await createStream(streamer, 'Over');
    await endSession(fixtures(), stream);
    expect(errorCodes(await send(bob, 'hi', stream))).toEqual(['FORBIDDEN']);
  });

  it('limits each user to 5 messages per 10 s with RATE_LIMITED and retryAfterSeconds', async () => {
    const stream = await createStream(streamer, 'Rate');
    const frank = await platform.signUp({ name: 'frank' });
    for (let i = 0; i < 5; i++) {
      expect((await send(frank, `message ${i}`, stream)).errors).toBeUndefined();
    }
    const refused = await send(frank, 'one too many', stream);
    expect(errorCodes(refused)).toEqual(['RATE_LIMITED']);
    const retryAfter = refused.errors![0].extensions!.retryAfterSeconds;
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(10);
    expect(await fixtures().count(ChatMessage, { streamId: stream, authorId: frank.id })).toBe(5);
    // someone else is not slowed down by frank
    expect((await send(erin, 'still here', stream)).errors).toBeUndefined();
  });
});

describe('chatMessages (history)', () => {
  it('pages backwards, newest last, without losing or repeating messages', async () => {
    const [alice, bob, carol, dave] = await newPeople('h_alice', 'h_bob', 'h_carol', 'h_dave');
    const stream = await createStream(streamer, 'History');
    const ids: string[] = [];
    for (const [i, who] of [alice, bob, alice, bob, carol, carol, dave].entries()) {
      ids.push(await say(who, `m${i}`, stream));
    }
    const HISTORY = `query ($streamId: ID!, $last: Int, $before: String) { chatMessages(streamId: $streamId, last: $last, before: $before) {
      edges { cursor node { id body author { handle } } } pageInfo { hasPreviousPage startCursor } } }`;
    const seen: string[][] = [];
    let before: string | null = null;
    for (let page = 0; page < 3; page++) {
      const response: any = await graphql(url, HISTORY, { streamId: stream, last: 3, before });
      expect(response.errors).toBeUndefined();
      const { edges, pageInfo } = response.data.chatMessages;
      seen.unshift(edges.map((edge: any) => edge.node.id));
      expect(pageInfo.hasPreviousPage).toBe(page < 2);
      before = pageInfo.startCursor;
    }
    expect(seen.flat()).toEqual(ids);
    const latest: any = await graphql(url, HISTORY, { streamId: stream, last: 1 });
    expect(latest.data.chatMessages.edges[0].node).toEqual({
      id: ids[6],
      body: 'm6',
      author: { handle: dave.handle },
    });
    for (const variables of [{ last: 0 }, { last: 101 }, { last: 2, before: 'garbage' }]) {
      expect(errorCodes(await graphql(url, HISTORY, { streamId: stream, ...variables }))).toEqual([
        'BAD_USER_INPUT',
      ]);
    }
  });
});

describe('moderation', () => {
  const APPOINT =
    'mutation ($streamId: ID!, $userId: ID!) { appointModerator(streamId: $streamId, userId: $userId) }';
  const REMOVE =
    'mutation ($streamId: ID!, $userId: ID!) { removeModerator(streamId: $streamId, userId: $userId) }';
  const DELETE = 'mutation ($id: ID!) { deleteChatMessage(id: $id) }';
  const BAN =
    'mutation ($streamId: ID!, $userId: ID!, $seconds: Int!) { banFromChat(streamId: $streamId, userId: $userId, durationSeconds: $seconds) }';
  const SLOW =
    'mutation ($streamId: ID!, $seconds: Int!) { setSlowMode(streamId: $streamId, seconds: $seconds) { id chatSlowModeSeconds } }';
  const DELETED =
    'subscription ($streamId: ID!) { chatMessageDeleted(streamId: $streamId) { messageId streamId } }';

  it('lets the streamer appoint a moderator who deletes others’ messages, live for every subscriber', async () => {
    const stream = await createStream(streamer, 'Moderated');
    const deletions = subscribe(url, DELETED, { streamId: stream }, bob.token);
    open.push(deletions);
    const rude = await say(alice, 'something rude', stream);
    await say(bob, 'something nice', stream);

    expect(errorCodes(await mutate(carol, DELETE, { id: rude }))).toEqual(['FORBIDDEN']);
    expect(
      errorCodes(await mutate(carol, APPOINT, { streamId: stream, userId: carol.id })),
    ).toEqual(['FORBIDDEN']);
    expect(
      errorCodes(await mutate(undefined, APPOINT, { streamId: stream, userId: carol.id })),
    ).toEqual(['UNAUTHENTICATED']);
    expect((await mutate(streamer, APPOINT, { streamId: stream, userId: carol.id })).data).toEqual({
      appointModerator: true,
    });
    expect((await mutate(streamer, APPOINT, { streamId: stream, userId: carol.id })).data).toEqual({
      appointModerator: true,
    });

    // Nothing shows when the deletion subscription is in place but a deletion: the streamer
    // deletes probes of its own until one is heard.
    await eventually(
      async () => {
        await mutate(streamer, DELETE, { id: await say(streamer, 'probe', stream) });
        return deletions.events.length > 0;
      },
      { what: 'the deletion subscription to hear deletions', intervalMs: 200 },
    );
    expect((await mutate(carol, DELETE, { id: rude })).data).toEqual({ deleteChatMessage: true });
    const isRude = (event: (typeof deletions.events)[number]) =>
      event.data.chatMessageDeleted.messageId === rude;
    await deletions.waitUntil(events => events.some(isRude));
    expect(deletions.events.find(isRude)!.data.chatMessageDeleted).toEqual({
      messageId: rude,
      streamId: stream,
    });
    expect(errorCodes(await mutate(carol, DELETE, { id: rude }))).toEqual(['NOT_FOUND']);
    const history = await graphql(
      url,
      'query ($s: ID!) { chatMessages(streamId: $s) { edges { node { body } } } }',
      { s: stream },
    );
    expect(history.data.chatMessages.edges.map((edge: any) => edge.node.body)).toEqual([
      'something nice',
    ]);
    expect((await fixtures().findOneOrFail(ChatMessage, { id: rude })).deletedBy).toBe(carol.id);

    expect((await mutate(streamer, REMOVE, { streamId: stream, userId: carol.id })).data).toEqual({
      removeModerator: true,
    });
    const nice = await say(bob, 'another', stream);
    expect(errorCodes(await mutate(carol, DELETE, { id: nice }))).toEqual(['FORBIDDEN']);
    // authors may delete their own
    expect((await mutate(bob, DELETE, { id: nice })).data).toEqual({ deleteChatMessage: true });
  });

  it('replays deletions made since a page read the history, then goes on live', async () => {
    const [alice] = await newPeople('del_since');
    const stream = await createStream(streamer, 'Deleted since');
    const old = await say(alice, 'deleted before the page', stream);
    await mutate(streamer, DELETE, { id: old });
    const readAt = new Date();
    const shown = await say(alice, 'on the page, deleted while it connected', stream);
    expect((await mutate(streamer, DELETE, { id: shown })).data).toEqual({
      deleteChatMessage: true,
    });
    const SINCE = `subscription ($streamId: ID!, $since: DateTime) { chatMessageDeleted(streamId: $streamId, since: $since) { messageId } }`;
    const deletions = subscribe(url, SINCE, { streamId: stream, since: readAt.toISOString() });
    open.push(deletions);
    await deletions.waitFor(1);
    const next = await say(alice, 'deleted once connected', stream);
    await mutate(streamer, DELETE, { id: next });
    await deletions.waitFor(2);
    expect(deletions.events.map(event => event.data.chatMessageDeleted.messageId)).toEqual([
      shown,
      next,
    ]);
  });

  it('bans a user: their open chat ends with FORBIDDEN, they cannot send or resubscribe, others chat on', async () => {
    const stream = await createStream(streamer, 'Bans');
    await mutate(streamer, APPOINT, { streamId: stream, userId: carol.id });
    const davesChat = chat(dave, stream);
    const alicesChat = chat(alice, stream);
    await viewers(2, stream);

    expect(
      errorCodes(await mutate(bob, BAN, { streamId: stream, userId: dave.id, seconds: 60 })),
    ).toEqual(['FORBIDDEN']);
    for (const seconds of [0, -5, 30 * 24 * 3600 + 1]) {
      expect(
        errorCodes(await mutate(carol, BAN, { streamId: stream, userId: dave.id, seconds })),
      ).toEqual(['BAD_USER_INPUT']);
    }
    expect(
      errorCodes(await mutate(carol, BAN, { streamId: stream, userId: streamer.id, seconds: 60 })),
    ).toEqual(['FORBIDDEN']);

    const banned = await mutate(carol, BAN, { streamId: stream, userId: dave.id, seconds: 60 });
    expect(banned.errors).toBeUndefined();
    const endsAt = new Date(banned.data.banFromChat).getTime();
    expect(Math.abs(endsAt - (Date.now() + 60_000))).toBeLessThan(5_000);

    const [ended] = await davesChat.waitFor(1);
    expect(ended.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    await davesChat.waitUntil(() => davesChat.completed);

    const refused = await send(dave, 'let me in', stream);
    expect(errorCodes(refused)).toEqual(['FORBIDDEN']);
    expect(new Date(refused.errors![0].extensions!.bannedUntil).getTime()).toBe(endsAt);
    const again = chat(dave, stream);
    const [outcome] = await again
      .waitUntil(() => again.events.length > 0 || again.failures.length > 0)
      .then(
        () => again.events,
        () => [again.failures[0]],
      );
    expect(JSON.stringify(outcome)).toContain('FORBIDDEN');

    const hello = await say(alice, 'dave is gone', stream);
    const [heard] = await alicesChat.waitFor(1);
    expect(heard.data.chatMessageAdded.id).toBe(hello);
    expect(await fixtures().count(ChatMessage, { streamId: stream, authorId: dave.id })).toBe(0);
  });

  it('lets a 1 s ban run out, and the streamer ban even a moderator (moderators cannot)', async () => {
    const stream = await createStream(streamer, 'Short bans');
    await mutate(streamer, APPOINT, { streamId: stream, userId: carol.id });
    await mutate(streamer, APPOINT, { streamId: stream, userId: erin.id });
    expect(
      errorCodes(await mutate(carol, BAN, { streamId: stream, userId: erin.id, seconds: 60 })),
    ).toEqual(['FORBIDDEN']);
    expect(
      (await mutate(streamer, BAN, { streamId: stream, userId: erin.id, seconds: 1 })).errors,
    ).toBeUndefined();
    expect(errorCodes(await send(erin, 'hi', stream))).toEqual(['FORBIDDEN']);
    // The one-second ban runs out.
    await eventually(async () => (await send(erin, 'back again', stream)).errors === undefined, {
      what: 'the ban to end',
    });
    expect(await fixtures().count(ChatBan, { streamId: stream, userId: erin.id })).toBe(1);
  });

  it('enforces slow mode per user, exempts moderators, and turns it off with 0', async () => {
    const [bob, alice, carol, dave] = await newPeople(
      'slowbob',
      'slowalice',
      'slowcarol',
      'slowdave',
    );
    const stream = await createStream(streamer, 'Slow');
    await mutate(streamer, APPOINT, { streamId: stream, userId: carol.id });
    for (const seconds of [-1, 301]) {
      expect(errorCodes(await mutate(streamer, SLOW, { streamId: stream, seconds }))).toEqual([
        'BAD_USER_INPUT',
      ]);
    }
    expect(errorCodes(await mutate(bob, SLOW, { streamId: stream, seconds: 5 }))).toEqual([
      'FORBIDDEN',
    ]);
    const slow = await mutate(carol, SLOW, { streamId: stream, seconds: 5 });
    expect(slow.data.setSlowMode).toEqual({ id: stream, chatSlowModeSeconds: 5 });

    expect((await send(bob, 'first', stream)).errors).toBeUndefined();
    const second = await send(bob, 'second', stream);
    expect(errorCodes(second)).toEqual(['RATE_LIMITED']);
    expect(second.errors![0].extensions!.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(second.errors![0].extensions!.retryAfterSeconds).toBeLessThanOrEqual(5);
    expect((await send(alice, 'another user is not slowed by bob', stream)).errors).toBeUndefined();
    expect((await send(carol, 'moderator one', stream)).errors).toBeUndefined();
    expect((await send(carol, 'moderator two', stream)).errors).toBeUndefined();

    await mutate(streamer, SLOW, { streamId: stream, seconds: 0 });
    const stream2 = await createStream(streamer, 'Not slow');
    expect((await send(dave, 'one', stream2)).errors).toBeUndefined();
    expect((await send(dave, 'two', stream2)).errors).toBeUndefined();
  });
});

describe('catch-up after a reconnect', () => {
  it('replays what was said while away, then goes on live, without a gap or a duplicate', async () => {
    const [alice, bob, carol, dave, erin] = await newPeople('rc_a', 'rc_b', 'rc_c', 'rc_d', 'rc_e');
    const stream = await createStream(streamer, 'Reconnect');
    const first = chat(bob, stream);
    await viewers(1, stream);
    const seenLast = await say(alice, 'before the drop', stream);
    await first.waitFor(1);
    await first.close();

    const missed = [
      await say(carol, 'while away 1', stream),
      await say(carol, 'while away 2', stream),
    ];
    const again = chat(bob, stream, seenLast);
    // messages keep coming while the client reconnects: the seam must neither lose nor repeat them
    const during: string[] = [];
    for (let i = 0; i < 4; i++) {
      during.push(await say([dave, erin][i % 2], `during ${i}`, stream));
      await new Promise(resolve => setTimeout(resolve, 15)); // spread over the reconnection
    }
    await again.waitFor(missed.length + during.length);
    await viewers(1, stream);
    const after = await say(dave, 'after', stream);
    // `after` was said last: a repeat of anything earlier would have arrived before it.
    await again.waitFor(missed.length + during.length + 1);
    const ids = again.events.map(event => event.data.chatMessageAdded.id);
    expect(ids).toHaveLength(new Set(ids).size);
    expect(new Set(ids)).toEqual(new Set([...missed, ...during, after]));
    expect(ids.slice(0, 2)).toEqual(missed);
    expect(ids.at(-1)).toBe(after);
  });

  it('replays from `since` for a page that read an empty history, then goes on live', async () => {
    const [alice, carol] = await newPeople('since_a', 'since_c');
    const stream = await createStream(streamer, 'Since');
    const readAt = new Date();
    // said between the page's read and its subscription: lost without `since`
    const early = await say(alice, 'said while the page connected', stream);
    const SINCE = `subscription ($streamId: ID!, $since: DateTime) { chatMessageAdded(streamId: $streamId, since: $since) { id } }`;
    const replaying = subscribe(url, SINCE, { streamId: stream, since: readAt.toISOString() });
    const plain = subscribe(url, SINCE, { streamId: stream });
    open.push(replaying, plain);
    await replaying.waitFor(1);
    await viewers(2, stream);
    const later = await say(carol, 'said once connected', stream);
    await replaying.waitFor(2);
    await plain.waitFor(1);
    expect(replaying.events.map(event => event.data.chatMessageAdded.id)).toEqual([early, later]);
    expect(plain.events.map(event => event.data.chatMessageAdded.id)).toEqual([later]);
    const both = subscribe(
      url,
      ADDED.replace('$after: ID)', '$after: ID, $since: DateTime)').replace(
        'after: $after)',
        'after: $after, since: $since)',
      ),
      {
        streamId: stream,
        after: early,
        since: readAt.toISOString(),
      },
    );
    open.push(both);
    await both.waitUntil(() => both.events.length > 0 || both.failures.length > 0).catch(() => {});
    expect(JSON.stringify([...both.events, ...both.failures])).toContain('BAD_USER_INPUT');
  });

  it('refuses an `after` that is not a message of the stream', async () => {
    const stream = await createStream(streamer, 'Foreign after');
    const [alice] = await newPeople('foreign');
    const elsewhere = await say(alice, 'elsewhere', streamId);
    for (const after of [elsewhere, randomUUID(), 'nope']) {
      const subscription = chat(bob, stream, after);
      await subscription
        .waitUntil(() => subscription.events.length > 0 || subscription.failures.length > 0)
        .catch(() => {});
      expect(JSON.stringify([...subscription.events, ...subscription.failures])).toContain(
        'BAD_USER_INPUT',
      );
    }
  });
});

// TipReceived's consumer side (the producer's: payments' ledger.test.ts).
describe('tips (TipReceived from payments)', () => {
  it('posts a tip once as a highlighted TIP message, even when the event arrives twice', async () => {
    const stream = await createStream(streamer, 'Tips');
    const watcher = chat(bob, stream);
    await viewers(1, stream);
    const boss = new PgBoss({ connectionString: platform.database.url, schema: 'pgboss' });
    await boss.start();
    try {
      const tipId = randomUUID();
      const payload = {
        ...TipReceived.example,
        tipId,
        targetId: stream,
        creatorId: streamer.id,
        fromUserId: alice.id,
        amountJpy: 500,
        message: 'Great <i>stream</i>!',
      };
      const topic = eventTopic(TipReceived);
      const envelope = {
        id: randomUUID(),
        type: topic,
        occurredAt: new Date().toISOString(),
        payload,
      };
      await boss.publish(topic, envelope);
      await boss.publish(topic, envelope);
      // another delivery of the same tip under a new event id (a replayed outbox row)
      await boss.publish(topic, { ...envelope, id: randomUUID() });
      // a tip to a video, and one naming someone else's stream, are not for this chat
      await boss.publish(topic, {
        ...envelope,
        id: randomUUID(),
        payload: { ...payload, tipId: randomUUID(), targetKind: 'VIDEO' },
      });
      await boss.publish(topic, {
        ...envelope,
        id: randomUUID(),
        payload: { ...payload, tipId: randomUUID(), creatorId: bob.id },
      });
      // a malformed one (no amount) is dead-lettered, never half-posted
      const malformed = {
        ...envelope,
        id: randomUUID(),
        payload: { ...payload, tipId: randomUUID(), amountJpy: undefined },
      };
      await boss.publish(topic, malformed);

      const [event] = await watcher.waitFor(1, 15_000);
      expect(event.data.chatMessageAdded).toMatchObject({
        kind: 'TIP',
        tipAmountJpy: 500,
        body: 'Great <i>stream</i>!',
        author: { handle: alice.handle },
      });
      const [dead] = await eventually(
        async () => {
          const jobs = await boss.fetch<typeof malformed>(`live.${topic}.dead`);
          return jobs?.length ? jobs : undefined;
        },
        { what: 'the malformed tip in the dead letters' },
      );
      expect(dead.data.id).toBe(malformed.id);
      // Every delivery handled, not only the first (the malformed one is among them).
      await eventually(
        (): Promise<{ state: string }[]> =>
          fixtures()
            .getConnection()
            .execute(
              `select state from pgboss.job where name = 'live.TipReceived' and data->'payload'->>'targetId' = ?`,
              [stream],
            ),
        {
          until: rows =>
            rows.length >= 5 &&
            rows.every(row => !['created', 'active', 'retry'].includes(row.state)),
          what: 'every TipReceived delivery to be handled',
        },
      );
      expect(watcher.events).toHaveLength(1);
      const rows = await fixtures().find(ChatMessage, { streamId: stream });
      expect(rows.map(row => [row.kind, row.tipId])).toEqual([['TIP', tipId]]);
    } finally {
      await boss.stop({ graceful: false, wait: true });
    }
  }, 30_000);
});

describe('viewer counts', () => {
  it('emits the current count, then changes, and records the peak while the stream is on air', async () => {
    const created = await graphql(
      url,
      'mutation ($input: CreateLiveStreamInput!) { createLiveStream(input: $input) { id ingest { streamKey } } }',
      { input: { title: 'Peaks' } },
      { token: streamer.token },
    );
    const stream = created.data.createLiveStream.id;
    await startSession(fixtures(), created.data.createLiveStream.ingest.streamKey);
    const counts = subscribe(url, 'subscription ($s: ID!) { viewerCountChanged(streamId: $s) }', {
      s: stream,
    });
    open.push(counts);
    await counts.waitUntil(events => events.at(-1)?.data?.viewerCountChanged === 1);
    const watchers = [chat(alice, stream), chat(bob, stream)];
    await viewers(3, stream);
    await counts.waitUntil(events => events.at(-1)?.data?.viewerCountChanged === 3);
    await watchers[0].close();
    await viewers(2, stream);
    await counts.waitUntil(events => events.at(-1)?.data?.viewerCountChanged === 2);
    const values = counts.events.map(event => event.data.viewerCountChanged);
    expect(values[0]).toBe(1);
    expect(values).toContain(3);
    expect(values.at(-1)).toBe(2);
    expect(values.every((value: number, i: number) => i === 0 || value !== values[i - 1])).toBe(
      true,
    );
    const read = await graphql(
      url,
      'query ($id: ID!) { liveStream(id: $id) { viewerCount peakViewerCount } }',
      { id: stream },
    );
    expect(read.data.liveStream).toEqual({ viewerCount: 2, peakViewerCount: 3 });
  });

  it('answers NOT_FOUND for the count of an unknown stream', async () => {
    const counts = subscribe(url, 'subscription ($s: ID!) { viewerCountChanged(streamId: $s) }', {
      s: randomUUID(),
    });
    open.push(counts);
    await counts
      .waitUntil(() => counts.events.length > 0 || counts.failures.length > 0)
      .catch(() => {});
    expect(JSON.stringify([...counts.events, ...counts.failures])).toContain('NOT_FOUND');
  });
});
