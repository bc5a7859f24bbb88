import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config';
import { createAttachmentVerifier } from './attachment-verifier';

const config = loadConfig({ CLOUDINARY_URL: 'cloudinary://123456:cloud-secret@demo' });
const verify = createAttachmentVerifier(config);
const good = {
  url: 'https://res.cloudinary.com/demo/image/upload/v1712345678/causette/u-owner-1/abc123.png',
  publicId: 'causette/u-owner-1/abc123',
  width: 800,
  height: 600,
  bytes: 120_000,
  format: 'png' as const,
};

describe('createAttachmentVerifier with Cloudinary', () => {
  it('accepts the delivery URL this server rebuilds for the cloud, public id, version and format', async () => {
    await expect(verify(good)).resolves.toBe(true);
  });

  it('refuses anything else', async () => {
    const variants = [
      { url: good.url.replace('/demo/', '/other-cloud/') },
      { url: good.url.replace('https:', 'http:') },
      { url: good.url.replace('/upload/', '/upload/w_2000/') },
      { url: good.url.replace('/v1712345678/', '/') },
      { url: `${good.url}?x=1` },
      { url: good.url.replace('.png', '.jpg') },
      { format: 'jpg' as const },
      { publicId: 'causette/u-owner-1/other' },
      {
        url: 'https://res.cloudinary.com/demo/image/upload/v1/elsewhere/abc.png',
        publicId: 'elsewhere/abc',
      },
      {
        url: 'https://res.cloudinary.com/demo/image/upload/v1/causette/../x.png',
        publicId: 'causette/../x',
      },
      { bytes: 11 * 1024 * 1024 },
      {
        url: 'https://evil.example.com/demo/image/upload/v1712345678/causette/u-owner-1/abc123.png',
      },
    ];
    for (const change of variants) {
      await expect(verify({ ...good, ...change })).resolves.toBe(false);
    }
  });
});

describe('createAttachmentVerifier without Cloudinary', () => {
  it('refuses Cloudinary URLs and unknown local files', async () => {
    const local = createAttachmentVerifier(
      loadConfig({ UPLOAD_DIR: '/nonexistent/causette-test' }),
    );
    await expect(local(good)).resolves.toBe(false);
    await expect(
      local({
        ...good,
        url: 'http://127.0.0.1:3001/uploads/local/image/upload/v1712345678/causette/u-owner-1/abc123.png',
      }),
    ).resolves.toBe(false);
  });
});
