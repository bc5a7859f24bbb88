import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config';
import { ServiceError } from '../services/errors';
import { createAttachmentVerifier } from './attachment-verifier';
import { createUploadSigner } from './upload-signer';
import { resolveUploadTarget } from './upload-target';

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
    await expect(verify(good, 'u-owner-1')).resolves.toBe(true);
  });

  it('accepts only the sender’s own uploads (the public id lies in their folder)', async () => {
    await expect(verify(good, 'u-owner-2')).resolves.toBe(false);
    await expect(verify(good, 'u-owner')).resolves.toBe(false);
    // A user id that is not path-safe has a hashed folder: the plain one is not theirs.
    const email = 'camille@example.com';
    const hashed = createUploadSigner(resolveUploadTarget(config))(email).publicId;
    const theirs = {
      ...good,
      url: `https://res.cloudinary.com/demo/image/upload/v1712345678/${hashed}.png`,
      publicId: hashed,
    };
    await expect(verify(theirs, email)).resolves.toBe(true);
    await expect(verify(theirs, 'u-owner-1')).resolves.toBe(false);
  });

  it('refuses an image of more pixels than allowed, with a reason', async () => {
    const flood = { ...good, width: 20_000, height: 20_000 };
    const refusal = await verify(flood, 'u-owner-1').catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(ServiceError);
    expect(refusal).toMatchObject({
      code: 'INVALID',
      message: 'attachment: 20000x20000 is more than the 40000000 pixels this server accepts',
    });
    const capped = createAttachmentVerifier({
      ...config,
      uploads: { ...config.uploads, maxPixels: 800 * 600 - 1 },
    });
    await expect(capped(good, 'u-owner-1')).rejects.toMatchObject({ code: 'INVALID' });
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
      await expect(verify({ ...good, ...change }, 'u-owner-1')).resolves.toBe(false);
    }
  });
});

describe('createAttachmentVerifier without Cloudinary', () => {
  it('refuses Cloudinary URLs and unknown local files', async () => {
    const local = createAttachmentVerifier(
      loadConfig({ UPLOAD_DIR: '/nonexistent/causette-test' }),
    );
    await expect(local(good, 'u-owner-1')).resolves.toBe(false);
    await expect(
      local(
        {
          ...good,
          url: 'http://127.0.0.1:3001/uploads/local/image/upload/v1712345678/causette/u-owner-1/abc123.png',
        },
        'u-owner-1',
      ),
    ).resolves.toBe(false);
  });
});
