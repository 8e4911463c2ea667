import { randomUUID } from 'node:crypto';
import { ContentTakenDown, LiveStreamChanged, UserSuspensionChanged } from '@vp/contracts';
import { Role } from '@vp/kit';
import {
  errorCodes,
  eventually,
  graphql,
  type PeerEvents,
  startPeerEvents,
  subscribe,
  tokenFor,
} from '@vp/kit/testing';
import { startLiveSubgraph } from '../test-server';
import { LiveStream, LiveStreamStatus } from '../streams/live-stream.entity';

// The consumer's side of ContentTakenDown and UserSuspensionChanged (the producer's: users'
// src/moderation/moderation.test.ts).
let subgraph: Awaited<ReturnType<typeof startLiveSubgraph>>;
let peers: PeerEvents;
const changes: { id: string; status: string }[] = [];

const STREAM = `query ($id: ID!) { liveStream(id: $id) { id status takenDownAt takedownReason } }`;
const DIRECTORY = `{ liveStreams(first: 100) { edges { node { id } } } }`;
const SEND = `mutation ($streamId: ID!, $body: String!) { sendChatMessage(streamId: $streamId, body: $body) { id } }`;
const HISTORY = `query ($streamId: ID!) { chatMessages(streamId: $streamId, last: 50) { edges { node { id } } } }`;
const DELETE = `mutation ($id: ID!) { deleteChatMessage(id: $id) }`;
const CREATE = `mutation { createLiveStream(input: { title: "Back on air" }) { id } }`;

const query = (document: string, variables: Record<string, unknown> = {}, token?: string) =>
  graphql(subgraph.url, document, variables, { token });

const onAir = async (ownerId = randomUUID()) =>
  (
    await subgraph.seed({
      ownerId,
      status: LiveStreamStatus.LIVE,
      startedAt: new Date(Date.now() - 60_000),
    })
  )[0];

const directory = async () =>
  (await query(DIRECTORY)).data.liveStreams.edges.map((edge: any) => edge.node.id);

const handled = (contract: typeof ContentTakenDown | typeof UserSuspensionChanged, match: object) =>
  eventually(() => peers.deliveries('live', contract, match as Record<string, unknown>), {
    until: states => states.length > 0 && states.every(state => state === 'completed'),
    what: `${contract.name} to be handled`,
  });

beforeAll(async () => {
  subgraph = await startLiveSubgraph();
  peers = await startPeerEvents(subgraph.databaseUrl);
  await peers.onEvent(LiveStreamChanged, event => changes.push(event.payload));
});
afterAll(async () => {
  await peers?.stop();
  await subgraph?.stop();
});

describe('ContentTakenDown', () => {
  it('ends a live stream, hides it from all but its owner (marked), and announces the end', async () => {
    const owner = randomUUID();
    const stream = await onAir(owner);
    expect(await directory()).toContain(stream.id);
    await peers.emit(ContentTakenDown, {
      targetType: 'LIVE_STREAM',
      targetId: stream.id,
      reason: 'Violence.',
      takenDownAt: new Date().toISOString(),
    });
    await handled(ContentTakenDown, { targetId: stream.id });

    expect(await directory()).not.toContain(stream.id);
    const stranger = await tokenFor(randomUUID(), [Role.VIEWER]);
    for (const token of [stranger, undefined]) {
      expect((await query(STREAM, { id: stream.id }, token)).data.liveStream).toBeNull();
    }
    const own = await query(STREAM, { id: stream.id }, await tokenFor(owner, [Role.CREATOR]));
    expect(own.data.liveStream).toMatchObject({ status: 'ENDED', takedownReason: 'Violence.' });
    await eventually(() => changes.find(change => change.id === stream.id), {
      until: change => change?.status === 'ENDED',
      what: 'LiveStreamChanged ENDED',
    });
    const stored = await subgraph.em().findOneOrFail(LiveStream, { id: stream.id });
    expect(stored.takenDownAt).not.toBeNull();
  });

  it('deletes a taken-down chat message, from history and from open chats', async () => {
    const stream = await onAir();
    const author = await tokenFor(randomUUID(), [Role.VIEWER]);
    const sent = await query(SEND, { streamId: stream.id, body: 'spam spam' }, author);
    const messageId = sent.data.sendChatMessage.id;
    const deletions = subscribe(
      subgraph.url,
      `subscription ($s: ID!) { chatMessageDeleted(streamId: $s) { messageId } }`,
      { s: stream.id },
    );
    // the open chat hears deletions once its author's own deletion of a probe reaches it
    await eventually(
      async () => {
        const probe = await query(SEND, { streamId: stream.id, body: 'probe' }, author);
        await query(DELETE, { id: probe.data.sendChatMessage.id }, author);
        return deletions.events.length > 0;
      },
      { what: 'the open chat to hear deletions', intervalMs: 300 },
    );
    await peers.emit(ContentTakenDown, {
      targetType: 'CHAT_MESSAGE',
      targetId: messageId,
      reason: 'Spam.',
      takenDownAt: new Date().toISOString(),
    });
    await handled(ContentTakenDown, { targetId: messageId });
    expect((await query(HISTORY, { streamId: stream.id })).data.chatMessages.edges).toEqual([]);
    await deletions.waitUntil(events =>
      events.some(event => event.data.chatMessageDeleted.messageId === messageId),
    );
    await deletions.close();
  });
});

describe('UserSuspensionChanged', () => {
  it("ends and hides a suspended account's streams and refuses its streams and chat", async () => {
    const userId = randomUUID();
    const token = await tokenFor(userId, [Role.CREATOR]);
    const stream = await onAir(userId);
    const other = await onAir();
    const said = await query(SEND, { streamId: other.id, body: 'before the suspension' }, token);
    expect(said.errors).toBeUndefined();
    await peers.emit(UserSuspensionChanged, {
      userId,
      suspended: true,
      suspendedUntil: new Date(Date.now() + 86_400_000).toISOString(),
      changedAt: new Date().toISOString(),
    });
    await handled(UserSuspensionChanged, { userId });

    expect(await directory()).not.toContain(stream.id);
    expect((await query(STREAM, { id: stream.id })).data.liveStream).toBeNull();
    const stored = await subgraph.em().findOneOrFail(LiveStream, { id: stream.id });
    expect(stored.status).toBe(LiveStreamStatus.ENDED);
    const created = await query(CREATE, {}, token);
    expect(errorCodes(created)).toEqual(['FORBIDDEN']);
    expect(created.errors![0].message).toMatch(/^Your account is suspended until /);
    const chat = await query(SEND, { streamId: other.id, body: 'hi' }, token);
    expect(errorCodes(chat)).toEqual(['FORBIDDEN']);
    // what it said before leaves the chat's history while the suspension lasts
    expect((await query(HISTORY, { streamId: other.id })).data.chatMessages.edges).toEqual([]);
  });
});
