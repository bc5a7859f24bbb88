// The upload routes over Node's fetch, as @causette/core's requestUploadSignature and
// uploadImage call them outside a browser.
import type { UploadSignature } from '@causette/protocol';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createMockChatServer } from './server';
import { PNG_3X2, uploadForm } from './upload-test-images.test-fixtures';

const server = createMockChatServer({ uploadMaxBytes: 1024 });
beforeAll(() => server.listen());
afterEach(() => server.reset());
afterAll(() => server.close());

const sign = (token: string | null = server.tokenFor('u-alice')) =>
  fetch(`${server.url}/uploads/sign`, {
    method: 'POST',
    headers: token === null ? {} : { authorization: `Bearer ${token}` },
  });

async function signed(): Promise<UploadSignature> {
  const answer = await sign();
  expect(answer.status).toBe(200);
  return (await answer.json()) as UploadSignature;
}

const upload = (
  signature: UploadSignature,
  file: Blob = new Blob([PNG_3X2], { type: 'image/png' }),
) => fetch(signature.uploadUrl, { method: 'POST', body: uploadForm(signature.fields, file) });

describe('POST /uploads/sign', () => {
  it('refuses a request without a valid Bearer token with 401', async () => {
    for (const token of [null, 'not-a-token', server.tokenFor('u-nobody')]) {
      const answer = await sign(token);
      expect(answer.status).toBe(401);
      expect(await answer.json()).toMatchObject({ error: { code: 'UNAUTHORIZED' } });
    }
  });

  it('says an expired token has expired, as core reads it (www-authenticate)', async () => {
    const answer = await sign(server.tokenFor('u-alice', { expiresInMs: -1000 }));
    expect(answer.status).toBe(401);
    expect(answer.headers.get('www-authenticate')).toMatch(/expired/);
  });

  it('signs one upload to a Cloudinary-like URL on the same origin', async () => {
    const signature = await signed();
    expect(signature).toMatchObject({
      uploadUrl: `${server.url}/uploads/local/image/upload`,
      cloudName: 'mock',
      allowedFormats: ['jpg', 'png', 'webp', 'gif'],
      maxBytes: 1024,
      folder: 'causette/u-alice',
      fields: { api_key: 'mock', public_id: signature.publicId, signature: signature.signature },
    });
    expect(signature.publicId.startsWith('causette/u-alice/')).toBe(true);
    expect(signature.expiresAt).toBeGreaterThan(Date.now());
  });
});

describe('the upload API', () => {
  it('stores the image, answers like Cloudinary and serves the bytes at secure_url', async () => {
    const signature = await signed();
    const answer = await upload(signature);
    expect(answer.status).toBe(200);
    const body = (await answer.json()) as Record<string, unknown>;
    expect(body).toMatchObject({
      public_id: signature.publicId,
      width: 3,
      height: 2,
      bytes: PNG_3X2.byteLength,
      format: 'png',
      original_filename: 'photo',
    });
    expect(body.secure_url).toMatch(
      new RegExp(`^${server.url}/uploads/local/image/upload/v\\d+/causette/u-alice/\\w+\\.png$`),
    );
    expect(server.uploadedImages()).toEqual([
      expect.objectContaining({
        publicId: signature.publicId,
        userId: 'u-alice',
        url: body.secure_url,
      }),
    ]);

    const image = await fetch(String(body.secure_url));
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toBe('image/png');
    expect(new Uint8Array(await image.arrayBuffer())).toEqual(PNG_3X2);
    expect((await fetch(`${server.url}/uploads/local/image/upload/v1/nothing.png`)).status).toBe(
      404,
    );
  });

  it('refuses a form whose signature it did not issue', async () => {
    const signature = await signed();
    const forged = {
      ...signature,
      fields: { ...signature.fields, public_id: 'causette/u-alice/mine' },
    };
    expect((await upload(forged)).status).toBe(401);
    const unknown = { ...signature, fields: { ...signature.fields, signature: 'forged' } };
    expect((await upload(unknown)).status).toBe(401);
    expect(server.uploadedImages()).toEqual([]);
  });

  it('refuses what is not an image, and a file over the size limit, as Cloudinary does', async () => {
    const text = await upload(await signed(), new Blob(['hello'], { type: 'image/png' }));
    expect(text.status).toBe(400);
    expect(await text.json()).toEqual({ error: { message: 'Invalid image file' } });
    const big = await upload(await signed(), new Blob([PNG_3X2, new Uint8Array(2000)]));
    expect(big.status).toBe(400);
    expect(((await big.json()) as { error: { message: string } }).error.message).toMatch(
      /^File size too large/,
    );
    expect(server.uploadedImages()).toEqual([]);
  });

  it('failNextUpload refuses the next uploads with the given status, then accepts again', async () => {
    server.failNextUpload({ status: 503, message: 'try later' }, 2);
    for (let i = 0; i < 2; i++) {
      const answer = await upload(await signed());
      expect(answer.status).toBe(503);
      expect(await answer.json()).toEqual({ error: { message: 'try later' } });
    }
    server.failNextUpload();
    expect((await upload(await signed())).status).toBe(400);
    expect((await upload(await signed())).status).toBe(200);
    expect(() => server.failNextUpload({ status: 200 })).toThrow(RangeError);
    expect(() => server.failNextUpload({}, 0)).toThrow(RangeError);
  });

  it('holdUploads keeps an upload unanswered until released', async () => {
    const release = server.holdUploads();
    let settled = false;
    const answer = upload(await signed()).then((response) => {
      settled = true;
      return response;
    });
    // Signing is not held: a fresh signature still comes while the upload waits.
    await signed();
    expect(settled).toBe(false);
    expect(server.uploadedImages()).toEqual([]);
    release();
    expect((await answer).status).toBe(200);
    expect(server.uploadedImages()).toHaveLength(1);
  });

  it('reset answers held uploads with 503 and stores nothing of them', async () => {
    server.holdUploads();
    const answer = upload(await signed());
    await signed();
    server.reset();
    expect((await answer).status).toBe(503);
    expect(server.uploadedImages()).toEqual([]);
  });

  it('setUploadDelay delays the answer, and takes only a number >= 0', async () => {
    server.setUploadDelay(20);
    expect((await upload(await signed())).status).toBe(200);
    expect(() => server.setUploadDelay(-1)).toThrow(RangeError);
  });
});
