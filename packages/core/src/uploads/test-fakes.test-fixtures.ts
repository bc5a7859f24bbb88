import type { UploadSignature } from '@causette/protocol';

// Fakes for the upload tests: byte-level images, a signature, and an XMLHttpRequest double.

/** The first bytes of each format (enough for sniffing; not decodable images). */
export const HEADS = {
  png: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13],
  jpg: [0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1],
  gif: [...'GIF89a'].map((c) => c.charCodeAt(0)),
  webp: [...'RIFF\u0024\u0000\u0000\u0000WEBPVP8 '].map((c) => c.charCodeAt(0)),
} as const;

/** A Blob of `size` bytes starting with `head`. */
export function imageBlob(head: readonly number[], type: string, size = 64): Blob {
  const bytes = new Uint8Array(Math.max(size, head.length));
  bytes.set(head);
  return new Blob([bytes.slice(0, size)], { type });
}

export function makeSignature(overrides: Partial<UploadSignature> = {}): UploadSignature {
  return {
    uploadUrl: 'https://api.example.test/v1_1/demo/image/upload',
    apiKey: 'key',
    cloudName: 'demo',
    timestamp: 1_700_000_000,
    signature: 'abc123',
    signatureAlgorithm: 'sha1',
    folder: 'causette/u1',
    publicId: 'causette/u1/xyz',
    allowedFormats: ['jpg', 'png', 'webp', 'gif'],
    maxBytes: 10 * 1024 * 1024,
    expiresAt: 1_700_003_600_000,
    fields: {
      api_key: 'key',
      timestamp: '1700000000',
      signature: 'abc123',
      public_id: 'causette/u1/xyz',
    },
    ...overrides,
  };
}

/** What Cloudinary answers for a stored image. */
export function cloudinaryAnswer(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    public_id: 'causette/u1/xyz',
    version: 1,
    width: 4,
    height: 3,
    format: 'png',
    bytes: 64,
    url: 'http://res.example.test/demo/image/upload/v1/causette/u1/xyz.png',
    secure_url: 'https://res.example.test/demo/image/upload/v1/causette/u1/xyz.png',
    ...overrides,
  };
}

type Handler = ((event: ProgressEvent) => void) | null;

// Node has no ProgressEvent; the code under test reads only these fields.
function event(fields: Partial<ProgressEvent>): ProgressEvent {
  return fields as ProgressEvent;
}

/** A scriptable XMLHttpRequest: tests drive each request through `FakeXhr.last`. */
export class FakeXhr {
  static instances: FakeXhr[] = [];
  static get last(): FakeXhr {
    const xhr = FakeXhr.instances.at(-1);
    if (!xhr) throw new Error('no XMLHttpRequest was made');
    return xhr;
  }

  method = '';
  url = '';
  body: unknown;
  status = 0;
  responseText = '';
  headers: Record<string, string> = {};
  aborted = false;
  /** Answered, failed or aborted. */
  settled = false;
  readonly upload: { onprogress: Handler } = { onprogress: null };
  onload: Handler = null;
  onerror: Handler = null;
  ontimeout: Handler = null;
  onabort: Handler = null;

  constructor() {
    FakeXhr.instances.push(this);
  }
  open(method: string, url: string): void {
    this.method = method;
    this.url = url;
  }
  send(body: unknown): void {
    this.body = body;
  }
  abort(): void {
    this.aborted = true;
    this.settled = true;
    this.onabort?.(event({ type: 'abort' }));
  }
  getResponseHeader(name: string): string | null {
    return this.headers[name.toLowerCase()] ?? null;
  }

  progress(loaded: number, total: number): void {
    this.upload.onprogress?.(event({ lengthComputable: true, loaded, total }));
  }
  respond(status: number, body: unknown, headers: Record<string, string> = {}): void {
    this.settled = true;
    this.status = status;
    this.responseText = typeof body === 'string' ? body : JSON.stringify(body);
    this.headers = headers;
    this.onload?.(event({ type: 'load' }));
  }
  fail(): void {
    this.settled = true;
    this.onerror?.(event({ type: 'error' }));
  }
}
