// Image uploads as the reference server offers them without a Cloudinary account: `POST
// /uploads/sign` (Bearer token) signs one upload to its local store, whose upload API answers like
// Cloudinary's and which serves what it stored. Same routes, fields and errors, as msw handlers.
import { IMAGE_FORMATS, MAX_IMAGE_DIMENSION, type UploadSignature } from '@causette/protocol';
import { HttpResponse, type RequestHandler, http } from 'msw';
import { mimeOfFormat, readImageHeader } from './image-info';
import { decodeMockToken } from './token';
import type { MockUploadFailure, MockUploadedImage } from './types';

/** Path of the mock's Cloudinary-compatible upload API (the reference server's local store's). */
export const MOCK_UPLOAD_PATH = '/uploads/local/image/upload';
/** A signature is accepted this long after its timestamp, as Cloudinary's. */
const SIGNATURE_LIFETIME_MS = 3_600_000;
const CLOUD_NAME = 'mock';

/** What {@link MockUploads} needs from the server. */
export interface MockUploadsOptions {
  /** The server's URL: routes live under it, on the same origin as the socket. */
  url: string;
  now: () => number;
  isKnownUser: (userId: string) => boolean;
  /** Largest image accepted, in bytes. */
  maxBytes: number;
}

interface Issued {
  userId: string;
  fields: Record<string, string>;
  publicId: string;
  timestamp: number;
}

interface Stored extends MockUploadedImage {
  data: Uint8Array;
}

// Pages on another origin (Storybook, Vitest) call these routes: msw's answers must pass CORS.
const CORS = {
  'access-control-allow-origin': '*',
  'access-control-expose-headers': 'www-authenticate, retry-after',
};

const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  HttpResponse.json(body as Record<string, unknown>, { status, headers: { ...CORS, ...headers } });
/** Cloudinary's error shape: `{ error: { message } }`. */
const refuse = (status: number, message: string) => json({ error: { message } }, status);

function randomId(length = 20): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  const bytes = crypto.getRandomValues(new Uint8Array(length));
  return Array.from(bytes, (byte) => alphabet[byte % alphabet.length]).join('');
}

/** The signed uploads, the stored images, and the controls over them. */
export class MockUploads {
  readonly #o: MockUploadsOptions;
  readonly #base: string;
  #issued = new Map<string, Issued>();
  #images = new Map<string, Stored>();
  #failures: MockUploadFailure[] = [];
  #delayMs = 0;
  /** Resolves `true` to let held uploads go on, `false` when the mock is reset under them. */
  #gate: { promise: Promise<boolean>; open: (go: boolean) => void } | null = null;
  #generation = 0;

  constructor(options: MockUploadsOptions) {
    this.#o = options;
    this.#base = options.url.replace(/\/+$/, '');
  }

  /** The msw handlers of the upload routes. */
  handlers(): RequestHandler[] {
    const base = this.#base;
    const preflight = () =>
      new HttpResponse(null, {
        status: 204,
        headers: {
          ...CORS,
          'access-control-allow-methods': 'GET, POST, OPTIONS',
          'access-control-allow-headers': 'authorization, content-type',
        },
      });
    return [
      http.options(`${base}/uploads/sign`, preflight),
      http.options(`${base}${MOCK_UPLOAD_PATH}`, preflight),
      http.post(`${base}/uploads/sign`, ({ request }) => this.#sign(request)),
      http.post(`${base}${MOCK_UPLOAD_PATH}`, ({ request }) => this.#upload(request)),
      http.get(`${base}${MOCK_UPLOAD_PATH}/*`, ({ request }) => this.#serve(request)),
    ];
  }

  /** Stored images, oldest first. */
  images(): MockUploadedImage[] {
    return [...this.#images.values()].map(({ data: _bytes, ...image }) => ({ ...image }));
  }

  setDelay(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0)
      throw new RangeError(`setUploadDelay: ms must be a number >= 0, got ${ms}`);
    this.#delayMs = ms;
  }

  hold(): () => void {
    if (!this.#gate) {
      let open: (go: boolean) => void = () => undefined;
      const promise = new Promise<boolean>((resolve) => (open = resolve));
      this.#gate = { promise, open };
    }
    const gate = this.#gate;
    return () => {
      gate.open(true);
      if (this.#gate === gate) this.#gate = null;
    };
  }

  failNext(failure: MockUploadFailure, count: number): void {
    const status = failure.status ?? 400;
    if (!Number.isInteger(status) || status < 400 || status > 599)
      throw new RangeError(`failNextUpload: status must be an HTTP error status, got ${status}`);
    for (let i = 0; i < count; i++) this.#failures.push({ ...failure, status });
  }

  reset(): void {
    this.#generation++;
    this.#gate?.open(false);
    this.#gate = null;
    this.#issued.clear();
    this.#images.clear();
    this.#failures = [];
    this.#delayMs = 0;
  }

  #sign(request: Request) {
    const token = /^Bearer\s+(\S+)$/i.exec(request.headers.get('authorization') ?? '')?.[1];
    const claims = token ? decodeMockToken(token) : null;
    const unauthorized = (message: string, description = message) =>
      json({ error: { code: 'UNAUTHORIZED', message } }, 401, {
        'www-authenticate': `Bearer error="invalid_token", error_description="${description}"`,
      });
    if (!token) return unauthorized('A Bearer token is required');
    if (!claims || !this.#o.isKnownUser(claims.sub)) return unauthorized('Invalid token');
    if (claims.exp * 1000 <= this.#o.now())
      return unauthorized('Token expired', 'The token has expired');

    const now = this.#o.now();
    const timestamp = Math.floor(now / 1000);
    const folder = `causette/${claims.sub}`;
    const publicId = `${folder}/${randomId()}`;
    const allowedFormats = [...IMAGE_FORMATS];
    const signature = randomId(40);
    const signed = {
      allowed_formats: allowedFormats.join(','),
      overwrite: 'false',
      public_id: publicId,
      timestamp: String(timestamp),
    };
    this.#issued.set(signature, { userId: claims.sub, fields: signed, publicId, timestamp });
    const body: UploadSignature = {
      uploadUrl: `${this.#base}${MOCK_UPLOAD_PATH}`,
      apiKey: CLOUD_NAME,
      cloudName: CLOUD_NAME,
      timestamp,
      signature,
      signatureAlgorithm: 'sha256',
      folder,
      publicId,
      allowedFormats,
      maxBytes: this.#o.maxBytes,
      expiresAt: timestamp * 1000 + SIGNATURE_LIFETIME_MS,
      fields: { ...signed, api_key: CLOUD_NAME, signature },
    };
    return json(body);
  }

  async #upload(request: Request) {
    const generation = this.#generation;
    if (this.#delayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.#delayMs));
    if (this.#gate && !(await this.#gate.promise)) {
      return refuse(503, 'The mock server was reset during the upload');
    }
    if (generation !== this.#generation) {
      return refuse(503, 'The mock server was reset during the upload');
    }
    if (request.signal?.aborted) return HttpResponse.error();
    const failure = this.#failures.shift();
    if (failure)
      return refuse(failure.status ?? 400, failure.message ?? 'injected by the mock server');

    let form: FormData;
    try {
      form = await request.formData();
    } catch {
      return refuse(400, 'Invalid multipart body');
    }
    const field = (name: string) => {
      const value = form.get(name);
      return typeof value === 'string' ? value : '';
    };
    if (field('api_key') !== CLOUD_NAME) return refuse(401, `Invalid api_key ${field('api_key')}`);
    const issued = this.#issued.get(field('signature'));
    if (!issued || Object.entries(issued.fields).some(([name, value]) => field(name) !== value)) {
      return refuse(401, `Invalid Signature ${field('signature')}`);
    }
    if (this.#o.now() - issued.timestamp * 1000 > SIGNATURE_LIFETIME_MS) {
      return refuse(401, 'Stale request - the signature is more than 1 hour old');
    }
    const file = form.get('file');
    if (!file || typeof file === 'string') return refuse(400, 'Missing required parameter - file');
    if (file.size > this.#o.maxBytes) {
      return refuse(400, `File size too large. Got ${file.size}. Maximum is ${this.#o.maxBytes}.`);
    }
    if (file.size === 0) return refuse(400, 'Empty file');
    const data = new Uint8Array(await file.arrayBuffer());
    const image = readImageHeader(data);
    if (!image) return refuse(400, 'Invalid image file');
    if (image.width > MAX_IMAGE_DIMENSION || image.height > MAX_IMAGE_DIMENSION) {
      return refuse(400, `Image dimensions ${image.width}x${image.height} are larger than allowed`);
    }

    const existing = this.#images.get(issued.publicId);
    const version = Math.floor(this.#o.now() / 1000);
    // overwrite=false, as signed: a reused signature gets the first image back.
    const stored = existing ?? {
      ...image,
      publicId: issued.publicId,
      version,
      url: `${this.#base}${MOCK_UPLOAD_PATH}/v${version}/${issued.publicId}.${image.format}`,
      bytes: data.byteLength,
      userId: issued.userId,
      uploadedAt: new Date(this.#o.now()).toISOString(),
      data,
    };
    if (generation !== this.#generation) {
      return refuse(503, 'The mock server was reset during the upload');
    }
    this.#images.set(stored.publicId, stored);
    return json({
      public_id: stored.publicId,
      version: stored.version,
      width: stored.width,
      height: stored.height,
      format: stored.format,
      resource_type: 'image',
      created_at: stored.uploadedAt,
      bytes: stored.bytes,
      type: 'upload',
      url: stored.url,
      secure_url: stored.url,
      original_filename: file.name.replace(/\.[^.]*$/, '') || 'file',
      api_key: CLOUD_NAME,
      ...(existing ? { existing: true } : {}),
    });
  }

  #serve(request: Request) {
    const url = request.url.split(/[?#]/)[0];
    const image = [...this.#images.values()].find((each) => each.url === url);
    if (!image) return new HttpResponse('Not found', { status: 404, headers: CORS });
    return new HttpResponse(image.data.slice().buffer, {
      headers: {
        ...CORS,
        'content-type': mimeOfFormat(image.format),
        'content-length': String(image.bytes),
        'cache-control': 'no-store',
      },
    });
  }
}
