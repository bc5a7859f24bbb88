import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ChatError } from '../errors';
import { uploadImage, type UploadProgress } from './upload-image';
import {
  FakeXhr,
  HEADS,
  cloudinaryAnswer,
  imageBlob,
  makeSignature,
} from './test-fakes.test-fixtures';

async function refusal(promise: Promise<unknown>): Promise<ChatError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ChatError);
  return error as ChatError;
}

/** The request `uploadImage` made once past its async file check. */
async function started(): Promise<FakeXhr> {
  return vi.waitFor(() => {
    const xhr = FakeXhr.last;
    if (xhr.settled || xhr.body === undefined) throw new Error('no new request yet');
    return xhr;
  });
}

const png = () => imageBlob(HEADS.png, 'image/png', 64);

describe('uploadImage with XMLHttpRequest', () => {
  beforeEach(() => {
    FakeXhr.instances = [];
    vi.stubGlobal('XMLHttpRequest', FakeXhr);
  });
  afterEach(() => vi.unstubAllGlobals());

  it('POSTs the signed fields and the file, and builds the attachment from the answer', async () => {
    const signature = makeSignature();
    const pending = uploadImage(png(), signature);
    const xhr = await started();
    expect(xhr.method).toBe('POST');
    expect(xhr.url).toBe(signature.uploadUrl);
    const form = xhr.body as FormData;
    for (const [name, value] of Object.entries(signature.fields))
      expect(form.get(name)).toBe(value);
    const file = form.get('file') as File;
    expect(file.size).toBe(64);
    expect(file.name).toBe('image.png');
    xhr.respond(200, cloudinaryAnswer());
    await expect(pending).resolves.toEqual({
      url: 'https://res.example.test/demo/image/upload/v1/causette/u1/xyz.png',
      publicId: 'causette/u1/xyz',
      width: 4,
      height: 3,
      bytes: 64,
      format: 'png',
    });
  });

  it('keeps the name of a File', async () => {
    const file = new File([new Uint8Array(HEADS.png)], 'holiday.png', { type: 'image/png' });
    const pending = uploadImage(file, makeSignature());
    const xhr = await started();
    expect(((xhr.body as FormData).get('file') as File).name).toBe('holiday.png');
    xhr.respond(200, cloudinaryAnswer());
    await pending;
  });

  it('maps jpeg to jpg', async () => {
    const pending = uploadImage(imageBlob(HEADS.jpg, 'image/jpeg'), makeSignature());
    (await started()).respond(200, cloudinaryAnswer({ format: 'JPEG' }));
    expect((await pending).format).toBe('jpg');
  });

  it('reports upload progress in bytes of the file, ending with loaded === total', async () => {
    const progress: UploadProgress[] = [];
    const pending = uploadImage(png(), makeSignature(), { onProgress: (p) => progress.push(p) });
    const xhr = await started();
    xhr.progress(100, 400);
    xhr.progress(100, 400);
    xhr.progress(300, 400);
    xhr.respond(200, cloudinaryAnswer());
    await pending;
    expect(progress).toEqual([
      { loaded: 16, total: 64 },
      { loaded: 48, total: 64 },
      { loaded: 64, total: 64 },
    ]);
  });

  it('survives a throwing progress listener', async () => {
    const pending = uploadImage(png(), makeSignature(), {
      onProgress: () => {
        throw new Error('listener bug');
      },
    });
    const xhr = await started();
    xhr.progress(1, 2);
    xhr.respond(200, cloudinaryAnswer());
    await expect(pending).resolves.toMatchObject({ format: 'png' });
  });

  it('aborts the request when the signal aborts, with ABORTED', async () => {
    const controller = new AbortController();
    const pending = uploadImage(png(), makeSignature(), { signal: controller.signal });
    const xhr = await started();
    controller.abort();
    expect(xhr.aborted).toBe(true);
    const error = await refusal(pending);
    expect(error.code).toBe('ABORTED');
    expect(error.transient).toBe(false);
  });

  it('does not start when the signal is already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    const error = await refusal(uploadImage(png(), makeSignature(), { signal: controller.signal }));
    expect(error.code).toBe('ABORTED');
    expect(FakeXhr.instances).toEqual([]);
  });

  it('maps Cloudinary refusals to permanent errors with its message', async () => {
    const cases: [number, string, string][] = [
      [400, 'Invalid image file', 'INVALID'],
      [400, 'File size too large. Got 20000000. Maximum is 10485760.', 'TOO_LARGE'],
      [401, 'Invalid Signature abc123. String to sign', 'UNAUTHORIZED'],
      [403, 'Account is disabled', 'UNAUTHORIZED'],
      [413, 'Request Entity Too Large', 'TOO_LARGE'],
    ];
    for (const [status, message, code] of cases) {
      const pending = uploadImage(png(), makeSignature());
      (await started()).respond(status, { error: { message } });
      const error = await refusal(pending);
      expect(error.code).toBe(code);
      expect(error.transient).toBe(false);
      expect(error.message).toContain(message);
    }
  });

  it('maps 5xx, 420/429 and network errors to transient errors', async () => {
    const cases: [number, string][] = [
      [500, 'UNAVAILABLE'],
      [502, 'UNAVAILABLE'],
      [420, 'RATE_LIMITED'],
      [429, 'RATE_LIMITED'],
    ];
    for (const [status, code] of cases) {
      const pending = uploadImage(png(), makeSignature());
      (await started()).respond(status, '<html>oops</html>');
      const error = await refusal(pending);
      expect(error.code).toBe(code);
      expect(error.transient).toBe(true);
      expect(error.message).toMatch(new RegExp(`HTTP ${status}`));
    }
    const pending = uploadImage(png(), makeSignature());
    (await started()).fail();
    const error = await refusal(pending);
    expect(error.code).toBe('UNAVAILABLE');
    expect(error.transient).toBe(true);
  });

  it('rejects an answer without the image details as INTERNAL, and a foreign format as INVALID', async () => {
    for (const broken of [
      'not json',
      cloudinaryAnswer({ secure_url: undefined }),
      cloudinaryAnswer({ width: 0 }),
      cloudinaryAnswer({ bytes: 1.5 }),
      cloudinaryAnswer({ format: undefined }),
    ]) {
      const pending = uploadImage(png(), makeSignature());
      (await started()).respond(200, broken);
      expect((await refusal(pending)).code).toBe('INTERNAL');
    }
    const pending = uploadImage(png(), makeSignature());
    (await started()).respond(200, cloudinaryAnswer({ format: 'bmp' }));
    const error = await refusal(pending);
    expect(error.code).toBe('INVALID');
    expect(error.message).toMatch(/bmp/);
  });

  it('checks the file against the signature and the options before any request', async () => {
    const tooBig = await refusal(
      uploadImage(imageBlob(HEADS.png, 'image/png', 200), makeSignature({ maxBytes: 100 })),
    );
    expect(tooBig.code).toBe('TOO_LARGE');
    const capped = await refusal(
      uploadImage(imageBlob(HEADS.png, 'image/png', 200), makeSignature(), { maxBytes: 100 }),
    );
    expect(capped.code).toBe('TOO_LARGE');
    const gif = await refusal(
      uploadImage(imageBlob(HEADS.gif, 'image/gif'), makeSignature({ allowedFormats: ['png'] })),
    );
    expect(gif.code).toBe('INVALID');
    const optionGif = await refusal(
      uploadImage(imageBlob(HEADS.gif, 'image/gif'), makeSignature(), { allowedFormats: ['png'] }),
    );
    expect(optionGif.code).toBe('INVALID');
    expect(FakeXhr.instances).toEqual([]);
  });

  it('refuses a malformed signature with INVALID', async () => {
    const error = await refusal(uploadImage(png(), { uploadUrl: 'x' } as never));
    expect(error.code).toBe('INVALID');
    expect(FakeXhr.instances).toEqual([]);
  });
});

describe('uploadImage with fetch (no XMLHttpRequest)', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('POSTs the form with fetch and reports progress once at the end', async () => {
    const fetch = vi.fn(
      async (_input: RequestInfo | URL, _init?: RequestInit) =>
        new Response(JSON.stringify(cloudinaryAnswer())),
    );
    vi.stubGlobal('fetch', fetch);
    const progress: UploadProgress[] = [];
    const attachment = await uploadImage(png(), makeSignature(), {
      onProgress: (p) => progress.push(p),
    });
    expect(attachment.publicId).toBe('causette/u1/xyz');
    expect(progress).toEqual([{ loaded: 64, total: 64 }]);
    const [url, init] = fetch.mock.calls[0]!;
    expect(url).toBe(makeSignature().uploadUrl);
    expect(init?.method).toBe('POST');
    expect((init?.body as FormData).get('file')).toBeInstanceOf(Blob);
  });

  it('maps an HTTP refusal, a network error and an abort', async () => {
    vi.stubGlobal(
      'fetch',
      async () =>
        new Response(JSON.stringify({ error: { message: 'Invalid image file' } }), { status: 400 }),
    );
    expect((await refusal(uploadImage(png(), makeSignature()))).code).toBe('INVALID');

    vi.stubGlobal('fetch', async () => Promise.reject(new TypeError('fetch failed')));
    expect((await refusal(uploadImage(png(), makeSignature()))).code).toBe('UNAVAILABLE');

    const controller = new AbortController();
    vi.stubGlobal(
      'fetch',
      (_: RequestInfo | URL, init?: RequestInit) =>
        new Promise((_resolve, reject) =>
          init?.signal?.addEventListener('abort', () => reject(init.signal?.reason)),
        ),
    );
    const pending = uploadImage(png(), makeSignature(), { signal: controller.signal });
    await new Promise((resolve) => setTimeout(resolve, 0));
    controller.abort();
    expect((await refusal(pending)).code).toBe('ABORTED');
  });
});
