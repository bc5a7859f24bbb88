import { z } from 'zod';
import {
  CONVERSATION_LIST_MAX_LIMIT,
  HISTORY_MAX_LIMIT,
  MAX_PARTICIPANTS,
  MAX_PUSH_ENDPOINT_LENGTH,
  MAX_SEARCH_QUERY_LENGTH,
  MAX_SUBJECT_KEY_LENGTH,
  MAX_SUBJECT_TITLE_LENGTH,
  PRESENCE_MAX_USERS,
  SEARCH_MAX_LIMIT,
  SYNC_MAX_CURSORS,
} from '../limits';
import {
  captionSchema,
  cursorSchema,
  idSchema,
  imageAttachmentSchema,
  limitSchema,
  seqSchema,
  textContentSchema,
  wireString,
  wireUrl,
} from './primitives';

// What clients send. These are strict: an unknown key is refused with INVALID naming it, so a
// client that believes it sets `senderId` or `seq` learns at once that it does not.

const sendTextSchema = z.strictObject({
  clientId: idSchema,
  conversationId: idSchema,
  type: z.literal('TEXT'),
  content: textContentSchema,
});

const sendImageSchema = z.strictObject({
  clientId: idSchema,
  conversationId: idSchema,
  type: z.literal('IMAGE'),
  content: captionSchema.default(''),
  attachment: imageAttachmentSchema,
});

export const sendMessageRequestSchema = z.discriminatedUnion('type', [
  sendTextSchema,
  sendImageSchema,
]);

export const historyRequestSchema = z
  .strictObject({
    conversationId: idSchema,
    beforeSeq: seqSchema.optional(),
    afterSeq: seqSchema.optional(),
    limit: limitSchema(HISTORY_MAX_LIMIT).optional(),
  })
  .refine(
    (r) => r.beforeSeq === undefined || r.afterSeq === undefined || r.afterSeq < r.beforeSeq,
    { message: 'must be lower than beforeSeq', path: ['afterSeq'] },
  );

export const readRequestSchema = z.strictObject({ messageId: idSchema });

export const unreadRequestSchema = z.strictObject({
  conversationId: idSchema,
  messageId: idSchema.optional(),
});

export const searchRequestSchema = z.strictObject({
  query: wireString()
    .trim()
    .min(1, 'must not be empty')
    .max(MAX_SEARCH_QUERY_LENGTH, `must be at most ${MAX_SEARCH_QUERY_LENGTH} characters`),
  conversationId: idSchema.optional(),
  cursor: cursorSchema.optional(),
  limit: limitSchema(SEARCH_MAX_LIMIT).optional(),
});

export const conversationListRequestSchema = z.strictObject({
  cursor: cursorSchema.optional(),
  limit: limitSchema(CONVERSATION_LIST_MAX_LIMIT).optional(),
});

export const conversationGetRequestSchema = z.strictObject({ conversationId: idSchema });

export const conversationOpenRequestSchema = z.strictObject({
  participantIds: z.array(idSchema).min(1).max(MAX_PARTICIPANTS),
  subject: z
    .strictObject({
      type: wireString().trim().min(1).max(MAX_SUBJECT_KEY_LENGTH),
      id: wireString().trim().min(1).max(MAX_SUBJECT_KEY_LENGTH),
      title: wireString().trim().max(MAX_SUBJECT_TITLE_LENGTH).optional(),
    })
    .optional(),
});

export const syncRequestSchema = z.strictObject({
  cursors: z
    .record(idSchema, seqSchema)
    .refine(
      (c) => Object.keys(c).length <= SYNC_MAX_CURSORS,
      `must hold at most ${SYNC_MAX_CURSORS} conversations`,
    ),
});

export const presenceGetRequestSchema = z.strictObject({
  userIds: z.array(idSchema).min(1).max(PRESENCE_MAX_USERS),
});

const pushEndpointSchema = wireUrl(/^https$/, MAX_PUSH_ENDPOINT_LENGTH);

export const pushSubscribeRequestSchema = z.strictObject({
  subscription: z.strictObject({
    endpoint: pushEndpointSchema,
    expirationTime: z.number().nullable().optional(),
    keys: z.strictObject({
      p256dh: wireString().min(1).max(256),
      auth: wireString().min(1).max(256),
    }),
  }),
  previews: z.boolean().optional(),
});

export const pushUnsubscribeRequestSchema = z.strictObject({ endpoint: pushEndpointSchema });

export const typingRequestSchema = z.strictObject({ conversationId: idSchema });
