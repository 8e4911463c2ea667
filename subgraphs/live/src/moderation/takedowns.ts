import { type EntityManager } from '@mikro-orm/postgresql';
import { type ContentTakenDown, type UserSuspensionChanged } from '@vp/contracts';
import { type EventOf, type Logger, recordSuspensionChange, type SharedState } from '@vp/kit';
import { ChatMessage } from '../chat/chat-message.entity';
import { announceDeletion } from '../chat/chat.service';
import { releaseMediaLiveOf } from '../ingest/medialive-lifecycle';
import { type RtmpIngest } from '../ingest/rtmp-ingest';
import { LiveStream, LiveStreamStatus } from '../streams/live-stream.entity';
import { emitStreamChanged } from '../streams/stream-events';

/** Ends a stream now (LiveStreamChanged ENDED with it) unless it already ended. */
function endNow(em: EntityManager, stream: LiveStream, at: Date) {
  if (stream.status === LiveStreamStatus.ENDED) {
    return false;
  }
  stream.status = LiveStreamStatus.ENDED;
  stream.endedAt = at;
  emitStreamChanged(em, stream);
  return true;
}

/**
 * Applies users' ContentTakenDown to what live owns. A stream ends at once (search and the
 * followers' feeds learn it from LiveStreamChanged), is marked for its owner, refused to everyone
 * else and to playback, and its publisher on this instance is cut off (its key no longer verifies
 * anywhere, since the stream is ENDED). A chat message leaves history and open chats, as a
 * moderator's deletion does. Repeats and unknown ids change nothing.
 */
export function contentTakenDownConsumer(
  shared: SharedState,
  log: Logger,
  ingest: () => RtmpIngest | null,
) {
  return async (event: EventOf<typeof ContentTakenDown>, em: EntityManager) => {
    const { targetType, targetId, reason, takenDownAt } = event.payload;
    const at = new Date(takenDownAt);
    if (targetType === 'LIVE_STREAM') {
      const stream = await em.findOne(LiveStream, { id: targetId });
      if (!stream || stream.takenDownAt) {
        return;
      }
      stream.takenDownAt = at;
      stream.takedownReason = reason;
      endNow(em, stream, new Date());
      await em.flush();
      ingest()?.drop(stream.id);
      await releaseMediaLiveOf(em, [stream.id]);
      log.info({ streamId: stream.id }, 'live stream taken down');
    } else if (targetType === 'CHAT_MESSAGE') {
      const message = await em.findOne(ChatMessage, { id: targetId, deletedAt: null });
      if (!message) {
        return;
      }
      message.deletedAt = at;
      await em.flush();
      announceDeletion(shared, log, message);
    }
  };
}

/**
 * Applies users' UserSuspensionChanged (only a newer change counts, kit's read model): the
 * account's streams carry the suspension's end, so lists and look-ups hide them until then, and a
 * stream it has on air ends now.
 */
export function suspensionConsumer(ingest: () => RtmpIngest | null) {
  return async (event: EventOf<typeof UserSuspensionChanged>, em: EntityManager) => {
    const hiddenUntil = await recordSuspensionChange(event, em);
    if (hiddenUntil === undefined) {
      return;
    }
    const { userId } = event.payload;
    await em.nativeUpdate(LiveStream, { ownerId: userId }, { ownerSuspendedUntil: hiddenUntil });
    if (!hiddenUntil) {
      return;
    }
    const onAir = await em.find(LiveStream, { ownerId: userId, status: LiveStreamStatus.LIVE });
    const now = new Date();
    onAir.forEach(stream => endNow(em, stream, now));
    await em.flush();
    onAir.forEach(stream => ingest()?.drop(stream.id));
    await releaseMediaLiveOf(
      em,
      onAir.map(stream => stream.id),
    );
  };
}
