import { MAX_IMAGE_BYTES } from '@causette/protocol';
import { describe, expect, it } from 'vitest';
import { ChatError } from '../errors';
import { sniffImageFormat, validateImageFile } from './image-file';
import { HEADS, imageBlob } from './test-fakes.test-fixtures';

async function refusal(promise: Promise<unknown>): Promise<ChatError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ChatError);
  return error as ChatError;
}

describe('sniffImageFormat', () => {
  it('recognises each format by its magic bytes', () => {
    expect(sniffImageFormat(new Uint8Array(HEADS.png))).toBe('png');
    expect(sniffImageFormat(new Uint8Array(HEADS.jpg))).toBe('jpg');
    expect(sniffImageFormat(new Uint8Array(HEADS.gif))).toBe('gif');
    expect(sniffImageFormat(new Uint8Array([...'GIF87a'].map((c) => c.charCodeAt(0))))).toBe('gif');
    expect(sniffImageFormat(new Uint8Array(HEADS.webp))).toBe('webp');
  });

  it('recognises nothing else, nor a truncated head', () => {
    expect(sniffImageFormat(new Uint8Array([]))).toBeUndefined();
    expect(sniffImageFormat(new Uint8Array(HEADS.png.slice(0, 7)))).toBeUndefined();
    expect(sniffImageFormat(new TextEncoder().encode('RIFF....WAVEfmt '))).toBeUndefined();
    expect(sniffImageFormat(new TextEncoder().encode('<svg xmlns="'))).toBeUndefined();
  });
});

describe('validateImageFile', () => {
  it('resolves with the format of a valid image of each kind', async () => {
    await expect(validateImageFile(imageBlob(HEADS.png, 'image/png'))).resolves.toBe('png');
    await expect(validateImageFile(imageBlob(HEADS.jpg, 'image/jpeg'))).resolves.toBe('jpg');
    await expect(validateImageFile(imageBlob(HEADS.gif, 'image/gif'))).resolves.toBe('gif');
    await expect(validateImageFile(imageBlob(HEADS.webp, 'image/webp'))).resolves.toBe('webp');
  });

  it('trusts the bytes over the MIME type when both are images (a renamed file)', async () => {
    await expect(validateImageFile(imageBlob(HEADS.jpg, 'image/png'))).resolves.toBe('jpg');
  });

  it('refuses an empty file', async () => {
    const error = await refusal(validateImageFile(new Blob([], { type: 'image/png' })));
    expect(error.code).toBe('INVALID');
    expect(error.message).toMatch(/empty/);
  });

  it('refuses a file over the cap with TOO_LARGE, MAX_IMAGE_BYTES by default', async () => {
    const small = await refusal(
      validateImageFile(imageBlob(HEADS.png, 'image/png', 2048), { maxBytes: 1024 }),
    );
    expect(small.code).toBe('TOO_LARGE');
    expect(small.message).toMatch(/2 KB, at most 1 KB/);
    await expect(
      validateImageFile(imageBlob(HEADS.png, 'image/png', 1024), { maxBytes: 1024 }),
    ).resolves.toBe('png');
    const big = { size: MAX_IMAGE_BYTES + 1, type: 'image/png', slice: () => new Blob() };
    expect((await refusal(validateImageFile(big as unknown as Blob))).code).toBe('TOO_LARGE');
  });

  it('refuses a MIME type that is not an image we carry, even with image bytes', async () => {
    const svg = await refusal(validateImageFile(imageBlob(HEADS.png, 'image/svg+xml')));
    expect(svg.code).toBe('INVALID');
    expect(svg.message).toMatch(/"image\/svg\+xml".*JPG, PNG, WEBP, GIF/);
    const none = await refusal(validateImageFile(imageBlob(HEADS.png, '')));
    expect(none.message).toMatch(/unknown/);
  });

  it('refuses bytes that are not an image, whatever the MIME type says', async () => {
    const text = new Blob(['hello, this is not a png'], { type: 'image/png' });
    const error = await refusal(validateImageFile(text));
    expect(error.code).toBe('INVALID');
    expect(error.message).toMatch(/not a valid image/);
  });

  it('applies allowedFormats to both the MIME type and the bytes', async () => {
    const gif = await refusal(
      validateImageFile(imageBlob(HEADS.gif, 'image/gif'), { allowedFormats: ['png', 'jpg'] }),
    );
    expect(gif.message).toMatch(/PNG, JPG/);
    const disguised = await refusal(
      validateImageFile(imageBlob(HEADS.gif, 'image/png'), { allowedFormats: ['png'] }),
    );
    expect(disguised.message).toMatch(/GIF image/);
  });

  it('refuses what is not a Blob, and bad limits', async () => {
    expect((await refusal(validateImageFile('x' as unknown as Blob))).code).toBe('INVALID');
    expect((await refusal(validateImageFile(null as unknown as Blob))).code).toBe('INVALID');
    await refusal(validateImageFile(imageBlob(HEADS.png, 'image/png'), { maxBytes: 0 }));
  });

  it('reports a file that cannot be read as INVALID', async () => {
    const broken = {
      size: 10,
      type: 'image/png',
      slice: () => ({ arrayBuffer: () => Promise.reject(new Error('gone')) }),
    };
    const error = await refusal(validateImageFile(broken as unknown as Blob));
    expect(error.message).toMatch(/could not be read/);
  });
});
