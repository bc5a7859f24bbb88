import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HttpError, sendError } from '../http/respond';
import { parseDeliveryPath } from './delivery-url';
import { mimeOf } from './image-inspect';
import type { LocalStore } from './local-store';

/**
 * Serves `GET <delivery path>/v<version>/<public_id>.<format>` from the local store. Only paths
 * that parse into a safe public id, a known format and the recorded version are looked up, so a
 * path never reaches the file system unchecked. The type comes from the record, never the bytes,
 * and `nosniff` plus a sandboxing CSP keep a browser from treating a file as anything else.
 */
export async function serveLocalImage(
  req: IncomingMessage,
  res: ServerResponse,
  store: LocalStore,
  relativePath: string,
): Promise<void> {
  const notFound = new HttpError('NOT_FOUND', 'No such image');
  const ref = parseDeliveryPath(relativePath);
  const image = ref ? await store.find(ref.publicId) : undefined;
  if (!ref || !image || image.version !== ref.version || image.format !== ref.format) {
    sendError(res, notFound);
    return;
  }
  const file = store.filePath(image);
  let size: number;
  try {
    size = (await stat(file)).size;
  } catch {
    sendError(res, notFound);
    return;
  }
  const etag = `"${image.etag}"`;
  const headers = {
    'content-type': mimeOf(image.format),
    'x-content-type-options': 'nosniff',
    'content-security-policy': "default-src 'none'; sandbox",
    'cross-origin-resource-policy': 'cross-origin',
    // Versioned URLs never change content.
    'cache-control': 'public, max-age=31536000, immutable',
    etag,
  };
  if (req.headers['if-none-match'] === etag) {
    res.writeHead(304, headers).end();
    return;
  }
  res.writeHead(200, { ...headers, 'content-length': String(size) });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  const stream = createReadStream(file);
  stream.on('error', () => res.destroy());
  stream.pipe(res);
}
