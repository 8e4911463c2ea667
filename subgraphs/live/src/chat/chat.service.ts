import { randomUUID } from 'node:crypto';
import { type EntityManager, type FilterQuery } from '@mikro-orm/postgresql';
import { Repeater } from '@graphql-yoga/subscription';
import { type EventPayload, type TipReceived } from '@vp/contracts';
import {
  badInput,
  characterCount,
  type BaseContext,
  type Connection,
  decodeTimeCursor,
  encodeTimeCursor,
  forbidden,
  isUuid,
  type Logger,
  enforceRateLimit,
  notFound,
  type RateLimit,
  requireViewer,
  type SharedState,
  hasControlCharacters,
  normalizeLineBreaks,
  stripControlCharacters,
  refuseSuspended,
  suspendedAccountIds,
} from '@vp/kit';
import {
  activeBan,
  bannedError,
  canModerate,
  requireStream,
} from '../moderation/moderation.service';
import { LiveStream, LiveStreamStatus } from '../streams/live-stream.entity';
import { viewerCountsOf, viewerMember } from '../viewers/viewer-counts';
import { livePlaybackRefusal } from '../live-hls/live-playback';
import {
  CHAT_ADDED_TOPIC,
  CHAT_DELETED_TOPIC,
  type ChatAddedEvent,
  type ChatDeletedEvent,
  type ChatMessageDeletedPayload,
  type ChatMessagePayload,
  toPayload,
} from './chat-events';
import { ChatMessage, ChatMessageKind, MAX_CHAT_BODY } from './chat-message.entity';

/** Per user, across streams: 5 messages per 10 s. */
export const CHAT_RATE_LIMIT: RateLimit = { points: 5, windowMs: 10_000 };
/** A reconnecting subscriber is replayed at most this many messages; older ones are in history. */
export const MAX_CATCH_UP = 500;

/** The body as stored: trimmed, CRLF as LF. */
export const normaliseChatBody = (raw: string) => normalizeLineBreaks(raw).trim();

/** Why a body is refused, or null: 1–500 characters (code points) of plain text once normalised. */
export function chatBodyProblem(raw: string): string | null {
  const body = normaliseChatBody(raw);
  const length = characterCount(body);
  if (length < 1 || length > MAX_CHAT_BODY) {
    return `1 to ${MAX_CHAT_BODY} characters.`;
  }
  return hasControlCharacters(body, { lineBreaks: true }) ? 'No control characters.' : null;
}

/** Publishing is best effort: the message is stored, and a reconnecting subscriber catches up. */
function publish(shared: SharedState, log: Logger, topic: string, streamId: string, event: object) {
  try {
    shared.pubSub.publish(topic, streamId, event);
  } catch (err) {
    log.warn({ err, topic }, 'chat event not published');
  }
}

function announce(shared: SharedState, log: Logger, message: ChatMessage) {
  const event: ChatAddedEvent = { type: 'message', message: toPayload(message) };
  publish(shared, log, CHAT_ADDED_TOPIC, message.streamId, event);
}

/**
 * Signed-in users write to a stream's chat while it is not over: refused when banned (FORBIDDEN
 * with bannedUntil), over the rate limit or inside slow mode (RATE_LIMITED with
 * retryAfterSeconds). Stored first, then published.
 */
export async function sendChatMessage(
  context: BaseContext,
  streamId: string,
  rawBody: string,
): Promise<ChatMessage> {
  const viewer = requireViewer(context.viewer);
  await refuseSuspended(context, viewer.id);
  const body = normaliseChatBody(rawBody);
  const stream = await requireChatOf(context, streamId);
  if (stream.status === LiveStreamStatus.ENDED) {
    throw forbidden('The stream has ended; its chat is closed.');
  }
  const ban = await activeBan(context.em, stream.id, viewer.id);
  if (ban) {
    throw bannedError(ban);
  }
  const { rateLimiter } = context.shared;
  await enforceRateLimit(
    rateLimiter,
    `live:chat:${viewer.id}`,
    CHAT_RATE_LIMIT,
    'You are sending messages too fast.',
  );
  if (stream.chatSlowModeSeconds > 0 && !(await canModerate(context.em, stream, viewer))) {
    // A counter rather than "the last message's time": atomic across instances, so two messages
    // sent at once through two instances cannot both pass.
    await enforceRateLimit(
      rateLimiter,
      `live:slow:${stream.id}:${viewer.id}`,
      { points: 1, windowMs: stream.chatSlowModeSeconds * 1000 },
      `Slow mode: one message every ${stream.chatSlowModeSeconds} s.`,
    );
  }
  const message = context.em.create(ChatMessage, {
    streamId: stream.id,
    authorId: viewer.id,
    body,
    kind: ChatMessageKind.MESSAGE,
  } as ChatMessage);
  await context.em.flush();
  announce(context.shared, context.log, message);
  return message;
}

/**
 * The stream, when the viewer may read and write its chat: the chat of an ADULT or PREMIUM stream
 * is part of it, so the rule of its playback applies (owner and admins always; others by plan and
 * age check: PAYMENT_REQUIRED or FORBIDDEN), to history, new messages, deletions and sending.
 */
export async function requireChatOf(context: BaseContext, streamId: string): Promise<LiveStream> {
  const stream = await requireStream(context, streamId);
  const refusal = await livePlaybackRefusal(context, stream);
  if (refusal) {
    throw refusal;
  }
  return stream;
}

const CHAT_CURSOR = 'chat';

/** Keyset on (createdAt, id), strictly before or after a key. */
function beyond(key: { at: Date; id: string }, direction: '$lt' | '$gt'): FilterQuery<ChatMessage> {
  return {
    $or: [
      { createdAt: { [direction]: key.at } },
      { createdAt: key.at, id: { [direction]: key.id } },
    ],
  } as FilterQuery<ChatMessage>;
}

/** History, Relay backwards: the `last` messages before the cursor, oldest first (newest last). */
export async function listChatMessages(
  context: BaseContext,
  streamId: string,
  page: { last: number; before?: string | null },
): Promise<Connection<ChatMessage>> {
  const { last } = page;
  const cursor = page.before ? decodeTimeCursor(page.before, [CHAT_CURSOR]) : null;
  await requireChatOf(context, streamId);
  const conditions: FilterQuery<ChatMessage>[] = [{ streamId, deletedAt: null }];
  // a suspended account's messages leave history while the suspension lasts
  const hidden = await suspendedAccountIds(context.em);
  if (hidden.length > 0) {
    conditions.push({ authorId: { $nin: hidden } });
  }
  if (cursor) {
    conditions.push(beyond(cursor, '$lt'));
  }
  const rows = await context.em.find(
    ChatMessage,
    { $and: conditions },
    { orderBy: { createdAt: 'desc', id: 'desc' }, limit: last + 1 },
  );
  const newestLast = rows.slice(0, last).reverse();
  const edges = newestLast.map(node => ({
    node,
    cursor: encodeTimeCursor({ label: CHAT_CURSOR, at: node.createdAt, id: node.id }),
  }));
  return {
    edges,
    pageInfo: {
      hasPreviousPage: rows.length > last,
      hasNextPage: false,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}

/** Its author or a moderator deletes a message: it leaves history and open chats. */
export async function deleteChatMessage(context: BaseContext, id: string): Promise<boolean> {
  const viewer = requireViewer(context.viewer);
  if (!isUuid(id)) {
    throw badInput('Not a chat message id.', [{ field: 'id', message: 'Not a chat message id.' }]);
  }
  const message = await context.em.findOne(ChatMessage, { id, deletedAt: null });
  if (!message) {
    throw notFound('The chat message');
  }
  if (message.authorId !== viewer.id) {
    const stream = await requireStream(context, message.streamId);
    if (!(await canModerate(context.em, stream, viewer))) {
      throw forbidden('Only its author and the chat’s moderators delete a message.');
    }
  }
  message.deletedAt = new Date();
  message.deletedBy = viewer.id;
  await context.em.flush();
  announceDeletion(context.shared, context.log, message);
  return true;
}

/** Tells open chats a stored deletion (a moderator's, its author's, a takedown's): best effort. */
export function announceDeletion(shared: SharedState, log: Logger, message: ChatMessage) {
  const event: ChatDeletedEvent = { type: 'deleted', ...deletionOf(message) };
  publish(shared, log, CHAT_DELETED_TOPIC, message.streamId, event);
}

/** A tip's message as a chat body: not validated by us, so cleaned rather than refused. */
const tipBody = (message: string) =>
  [...stripControlCharacters(normalizeLineBreaks(message)).trim()].slice(0, MAX_CHAT_BODY).join('');

/**
 * A tip on a live stream becomes a highlighted TIP line in its chat, once per tip however often
 * the event arrives. Tips on anything else, or naming a stream of another creator, are ignored.
 */
export async function postTip(
  em: EntityManager,
  shared: SharedState,
  log: Logger,
  tip: EventPayload<typeof TipReceived>,
): Promise<ChatMessage | null> {
  if (tip.targetKind !== 'LIVE_STREAM') {
    return null;
  }
  const stream = await em.findOne(LiveStream, { id: tip.targetId });
  if (!stream || stream.ownerId !== tip.creatorId) {
    log.warn(
      { tipId: tip.tipId, streamId: tip.targetId },
      'tip names no live stream of its creator',
    );
    return null;
  }
  if (await em.findOne(ChatMessage, { tipId: tip.tipId })) {
    return null; // already in the chat
  }
  const message = em.create(ChatMessage, {
    streamId: stream.id,
    authorId: tip.fromUserId,
    body: tipBody(tip.message),
    kind: ChatMessageKind.TIP,
    tipAmountJpy: tip.amountJpy,
    tipId: tip.tipId,
  } as ChatMessage);
  await em.flush();
  announce(shared, log, message);
  return message;
}

/** Follows an async iterator until `stop` settles, then returns it. */
async function follow<T>(
  source: AsyncIterator<T>,
  stop: Promise<unknown>,
  onValue: (value: T) => void,
) {
  const stopped = stop.then(() => ({ done: true as const, value: undefined }));
  try {
    for (;;) {
      const next = await Promise.race([source.next(), stopped]);
      if (next.done) {
        return;
      }
      onValue(next.value);
    }
  } finally {
    void source.return?.();
  }
}

/** What chatMessageAdded yields: a message, or the end of a subscriber who was just banned. */
export type ChatStreamItem = ChatMessagePayload | { bannedUntil: string };

/** Where a subscriber's replay starts: after a message it saw, or from an instant. */
export interface ReplayFrom {
  after?: string | null;
  since?: Date | null;
}

/** The (createdAt, id) key replayed messages are beyond, or null when the subscriber wants none. */
async function replayKey(
  context: BaseContext,
  streamId: string,
  { after, since }: ReplayFrom,
): Promise<{ at: Date; id: string } | null> {
  if (after !== undefined && after !== null) {
    if (since) {
      throw badInput('Give after or since, not both.', [
        { field: 'since', message: 'Not with after.' },
      ]);
    }
    const from = isUuid(after)
      ? await context.em.findOne(ChatMessage, { id: after, streamId })
      : null;
    if (!from) {
      throw badInput('after is not a message of this stream.', [
        { field: 'after', message: 'Not a message of this stream.' },
      ]);
    }
    return { at: from.createdAt, id: from.id };
  }
  // every id is beyond the nil uuid: messages stored at `since` itself are replayed too
  return since ? { at: since, id: '00000000-0000-0000-0000-000000000000' } : null;
}

/**
 * Resolves once this instance surely hears the topic's channel: the subscriber's own marker goes
 * out until it comes back (the first may beat the channel subscription), or 3 s have passed.
 */
async function untilHeard(
  shared: SharedState,
  log: Logger,
  topic: string,
  streamId: string,
  token: string,
  heard: Promise<void>,
  stop: Promise<unknown>,
) {
  const mark = () => publish(shared, log, topic, streamId, { type: 'sync', token });
  const marking = setInterval(mark, 200);
  mark();
  await Promise.race([heard, stop, new Promise(resolve => setTimeout(resolve, 3_000))]);
  clearInterval(marking);
}

/** A promise and the function that settles it. */
function signal() {
  let settle: () => void = () => {};
  const settled = new Promise<void>(resolve => (settle = resolve));
  return { settled, settle };
}

/**
 * chatMessageAdded: the stream's new messages as they are published. With `after` (the last id a
 * reconnecting client saw) or `since` (when a page's history was read) it first replays what was
 * stored after that, then goes on live without a gap or a duplicate at the seam: it listens
 * before it reads, waits until it surely hears the channel, reads the database, and drops live
 * events it already replayed.
 */
export async function chatMessageStream(
  context: BaseContext,
  streamId: string,
  replayFrom: ReplayFrom,
): Promise<AsyncIterable<ChatStreamItem>> {
  const stream = await requireChatOf(context, streamId);
  const viewer = context.viewer;
  if (viewer) {
    const ban = await activeBan(context.em, stream.id, viewer.id);
    if (ban) {
      throw bannedError(ban);
    }
  }
  const from = await replayKey(context, stream.id, replayFrom);
  const { shared, log } = context;
  const counts = viewerCountsOf(context);
  const member = viewerMember(context);

  return new Repeater<ChatStreamItem>(async (push, stop) => {
    const token = randomUUID();
    const replayed = new Set<string>();
    const held: ChatMessagePayload[] = [];
    let live = from === null;
    const marker = signal();

    const events = shared.pubSub.subscribe(
      CHAT_ADDED_TOPIC,
      stream.id,
    ) as AsyncIterable<ChatAddedEvent>;
    const following = follow(events[Symbol.asyncIterator](), stop, event => {
      if (event.type === 'sync') {
        if (event.token === token) {
          marker.settle();
        }
      } else if (event.type === 'banned') {
        if (viewer && event.userId === viewer.id) {
          void push({ bannedUntil: event.endsAt });
          void stop();
        }
      } else if (!live) {
        held.push(event.message);
      } else if (!replayed.delete(event.message.id)) {
        void push(event.message);
      }
    });

    // Counted once it listens: a count that includes this subscriber means it hears the chat.
    const release = await counts.hold(stream.id, member).catch(err => {
      log.warn({ err }, 'viewer not counted');
      return async () => {};
    });

    if (from) {
      await untilHeard(shared, log, CHAT_ADDED_TOPIC, stream.id, token, marker.settled, stop);
      const rows = await (context.em.fork() as EntityManager).find(
        ChatMessage,
        { $and: [{ streamId: stream.id, deletedAt: null }, beyond(from, '$gt')] },
        { orderBy: { createdAt: 'asc', id: 'asc' }, limit: MAX_CATCH_UP },
      );
      for (const row of rows) {
        replayed.add(row.id);
        void push(toPayload(row));
      }
      for (const message of held.splice(0)) {
        if (!replayed.delete(message.id)) {
          void push(message);
        }
      }
      live = true;
    }
    await following;
    await release();
  });
}

const deletionOf = (message: ChatMessage): ChatMessageDeletedPayload => ({
  messageId: message.id,
  streamId: message.streamId,
  deletedAt: (message.deletedAt ?? new Date()).toISOString(),
});

/**
 * chatMessageDeleted: the stream's deletions as they happen. With `since` (when a page's history
 * was read) it first replays the deletions made since then, so a page never keeps showing a
 * message deleted while it was connecting; a deletion may then arrive twice, which is harmless.
 */
export async function chatDeletionStream(
  context: BaseContext,
  streamId: string,
  since: Date | null | undefined,
): Promise<AsyncIterable<ChatMessageDeletedPayload>> {
  const stream = await requireChatOf(context, streamId);
  const { shared, log } = context;
  return new Repeater<ChatMessageDeletedPayload>(async (push, stop) => {
    const token = randomUUID();
    const marker = signal();
    const events = shared.pubSub.subscribe(
      CHAT_DELETED_TOPIC,
      stream.id,
    ) as AsyncIterable<ChatDeletedEvent>;
    const following = follow(events[Symbol.asyncIterator](), stop, event => {
      if (event.type === 'deleted') {
        const { type: _type, ...deletion } = event;
        void push(deletion);
      } else if (event.token === token) {
        marker.settle();
      }
    });
    if (since) {
      await untilHeard(shared, log, CHAT_DELETED_TOPIC, stream.id, token, marker.settled, stop);
      const rows = await (context.em.fork() as EntityManager).find(
        ChatMessage,
        { streamId: stream.id, deletedAt: { $gte: since } },
        { orderBy: { deletedAt: 'asc' }, limit: MAX_CATCH_UP },
      );
      for (const row of rows) {
        void push(deletionOf(row));
      }
    }
    await following;
  });
}
