import { z } from 'zod';
import { MAX_SUBJECT_KEY_LENGTH, MAX_SUBJECT_TITLE_LENGTH } from '../limits';
import { idSchema, imageAttachmentSchema, seqSchema, timestampSchema } from './primitives';

// Objects the server sends. They are parsed leniently (unknown keys are dropped, not refused) so a
// client keeps working against a newer server that adds fields.

export const messageTypeSchema = z.enum(['TEXT', 'IMAGE', 'SYSTEM']);

export const messageSchema = z.object({
  id: idSchema,
  clientId: z.string().max(128),
  conversationId: idSchema,
  seq: seqSchema.min(1),
  senderId: z.string().max(128),
  type: messageTypeSchema,
  content: z.string(),
  attachment: imageAttachmentSchema.optional(),
  createdAt: timestampSchema,
  readAt: timestampSchema.nullable().optional(),
});

export const memberSchema = z.object({
  userId: idSchema,
  displayName: z.string(),
  avatarUrl: z.string().optional(),
  role: z.string().optional(),
  lastReadSeq: seqSchema,
});

export const conversationSubjectSchema = z.object({
  type: z.string().min(1).max(MAX_SUBJECT_KEY_LENGTH),
  id: z.string().min(1).max(MAX_SUBJECT_KEY_LENGTH),
  title: z.string().max(MAX_SUBJECT_TITLE_LENGTH).optional(),
});

export const conversationSchema = z.object({
  id: idSchema,
  subject: conversationSubjectSchema.optional(),
  members: z.array(memberSchema),
  lastMessage: messageSchema.optional(),
  lastSeq: seqSchema,
  lastMessageAt: timestampSchema,
  unreadCount: seqSchema,
  markedUnread: z.boolean(),
});

export const presenceStatusSchema = z.enum(['online', 'offline']);

export const presenceSchema = z.object({
  userId: idSchema,
  status: presenceStatusSchema,
  lastSeen: timestampSchema,
});

export const searchHitSchema = z.object({
  message: messageSchema,
  snippet: z.string(),
});
