import { randomUUID } from 'node:crypto';
import { type EntityManager } from '@mikro-orm/postgresql';
import {
  badInput,
  type BaseContext,
  ErrorCode,
  forbidden,
  hasRole,
  isUuid,
  notFound,
  requireViewer,
  Role,
  type Viewer,
} from '@vp/kit';
import { GraphQLError } from 'graphql';
import { CHAT_ADDED_TOPIC, type ChatAddedEvent } from '../chat/chat-events';
import { LiveStream } from '../streams/live-stream.entity';
import { findLiveStream } from '../streams/live-stream.service';
import { ChatBan } from './chat-ban.entity';
import { ChatModerator } from './chat-moderator.entity';

export const MAX_BAN_SECONDS = 30 * 24 * 3600;
export const MAX_SLOW_MODE_SECONDS = 300;

export async function requireStream(context: BaseContext, streamId: string): Promise<LiveStream> {
  if (!isUuid(streamId)) {
    throw badInput('Not a live stream id.', [
      { field: 'streamId', message: 'Not a live stream id.' },
    ]);
  }
  const stream = await findLiveStream(context, streamId);
  if (!stream) {
    throw notFound('The live stream');
  }
  return stream;
}

export const isStreamer = (stream: LiveStream, viewer: Viewer | null) =>
  !!viewer && stream.ownerId === viewer.id;

/** The streamer, the moderators they appointed, and platform admins moderate a stream's chat. */
export async function canModerate(em: EntityManager, stream: LiveStream, viewer: Viewer | null) {
  if (!viewer) {
    return false;
  }
  if (isStreamer(stream, viewer) || hasRole(viewer, Role.ADMIN)) {
    return true;
  }
  return (await em.count(ChatModerator, { streamId: stream.id, userId: viewer.id })) > 0;
}

async function requireModerator(context: BaseContext, streamId: string) {
  const viewer = requireViewer(context.viewer);
  const stream = await requireStream(context, streamId);
  if (!(await canModerate(context.em, stream, viewer))) {
    throw forbidden('Only the streamer and their moderators moderate this chat.');
  }
  return { viewer, stream };
}

/** The ban in force on the user in the stream's chat, if any. */
export async function activeBan(em: EntityManager, streamId: string, userId: string) {
  return em.findOne(ChatBan, { streamId, userId, endsAt: { $gt: new Date() } });
}

export const bannedError = (ban: ChatBan) =>
  new GraphQLError(`You are banned from this chat until ${ban.endsAt.toISOString()}.`, {
    extensions: { code: ErrorCode.FORBIDDEN, bannedUntil: ban.endsAt.toISOString() },
  });

/**
 * Bans a user from the stream's chat for 1 s to 30 days (banning again sets the new end). The
 * streamer cannot be banned, and only the streamer (or an admin) bans a moderator.
 */
export async function banFromChat(
  context: BaseContext,
  streamId: string,
  userId: string,
  durationSeconds: number,
): Promise<Date> {
  if (!isUuid(userId)) {
    throw badInput('Not a user id.', [{ field: 'userId', message: 'Not a user id.' }]);
  }
  const { viewer, stream } = await requireModerator(context, streamId);
  if (userId === stream.ownerId || userId === viewer.id) {
    throw forbidden('The streamer cannot be banned from their own chat, nor can you ban yourself.');
  }
  const targetModerates = (await context.em.count(ChatModerator, { streamId, userId })) > 0;
  if (targetModerates && !isStreamer(stream, viewer) && !hasRole(viewer, Role.ADMIN)) {
    throw forbidden('Only the streamer bans a moderator.');
  }
  const endsAt = new Date(Date.now() + durationSeconds * 1000);
  await context.em.upsert(
    ChatBan,
    { id: randomUUID(), streamId, userId, endsAt, bannedBy: viewer.id, createdAt: new Date() },
    { onConflictFields: ['streamId', 'userId'], onConflictExcludeFields: ['id', 'createdAt'] },
  );
  const event: ChatAddedEvent = { type: 'banned', userId, endsAt: endsAt.toISOString() };
  try {
    context.shared.pubSub.publish(CHAT_ADDED_TOPIC, streamId, event);
  } catch (err) {
    context.log.warn({ err }, 'ban not announced to open subscriptions');
  }
  return endsAt;
}

/** Lifts a ban early. True when there was one in force. */
export async function unbanFromChat(context: BaseContext, streamId: string, userId: string) {
  await requireModerator(context, streamId);
  if (!isUuid(userId)) {
    return false;
  }
  const lifted = await context.em.nativeUpdate(
    ChatBan,
    { streamId, userId, endsAt: { $gt: new Date() } },
    { endsAt: new Date() },
  );
  return lifted > 0;
}

export async function setSlowMode(context: BaseContext, streamId: string, seconds: number) {
  const { stream } = await requireModerator(context, streamId);
  stream.chatSlowModeSeconds = seconds;
  await context.em.flush();
  return stream;
}

async function requireStreamer(context: BaseContext, streamId: string, userId: string) {
  const viewer = requireViewer(context.viewer);
  if (!isUuid(userId)) {
    throw badInput('Not a user id.', [{ field: 'userId', message: 'Not a user id.' }]);
  }
  const stream = await requireStream(context, streamId);
  if (!isStreamer(stream, viewer) && !hasRole(viewer, Role.ADMIN)) {
    throw forbidden('Only the streamer appoints and removes moderators.');
  }
  return stream;
}

/** The streamer appoints a moderator of their stream's chat; appointing twice changes nothing. */
export async function appointModerator(context: BaseContext, streamId: string, userId: string) {
  const stream = await requireStreamer(context, streamId, userId);
  if (userId === stream.ownerId) {
    throw badInput('The streamer moderates their chat already.', [
      { field: 'userId', message: 'The streamer moderates already.' },
    ]);
  }
  await context.em
    .createQueryBuilder(ChatModerator)
    .insert({ streamId, userId, appointedAt: new Date(), id: randomUUID() })
    .onConflict(['stream_id', 'user_id'])
    .ignore()
    .execute();
  return true;
}

/** True when the user was a moderator. */
export async function removeModerator(context: BaseContext, streamId: string, userId: string) {
  await requireStreamer(context, streamId, userId);
  return (await context.em.nativeDelete(ChatModerator, { streamId, userId })) > 0;
}
