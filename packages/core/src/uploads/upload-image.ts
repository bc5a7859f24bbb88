import {
  IMAGE_FORMATS,
  type ImageAttachment,
  type ImageFormat,
  type UploadSignature,
} from '@causette/protocol';
import { ChatError } from '../errors';
import { readJson, throwIfAborted } from './http';
import { validateImageFile } from './image-file';
import { postForm } from './post-form';
import { isUploadSignature } from './upload-signature';

/** How far an upload has gone, in bytes of the file. */
export interface UploadProgress {
  loaded: number;
  total: number;
}

/** Options of {@link uploadImage}. */
export interface UploadOptions {
  /**
   * Called as the file goes out, with `total` the file's size. XMLHttpRequest reports as it
   * goes; with `fetch` (no XMLHttpRequest, as in Node) only the end is reported. The last call,
   * on success, always has `loaded === total`.
   */
  onProgress?: (progress: UploadProgress) => void;
  /** Aborting it cancels the upload with `ChatError('ABORTED')`. */
  signal?: AbortSignal;
  /** Cap on the file size; the signature's `maxBytes` applies in any case. */
  maxBytes?: number;
  /** Formats accepted; only those the signature allows apply in any case. */
  allowedFormats?: readonly ImageFormat[];
}

const WHAT = 'The upload';

/**
 * Uploads one image directly to Cloudinary (or a server that answers like it), with the
 * parameters from `requestUploadSignature`, and returns the attachment to send in an IMAGE
 * message. The file is checked first (`validateImageFile`).
 *
 * Rejects with a `ChatError`: `INVALID` or `TOO_LARGE` for a file that cannot be sent or that the
 * service refused, `UNAUTHORIZED` for a refused signature (expired, or for another account: sign
 * again), `RATE_LIMITED` or `UNAVAILABLE` (transient: retry later), `ABORTED`, or `INTERNAL` for
 * an answer without the image's details.
 */
export async function uploadImage(
  file: Blob,
  signature: UploadSignature,
  options: UploadOptions = {},
): Promise<ImageAttachment> {
  if (!isUploadSignature(signature)) {
    throw new ChatError('INVALID', 'uploadImage needs a signature from requestUploadSignature');
  }
  const { signal, onProgress } = options;
  throwIfAborted(signal, WHAT);
  const format = await validateImageFile(file, {
    maxBytes: Math.min(options.maxBytes ?? Infinity, signature.maxBytes),
    allowedFormats: (options.allowedFormats ?? IMAGE_FORMATS).filter((f) =>
      signature.allowedFormats.includes(f),
    ),
  });

  const total = file.size;
  let reported = -1;
  const report = (loaded: number) => {
    if (!onProgress || loaded <= reported) return;
    reported = loaded;
    try {
      onProgress({ loaded, total });
    } catch {
      // A failing progress listener must not fail the upload.
    }
  };

  const body = new FormData();
  for (const [name, value] of Object.entries(signature.fields)) body.append(name, value);
  const name = (file as Partial<File>).name;
  body.append('file', file, typeof name === 'string' && name ? name : `image.${format}`);

  const answer = await postForm(signature.uploadUrl, body, {
    what: WHAT,
    ...(signal ? { signal } : {}),
    // The form carries the fields too: scale to the file's size so that `total` is the file's.
    onUploadProgress: (loaded, sent) => {
      if (sent > 0) report(Math.min(total, Math.floor((loaded / sent) * total)));
    },
  });
  const attachment = toAttachment(readJson(answer, WHAT));
  report(total);
  return attachment;
}

/** The attachment described by Cloudinary's upload response. */
function toAttachment(body: unknown): ImageAttachment {
  const r = (body ?? {}) as Record<string, unknown>;
  const { secure_url: url, public_id: publicId, width, height, bytes } = r;
  const format =
    typeof r.format === 'string' ? r.format.toLowerCase().replace(/^jpeg$/, 'jpg') : '';
  if (
    !/^https?:\/\//i.test(String(url)) ||
    !publicId ||
    typeof publicId !== 'string' ||
    ![width, height, bytes].every((n) => Number.isInteger(n) && (n as number) > 0) ||
    !format
  ) {
    throw new ChatError(
      'INTERNAL',
      `${WHAT} failed: the answer lacks the image's url, id, size or format`,
    );
  }
  if (!(IMAGE_FORMATS as readonly string[]).includes(format)) {
    throw new ChatError(
      'INVALID',
      `The image was stored as ${format}, which messages cannot carry`,
    );
  }
  return { url, publicId, width, height, bytes, format } as ImageAttachment;
}
