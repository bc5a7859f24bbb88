import { IMAGE_FORMATS, MAX_IMAGE_BYTES, type ImageFormat } from '@causette/protocol';
import { ChatError } from '../errors';

/** Limits {@link validateImageFile} checks against. */
export interface ImageFileLimits {
  /** Largest file accepted, in bytes; `MAX_IMAGE_BYTES` by default. */
  maxBytes?: number;
  /** Formats accepted; every one of `IMAGE_FORMATS` by default. */
  allowedFormats?: readonly ImageFormat[];
}

/** How many leading bytes {@link sniffImageFormat} needs. */
export const SNIFF_BYTES = 12;

// Magic numbers; `.` matches any byte (the RIFF chunk size of a WebP file).
const SIGNATURES: readonly [ImageFormat, RegExp][] = [
  ['jpg', /^\xff\xd8\xff/],
  // eslint-disable-next-line no-control-regex -- PNG's magic number holds control bytes.
  ['png', /^\x89PNG\r\n\x1a\n/],
  ['gif', /^GIF8[79]a/],
  ['webp', /^RIFF[^]{4}WEBP/],
];

/** The image format announced by a file's first bytes (its magic number), if it is one we carry. */
export function sniffImageFormat(head: Uint8Array): ImageFormat | undefined {
  const text = String.fromCharCode(...head.subarray(0, SNIFF_BYTES));
  return SIGNATURES.find(([, magic]) => magic.test(text))?.[0];
}

/**
 * Checks that `file` is an image we can send, before any upload: not empty, at most `maxBytes`,
 * a MIME type (`file.type`) of JPEG, PNG, WebP or GIF, and first bytes that really are one of
 * those, within `allowedFormats`. Resolves with the format read from the bytes (the truth when
 * it differs from the MIME type, as with a renamed file); rejects with `ChatError('INVALID')` or
 * `ChatError('TOO_LARGE')` and a message fit for the user.
 */
export async function validateImageFile(
  file: Blob,
  options: ImageFileLimits = {},
): Promise<ImageFormat> {
  if (typeof file?.slice !== 'function') throw invalid('Expected an image file (a Blob)');
  const { maxBytes = MAX_IMAGE_BYTES, allowedFormats: allowed = IMAGE_FORMATS } = options;
  if (!(maxBytes > 0) || !Array.isArray(allowed)) {
    throw invalid('maxBytes must be a positive number and allowedFormats a list');
  }
  if (!file.size) throw invalid('The file is empty');
  if (file.size > maxBytes) {
    throw new ChatError(
      'TOO_LARGE',
      `The image is too large: ${size(file.size)}, at most ${size(maxBytes)}`,
    );
  }
  const send = `send ${allowed.join(', ').toUpperCase()}`;
  // image/jpeg, and the image/jpg and image/pjpeg some systems still report.
  const declared = /^image\/(p?jpe?g|png|webp|gif)$/i
    .exec(file.type)?.[1]
    ?.replace(/^p?jpe?g$/i, 'jpg');
  if (!allowed.includes(declared as ImageFormat)) {
    throw invalid(`Unsupported file type "${file.type || 'unknown'}": ${send}`);
  }
  let format: ImageFormat | undefined;
  try {
    format = sniffImageFormat(new Uint8Array(await file.slice(0, SNIFF_BYTES).arrayBuffer()));
  } catch (cause) {
    throw new ChatError('INVALID', 'The file could not be read', { cause });
  }
  if (!format) throw invalid('The file is not a valid image');
  if (!allowed.includes(format))
    throw invalid(`The file is a ${format.toUpperCase()} image: ${send}`);
  return format;
}

function invalid(message: string): ChatError {
  return new ChatError('INVALID', message);
}

function size(bytes: number): string {
  return bytes < 1024 * 1024
    ? `${Math.ceil(bytes / 1024)} KB`
    : `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
