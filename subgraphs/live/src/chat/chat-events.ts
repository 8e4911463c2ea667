import { ChatMessage, type ChatMessageKind } from './chat-message.entity';

/** Pub/sub topics; the stream id is appended, so an instance hears only streams it serves. */
export const CHAT_ADDED_TOPIC = 'live:chat:added';
export const CHAT_DELETED_TOPIC = 'live:chat:deleted';

/** A chat message as it travels through pub/sub (Redis when configured): plain JSON. */
export interface ChatMessagePayload {
  id: string;
  streamId: string;
  authorId: string;
  body: string;
  kind: ChatMessageKind;
  tipAmountJpy: number | null;
  createdAt: string;
}

export type ChatAddedEvent =
  | { type: 'message'; message: ChatMessagePayload }
  /** A subscriber's own marker: once it comes back, this instance hears the channel. */
  | { type: 'sync'; token: string }
  /** The user was banned: their open chat subscriptions on the stream end. */
  | { type: 'banned'; userId: string; endsAt: string };

export interface ChatMessageDeletedPayload {
  messageId: string;
  streamId: string;
  deletedAt: string;
}

export type ChatDeletedEvent =
  | ({ type: 'deleted' } & ChatMessageDeletedPayload)
  /** A subscriber's own marker, as on the added topic. */
  | { type: 'sync'; token: string };

export const toPayload = (message: ChatMessage): ChatMessagePayload => ({
  id: message.id,
  streamId: message.streamId,
  authorId: message.authorId,
  body: message.body,
  kind: message.kind,
  tipAmountJpy: message.tipAmountJpy,
  createdAt: message.createdAt.toISOString(),
});

/** What the GraphQL types resolve from: the entity's public fields, from a payload. */
export const fromPayload = (payload: ChatMessagePayload): ChatMessage =>
  Object.assign(new ChatMessage(), {
    ...payload,
    createdAt: new Date(payload.createdAt),
  });
