import { MAX_IMAGE_DIMENSION, type ImageFormat } from '@causette/protocol';
import { fileTypeFromBuffer } from 'file-type';
import { imageSize } from 'image-size';

/** What the bytes of an accepted image really are. */
export interface ImageInfo {
  format: ImageFormat;
  mime: string;
  width: number;
  height: number;
}

/** Why bytes were not accepted as an image. */
export type ImageProblem =
  | { problem: 'not-an-image' }
  | { problem: 'too-large-dimensions'; width: number; height: number }
  | { problem: 'too-many-pixels'; width: number; height: number; maxPixels: number };

/** Limits of {@link inspectImage} beyond the protocol's. */
export interface InspectLimits {
  /** Most pixels (width x height) an image may claim (UPLOAD_MAX_PIXELS); unbounded when unset. */
  maxPixels?: number;
}

const MIME_BY_FORMAT: Record<ImageFormat, string> = {
  jpg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  gif: 'image/gif',
};

// file-type's extensions for the formats we take (an animated PNG is still a PNG).
const FORMAT_BY_EXT: Record<string, ImageFormat> = {
  jpg: 'jpg',
  png: 'png',
  apng: 'png',
  webp: 'webp',
  gif: 'gif',
};
// image-size's type names.
const FORMAT_BY_SIZE_TYPE: Record<string, ImageFormat> = {
  jpg: 'jpg',
  png: 'png',
  webp: 'webp',
  gif: 'gif',
};

/** The MIME type to serve an image format with. */
export function mimeOf(format: ImageFormat): string {
  return MIME_BY_FORMAT[format];
}

/**
 * Identifies an image from its bytes, never from a name or a declared type: the magic bytes
 * (file-type) and the header parser (image-size) must agree on one of jpg, png, webp or gif, and
 * the dimensions must be sane. Pixels are never decoded here, so a decompression bomb costs
 * nothing; `maxPixels` keeps one from reaching the clients, which do decode it.
 */
export async function inspectImage(
  input: Uint8Array,
  limits: InspectLimits = {},
): Promise<ImageInfo | ImageProblem> {
  // image-size reads through DataViews on the underlying buffer, past the end of a view into a
  // larger one (pooled Buffers); an exactly-sized copy makes a truncated image fail instead.
  const bytes =
    input.byteOffset === 0 && input.byteLength === input.buffer.byteLength
      ? input
      : new Uint8Array(input);
  const notAnImage = { problem: 'not-an-image' } as const;
  if (bytes.byteLength < 12) return notAnImage;
  let detected;
  try {
    detected = await fileTypeFromBuffer(bytes);
  } catch {
    return notAnImage;
  }
  const format = detected ? FORMAT_BY_EXT[detected.ext] : undefined;
  if (!format) return notAnImage;
  let size;
  try {
    size = imageSize(bytes);
  } catch {
    return notAnImage;
  }
  if (!size.type || FORMAT_BY_SIZE_TYPE[size.type] !== format) return notAnImage;
  const { width, height } = size;
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1)
    return notAnImage;
  if (width > MAX_IMAGE_DIMENSION || height > MAX_IMAGE_DIMENSION) {
    return { problem: 'too-large-dimensions', width, height };
  }
  const { maxPixels } = limits;
  if (maxPixels !== undefined && width * height > maxPixels) {
    return { problem: 'too-many-pixels', width, height, maxPixels };
  }
  return { format, mime: MIME_BY_FORMAT[format], width, height };
}
