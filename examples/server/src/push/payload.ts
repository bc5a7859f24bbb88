// What one push says about a new message, and the topic that collapses a conversation's pushes.
import { createHash } from 'node:crypto';
import { type Message, PUSH_PREVIEW_LENGTH, type PushNotificationData } from '@causette/protocol';

/** Longest sender name a push carries, in characters (names come from the host app's tokens). */
const TITLE_LENGTH = 64;
/** What an image without a caption says (the same word in French and English). */
export const IMAGE_PREVIEW = 'Photo';

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/**
 * `text` on one line, cut to `max` characters with an ellipsis. Characters are graphemes, so a
 * cut never splits an emoji or an accented letter.
 */
export function shorten(text: string, max: number): string {
  const line = text.replace(/\s+/g, ' ').trim();
  const parts = Array.from(graphemes.segment(line), (s) => s.segment);
  if (parts.length <= max) return line;
  return `${parts
    .slice(0, max - 1)
    .join('')
    .trimEnd()}…`;
}

/**
 * The push for `message`, sent by `senderName`: the text (or `Photo`) as `body` only when the
 * recipient allows previews.
 */
export function pushNotificationData(
  message: Message,
  senderName: string,
  previews: boolean,
): PushNotificationData {
  const data: PushNotificationData = {
    title: shorten(senderName, TITLE_LENGTH),
    conversationId: message.conversationId,
    messageId: message.id,
    seq: message.seq,
    type: message.type,
  };
  if (!previews) return data;
  const text = shorten(message.content, PUSH_PREVIEW_LENGTH);
  data.body = message.type === 'IMAGE' && !text ? IMAGE_PREVIEW : text;
  return data;
}

/**
 * The Web Push `Topic` of a conversation's pushes: a push service keeps only the newest pending
 * push of a topic per subscription. At most 32 URL-safe base64 characters (RFC 8030), so the
 * conversation id (any string) is hashed.
 */
export function pushTopic(conversationId: string): string {
  return createHash('sha256').update(conversationId).digest('base64url').slice(0, 32);
}
