import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startTestServer, type TestServer } from '../http/test-server.test-fixtures';
import { signParams, signUploadResponse } from './cloudinary-signature';
import { createAttachmentVerifier } from './attachment-verifier';
import { makeGif, makePng, makePngClaiming } from './test-images.test-fixtures';
import type { UploadSignature } from './upload-signer';
import { LOCAL_UPLOAD_PATH, resolveUploadTarget } from './upload-target';

// Real servers and sockets on a loaded machine: give them room (no assertion is about time).
vi.setConfig({ testTimeout: 30_000, hookTimeout: 30_000 });

async function login(server: TestServer, userId = 'u-owner-1'): Promise<string> {
  const response = await fetch(`${server.url}/auth/dev-login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ userId }),
  });
  return ((await response.json()) as { token: string }).token;
}

async function sign(server: TestServer, token: string): Promise<UploadSignature> {
  const response = await fetch(`${server.url}/uploads/sign`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
  });
  expect(response.status).toBe(200);
  return (await response.json()) as UploadSignature;
}

function form(
  fields: Record<string, string>,
  file?: { bytes: Uint8Array; name: string },
): FormData {
  const body = new FormData();
  if (file) body.append('file', new Blob([new Uint8Array(file.bytes)]), file.name);
  for (const [key, value] of Object.entries(fields)) body.append(key, value);
  return body;
}

async function upload(
  url: string,
  body: FormData,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(url, { method: 'POST', body });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

function rawGet(url: string, path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { path, method: 'GET' }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('local upload store (no CLOUDINARY_URL)', () => {
  let server: TestServer;
  let token: string;
  beforeAll(async () => {
    server = await startTestServer();
    token = await login(server);
  });
  afterAll(() => server.close());

  it('signs uploads for the bearer of a valid token, into a per-user folder', async () => {
    const signature = await sign(server, token);
    expect(signature).toMatchObject({
      uploadUrl: `${server.url}${LOCAL_UPLOAD_PATH}`,
      cloudName: 'local',
      apiKey: 'local',
      folder: 'causette/u-owner-1',
      allowedFormats: ['jpg', 'png', 'webp', 'gif'],
      maxBytes: 10 * 1024 * 1024,
    });
    expect(signature.publicId.startsWith('causette/u-owner-1/')).toBe(true);
    expect(signature.fields).toMatchObject({
      api_key: 'local',
      public_id: signature.publicId,
      signature: signature.signature,
    });
  });

  it('refuses to sign without a valid token', async () => {
    const none = await fetch(`${server.url}/uploads/sign`, { method: 'POST' });
    expect(none.status).toBe(401);
    expect(await none.json()).toMatchObject({ error: { code: 'UNAUTHORIZED' } });
    const bad = await fetch(`${server.url}/uploads/sign`, {
      method: 'POST',
      headers: { authorization: 'Bearer a.b.c' },
    });
    expect(bad.status).toBe(401);
    expect(bad.headers.get('www-authenticate')).toMatch(/invalid_token/);
  });

  it('stores an image uploaded like to Cloudinary, serves it, and vouches for it', async () => {
    const png = makePng(4, 3);
    const signature = await sign(server, token);
    const { status, body } = await upload(
      signature.uploadUrl,
      form(signature.fields, { bytes: png, name: 'salon.png' }),
    );
    expect(status).toBe(200);
    const target = resolveUploadTarget(server.config);
    expect(body).toMatchObject({
      public_id: signature.publicId,
      width: 4,
      height: 3,
      format: 'png',
      bytes: png.byteLength,
      resource_type: 'image',
      type: 'upload',
      original_filename: 'salon',
      api_key: 'local',
      signature: signUploadResponse(
        signature.publicId,
        body.version as number,
        target.apiSecret,
        target.signatureAlgorithm,
      ),
    });
    for (const key of ['asset_id', 'version_id', 'created_at', 'etag', 'url', 'secure_url'])
      expect(body).toHaveProperty(key);
    const url = body.secure_url as string;
    expect(url).toBe(
      `${server.url}${LOCAL_UPLOAD_PATH}/v${String(body.version)}/${signature.publicId}.png`,
    );

    const served = await fetch(url);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/png');
    expect(served.headers.get('x-content-type-options')).toBe('nosniff');
    expect(Buffer.from(await served.arrayBuffer()).equals(png)).toBe(true);

    const verify = createAttachmentVerifier(server.config);
    const attachment = {
      url,
      publicId: signature.publicId,
      width: 4,
      height: 3,
      bytes: png.byteLength,
      format: 'png' as const,
    };
    const owner = 'u-owner-1';
    await expect(verify(attachment, owner)).resolves.toBe(true);
    // Another user sending this upload's URL as their own.
    await expect(verify(attachment, 'u-owner-2')).resolves.toBe(false);
    await expect(verify({ ...attachment, width: 5 }, owner)).resolves.toBe(false);
    await expect(verify({ ...attachment, bytes: attachment.bytes + 1 }, owner)).resolves.toBe(
      false,
    );
    await expect(verify({ ...attachment, format: 'gif' }, owner)).resolves.toBe(false);
    await expect(
      verify({ ...attachment, url: url.replace('127.0.0.1', 'localhost') }, owner),
    ).resolves.toBe(false);
    await expect(
      verify({ ...attachment, url: url.replace(`/v${String(body.version)}/`, '/v1/') }, owner),
    ).resolves.toBe(false);
    await expect(
      verify({ ...attachment, url: 'https://evil.example.com/x.png' }, owner),
    ).resolves.toBe(false);
  });

  it('returns the stored image again when a signature is reused (never overwrites)', async () => {
    const signature = await sign(server, token);
    const first = await upload(
      signature.uploadUrl,
      form(signature.fields, { bytes: makePng(2, 2), name: 'a.png' }),
    );
    const second = await upload(
      signature.uploadUrl,
      form(signature.fields, { bytes: makeGif(), name: 'b.gif' }),
    );
    expect(second.status).toBe(200);
    expect(second.body).toMatchObject({
      public_id: first.body.public_id,
      version: first.body.version,
      format: 'png',
      existing: true,
    });
  });

  it('refuses a tampered field, a wrong api key, a missing signature or file', async () => {
    const signature = await sign(server, token);
    const png = { bytes: makePng(1, 1), name: 'x.png' };
    const tampered = await upload(
      signature.uploadUrl,
      form({ ...signature.fields, public_id: 'causette/u-advertiser-1/mine' }, png),
    );
    expect(tampered.status).toBe(401);
    expect(tampered.body).toEqual({
      error: { message: expect.stringMatching(/^Invalid Signature/) },
    });
    const wrongKey = await upload(
      signature.uploadUrl,
      form({ ...signature.fields, api_key: '999' }, png),
    );
    expect(wrongKey.status).toBe(401);
    const { signature: _dropped, ...unsigned } = signature.fields;
    expect((await upload(signature.uploadUrl, form(unsigned, png))).status).toBe(401);
    const noFile = await upload(signature.uploadUrl, form(signature.fields));
    expect(noFile).toEqual({
      status: 400,
      body: { error: { message: 'Missing required parameter - file' } },
    });
  });

  it('refuses a tiny image that claims more pixels than allowed (a pixel flood)', async () => {
    const signature = await sign(server, token);
    const flood = makePngClaiming(20_000, 20_000);
    const result = await upload(
      signature.uploadUrl,
      form(signature.fields, { bytes: flood, name: 'flood.png' }),
    );
    expect(result).toEqual({
      status: 400,
      body: {
        error: {
          message: 'Image of 20000x20000 pixels is larger than the 40000000 pixels allowed',
        },
      },
    });
  });

  it('refuses bytes that are not an image, whatever the file name says', async () => {
    const signature = await sign(server, token);
    const fake = await upload(
      signature.uploadUrl,
      form(signature.fields, { bytes: Buffer.from('<svg onload="alert(1)"/>'), name: 'x.png' }),
    );
    expect(fake).toEqual({ status: 400, body: { error: { message: 'Invalid image file' } } });
  });

  it('refuses a format outside the signed allowed_formats', async () => {
    const target = resolveUploadTarget(server.config);
    const params = {
      allowed_formats: 'jpg',
      public_id: 'causette/u-owner-1/only-jpg',
      timestamp: String(Math.floor(Date.now() / 1000)),
    };
    const fields = {
      ...params,
      api_key: 'local',
      signature: signParams(params, target.apiSecret, target.signatureAlgorithm),
    };
    const result = await upload(
      `${server.url}${LOCAL_UPLOAD_PATH}`,
      form(fields, { bytes: makePng(1, 1), name: 'x.png' }),
    );
    expect(result).toEqual({
      status: 400,
      body: { error: { message: 'Image file format png not allowed' } },
    });
  });

  it('refuses a stale signature', async () => {
    const target = resolveUploadTarget(server.config);
    const params = {
      public_id: 'causette/u-owner-1/old',
      timestamp: String(Math.floor(Date.now() / 1000) - 2 * 3600),
    };
    const fields = {
      ...params,
      api_key: 'local',
      signature: signParams(params, target.apiSecret, target.signatureAlgorithm),
    };
    const result = await upload(
      `${server.url}${LOCAL_UPLOAD_PATH}`,
      form(fields, { bytes: makePng(1, 1), name: 'x.png' }),
    );
    expect(result.status).toBe(401);
    expect(result.body).toEqual({ error: { message: expect.stringMatching(/^Stale request/) } });
  });

  it('never serves a path outside the store', async () => {
    for (const path of [
      `${LOCAL_UPLOAD_PATH}/v1/../../../../etc/passwd.png`,
      `${LOCAL_UPLOAD_PATH}/v1/%2e%2e/%2e%2e/etc/passwd.png`,
      `${LOCAL_UPLOAD_PATH}/v1/causette/..%2f..%2fsecret.png`,
      `${LOCAL_UPLOAD_PATH}/v1/causette/x.json`,
      `${LOCAL_UPLOAD_PATH}/v1/causette/nothing-here.png`,
    ]) {
      expect(await rawGet(server.url, path)).toBe(404);
    }
  });
});

describe('local upload size cap', () => {
  let server: TestServer;
  let token: string;
  beforeAll(async () => {
    server = await startTestServer({ UPLOAD_MAX_BYTES: '2000' });
    token = await login(server);
  });
  afterAll(() => server.close());

  it('refuses a file over the cap', async () => {
    const signature = await sign(server, token);
    // Under the form's overhead allowance, so this is the file-size check, not the body cap.
    const bytes = Buffer.concat([makePng(2, 2), Buffer.alloc(3000)]);
    const result = await upload(
      signature.uploadUrl,
      form(signature.fields, { bytes, name: 'big.png' }),
    );
    expect(result.status).toBe(400);
    expect(result.body).toEqual({
      error: { message: expect.stringMatching(/^File size too large/) },
    });
  });

  it('refuses a body over the cap by Content-Length before reading it', async () => {
    const result = await new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = request(
        `${server.url}${LOCAL_UPLOAD_PATH}`,
        {
          method: 'POST',
          headers: {
            'content-type': 'multipart/form-data; boundary=x',
            'content-length': String(500 * 1024 * 1024),
          },
        },
        (res) => {
          let text = '';
          res.on('data', (chunk: Buffer) => (text += chunk.toString()));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
        },
      );
      req.on('error', reject);
      req.write('--x\r\n');
    });
    expect(result.status).toBe(400);
    expect(result.text).toMatch(/File size too large/);
  });

  it('counts the bytes of a body without Content-Length', async () => {
    const signature = await sign(server, token);
    const body = new Response(
      form(signature.fields, { bytes: Buffer.alloc(200 * 1024, 1), name: 'big.png' }),
    );
    const contentType = body.headers.get('content-type') ?? '';
    const response = await fetch(signature.uploadUrl, {
      method: 'POST',
      headers: { 'content-type': contentType },
      body: body.body,
      duplex: 'half',
    } as RequestInit & { duplex: 'half' });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error: { message: expect.stringMatching(/^File size too large/) },
    });
  });
});

describe('Cloudinary uploads (CLOUDINARY_URL set)', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ CLOUDINARY_URL: 'cloudinary://123456:cloud-secret@demo' });
  });
  afterAll(() => server.close());

  it('signs parameters for a direct upload to Cloudinary', async () => {
    const signature = await sign(server, await login(server, 'u-advertiser-1'));
    expect(signature).toMatchObject({
      uploadUrl: 'https://api.cloudinary.com/v1_1/demo/image/upload',
      apiKey: '123456',
      cloudName: 'demo',
      signatureAlgorithm: 'sha1',
      folder: 'causette/u-advertiser-1',
    });
    const { api_key: apiKey, signature: sent, ...signed } = signature.fields;
    expect(apiKey).toBe('123456');
    expect(signed).toEqual({
      allowed_formats: 'jpg,png,webp,gif',
      overwrite: 'false',
      public_id: signature.publicId,
      timestamp: String(signature.timestamp),
    });
    expect(sent).toBe(signParams(signed, 'cloud-secret', 'sha1'));
  });

  it('has no local upload route', async () => {
    const response = await fetch(`${server.url}${LOCAL_UPLOAD_PATH}`, {
      method: 'POST',
      body: new FormData(),
    });
    expect(response.status).toBe(404);
  });
});
