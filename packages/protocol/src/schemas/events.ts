import { z } from 'zod';
import { ERROR_CODES } from '../errors';
import {
  conversationSchema,
  messageSchema,
  presenceSchema,
  presenceStatusSchema,
  searchHitSchema,
} from './objects';
import { idSchema, seqSchema, timestampSchema } from './primitives';

// Server events and ack data: lenient like the objects they carry.

export const messageNewEventSchema = z.object({ message: messageSchema });
export const messageReceivedEventSchema = z.object({
  messageId: idSchema,
  conversationId: idSchema,
  seq: seqSchema.min(1),
});
export const typingUpdateEventSchema = z.object({
  conversationId: idSchema,
  userId: idSchema,
  isTyping: z.boolean(),
});
export const userStatusEventSchema = z.object({
  userId: idSchema,
  status: presenceStatusSchema,
  lastSeen: timestampSchema,
});
export const unreadCountEventSchema = z.object({
  count: seqSchema,
  conversationId: idSchema,
  conversationUnread: seqSchema,
});
export const receiptReadEventSchema = z.object({
  conversationId: idSchema,
  userId: idSchema,
  lastReadSeq: seqSchema,
  readAt: timestampSchema,
});
export const conversationNewEventSchema = z.object({ conversation: conversationSchema });
export const sessionExpiredEventSchema = z.object({});

export const sendMessageResultSchema = z.object({ message: messageSchema });
export const historyResultSchema = z.object({
  messages: z.array(messageSchema),
  hasMore: z.boolean(),
});
export const readStateResultSchema = z.object({
  conversationId: idSchema,
  lastReadSeq: seqSchema,
  unreadCount: seqSchema,
});
export const searchResultSchema = z.object({
  hits: z.array(searchHitSchema),
  nextCursor: z.string().optional(),
});
export const conversationListResultSchema = z.object({
  conversations: z.array(conversationSchema),
  nextCursor: z.string().optional(),
});
export const conversationGetResultSchema = z.object({ conversation: conversationSchema });
export const conversationOpenResultSchema = z.object({
  conversation: conversationSchema,
  created: z.boolean(),
});
export const syncResultSchema = z.object({
  conversations: z.array(conversationSchema),
  messages: z.array(messageSchema),
  truncated: z.array(idSchema),
});
export const presenceGetResultSchema = z.object({ presences: z.array(presenceSchema) });
export const emptyResultSchema = z.object({});

export const ackErrorSchema = z.object({
  code: z.enum(ERROR_CODES),
  message: z.string(),
  retryAfterMs: z.number().int().min(0).optional(),
});

/** Schema of an `Ack<T>` whose data has the given schema. */
export function ackSchema<T extends z.ZodType>(data: T) {
  return z.discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), data }),
    z.object({ ok: z.literal(false), error: ackErrorSchema }),
  ]);
}
