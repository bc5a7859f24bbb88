import { z } from 'zod';
import {
  IMAGE_FORMATS,
  MAX_CAPTION_LENGTH,
  MAX_ID_LENGTH,
  MAX_IMAGE_BYTES,
  MAX_IMAGE_DIMENSION,
  MAX_TEXT_LENGTH,
} from '../limits';
import { NUL_PROBLEM, containsNul, contentLength } from '../text';

/**
 * Every string a client sends starts here: it refuses U+0000 with `INVALID` naming the field,
 * rather than letting the database fail on it later.
 */
export function wireString() {
  return z.string().refine((s) => !containsNul(s), NUL_PROBLEM);
}

/** A URL a client sends, of the given schemes and length, held to {@link wireString}'s rule. */
export function wireUrl(protocol: RegExp, maxLength: number) {
  return z
    .url({ protocol })
    .max(maxLength)
    .refine((s) => !containsNul(s), NUL_PROBLEM);
}

/** Any id on the wire: user ids come from the host app, so no format is imposed beyond length. */
export const idSchema = wireString().min(1, 'must not be empty').max(MAX_ID_LENGTH);

/** A per-conversation sequence number or cursor (0 means "nothing yet"). */
export const seqSchema = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

/** ISO 8601 timestamp as the server writes it. */
export const timestampSchema = z.iso.datetime({ offset: true });

/** TEXT content: trimmed, 1..4000 code points. */
export const textContentSchema = wireString()
  .trim()
  .refine((s) => s.length > 0, 'must not be empty')
  .refine(
    (s) => contentLength(s) <= MAX_TEXT_LENGTH,
    `must be at most ${MAX_TEXT_LENGTH} characters`,
  );

/** IMAGE caption: trimmed, 0..1000 code points. */
export const captionSchema = wireString()
  .trim()
  .refine(
    (s) => contentLength(s) <= MAX_CAPTION_LENGTH,
    `must be at most ${MAX_CAPTION_LENGTH} characters`,
  );

/** An image attachment, strict: the server re-derives and checks every field. */
export const imageAttachmentSchema = z.strictObject({
  url: wireUrl(/^https?$/, 2048),
  publicId: wireString().min(1).max(512),
  width: z.number().int().min(1).max(MAX_IMAGE_DIMENSION),
  height: z.number().int().min(1).max(MAX_IMAGE_DIMENSION),
  bytes: z.number().int().min(1).max(MAX_IMAGE_BYTES),
  format: z.enum(IMAGE_FORMATS),
});

/** A page size between 1 and `max`. */
export function limitSchema(max: number) {
  return z.number().int().min(1).max(max);
}

/** An opaque pagination cursor. */
export const cursorSchema = wireString().min(1).max(512);
