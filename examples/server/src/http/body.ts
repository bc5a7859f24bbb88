import type { IncomingMessage } from 'node:http';
import { HttpError } from './respond';

/** Raised while reading a body that turns out larger than allowed. */
export class BodyTooLargeError extends Error {
  readonly limit: number;
  readonly received: number;

  constructor(limit: number, received: number) {
    super(`Body larger than ${limit} bytes`);
    this.name = 'BodyTooLargeError';
    this.limit = limit;
    this.received = received;
  }
}

/** The declared Content-Length, or undefined when absent or malformed. */
export function declaredLength(req: IncomingMessage): number | undefined {
  const header = req.headers['content-length'];
  if (header === undefined || !/^\d{1,15}$/.test(header)) return undefined;
  return Number(header);
}

/**
 * The request body as a web stream that errors with {@link BodyTooLargeError} as soon as more
 * than `limit` bytes have arrived, so a lying or absent Content-Length never lets more in.
 */
export function limitedBodyStream(req: IncomingMessage, limit: number): ReadableStream<Uint8Array> {
  const iterator = req[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  let received = 0;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { value, done } = await iterator.next();
      if (done) {
        controller.close();
        return;
      }
      received += value.byteLength;
      if (received > limit) {
        controller.error(new BodyTooLargeError(limit, received));
        return;
      }
      controller.enqueue(new Uint8Array(value.buffer, value.byteOffset, value.byteLength));
    },
    async cancel() {
      await iterator.return?.();
    },
  });
}

/** Reads the whole body, at most `limit` bytes. */
export async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const length = declaredLength(req);
  if (length !== undefined && length > limit) throw new BodyTooLargeError(limit, length);
  const chunks: Buffer[] = [];
  let received = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    received += chunk.byteLength;
    if (received > limit) throw new BodyTooLargeError(limit, received);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/**
 * Reads a JSON body of at most `limit` bytes. Insisting on `application/json` also means a
 * cross-site form cannot post here without a CORS preflight.
 */
export async function readJsonBody(req: IncomingMessage, limit: number): Promise<unknown> {
  const type = req.headers['content-type'] ?? '';
  if (!/^application\/json\s*(;|$)/i.test(type)) {
    throw new HttpError('INVALID', 'Content-Type must be application/json');
  }
  let body: Buffer;
  try {
    body = await readBody(req, limit);
  } catch (error) {
    if (error instanceof BodyTooLargeError) {
      throw new HttpError('TOO_LARGE', `The body must be at most ${limit} bytes`);
    }
    throw error;
  }
  try {
    return JSON.parse(body.toString('utf8')) as unknown;
  } catch {
    throw new HttpError('INVALID', 'The body is not valid JSON');
  }
}

/**
 * Once the response is out, stops a client that is still sending a body we refused: Node would
 * otherwise read and discard all of it. A short delay lets the response reach the client first.
 */
export function dropUnreadBody(req: IncomingMessage, graceMs = 1000): void {
  if (req.complete) return;
  const timer = setTimeout(() => {
    if (!req.complete) req.socket.destroy();
  }, graceMs);
  timer.unref();
  req.once('end', () => clearTimeout(timer));
  req.resume();
}
