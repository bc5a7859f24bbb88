import { requestUploadSignature, uploadImage } from '@causette/core/uploads';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startTestServer, type TestServer } from '../http/test-server.test-fixtures';
import { createAttachmentVerifier } from './attachment-verifier';
import { makePng, makePngClaiming } from './test-images.test-fixtures';

// The SDK's upload path against the real server: sign over HTTP, upload to the local
// Cloudinary-compatible store (with fetch, as Node has no XMLHttpRequest), and check that the
// attachment it builds is one the server vouches for.

vi.setConfig({ testTimeout: 30_000, hookTimeout: 30_000 });

describe('@causette/core uploads against the reference server', () => {
  let server: TestServer;
  let token: string;
  beforeAll(async () => {
    server = await startTestServer();
    const response = await fetch(`${server.url}/auth/dev-login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ userId: 'u-owner-1' }),
    });
    token = ((await response.json()) as { token: string }).token;
  });
  afterAll(() => server.close());

  it('uploads a PNG and gets an attachment the server accepts', async () => {
    const signature = await requestUploadSignature({ url: server.url, token });
    const png = makePng(4, 3);
    const progress: { loaded: number; total: number }[] = [];
    const attachment = await uploadImage(
      new Blob([new Uint8Array(png)], { type: 'image/png' }),
      signature,
      { onProgress: (p) => progress.push(p) },
    );
    expect(attachment).toMatchObject({
      publicId: signature.publicId,
      width: 4,
      height: 3,
      bytes: png.length,
      format: 'png',
    });
    expect(progress.at(-1)).toEqual({ loaded: png.length, total: png.length });
    const verify = createAttachmentVerifier(server.config);
    await expect(verify(attachment, 'u-owner-1')).resolves.toBe(true);
    const image = await fetch(attachment.url);
    expect(image.status).toBe(200);
    expect(new Uint8Array(await image.arrayBuffer())).toEqual(new Uint8Array(png));
  });

  it('refuses to sign for a bad token', async () => {
    await expect(requestUploadSignature({ url: server.url, token: 'nope' })).rejects.toMatchObject({
      name: 'ChatError',
      code: 'UNAUTHORIZED',
    });
  });

  it('reports a tampered signature as a permanent UNAUTHORIZED with the store message', async () => {
    const signature = await requestUploadSignature({ url: server.url, token });
    const tampered = {
      ...signature,
      fields: { ...signature.fields, public_id: `${signature.folder}/other` },
    };
    const file = new Blob([new Uint8Array(makePng(2, 2))], { type: 'image/png' });
    await expect(uploadImage(file, tampered)).rejects.toMatchObject({
      name: 'ChatError',
      code: 'UNAUTHORIZED',
      message: expect.stringMatching(/Invalid Signature/),
    });
  });

  it('reports an image the store refuses as INVALID', async () => {
    const signature = await requestUploadSignature({ url: server.url, token });
    // PNG magic bytes (so the SDK's sniffing passes) but no valid image behind them.
    const bogus = new Uint8Array(64);
    bogus.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    await expect(
      uploadImage(new Blob([bogus], { type: 'image/png' }), signature),
    ).rejects.toMatchObject({ name: 'ChatError', code: 'INVALID' });
  });

  it('reports a pixel flood the store refuses as INVALID, with its reason', async () => {
    const signature = await requestUploadSignature({ url: server.url, token });
    const flood = new Blob([new Uint8Array(makePngClaiming(20_000, 20_000))], {
      type: 'image/png',
    });
    await expect(uploadImage(flood, signature)).rejects.toMatchObject({
      name: 'ChatError',
      code: 'INVALID',
      message: expect.stringMatching(/20000x20000 pixels is larger than the 40000000 pixels/),
    });
  });
});
