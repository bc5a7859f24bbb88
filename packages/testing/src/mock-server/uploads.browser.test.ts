// The upload routes in real Chromium, as the React kit's components and stories use them: the
// signature by fetch, the file by XMLHttpRequest (what @causette/core uses in a browser, for its
// progress), and the stored image shown by an <img> through msw's worker, from another origin.
import type { UploadSignature } from '@causette/protocol';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createMockChatServer } from './server';
import { PNG_3X2, uploadForm } from './upload-test-images.test-fixtures';

const server = createMockChatServer();
beforeAll(() => server.listen());
afterEach(() => server.reset());
afterAll(() => server.close());

function xhrUpload(signature: UploadSignature, file: Blob) {
  return new Promise<{ status: number; body: Record<string, unknown> }>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', signature.uploadUrl);
    // As core does: an upload listener makes the request non-simple across origins.
    xhr.upload.onprogress = () => undefined;
    xhr.onload = () => resolve({ status: xhr.status, body: JSON.parse(xhr.responseText) });
    xhr.onerror = () => reject(new Error('network error'));
    xhr.send(uploadForm(signature.fields, file));
  });
}

describe('uploads in a browser page', () => {
  it('signs, takes the file by XHR and serves it to an <img>', async () => {
    expect(location.origin).not.toBe(new URL(server.url).origin);
    const signing = await fetch(`${server.url}/uploads/sign`, {
      method: 'POST',
      headers: { authorization: `Bearer ${server.tokenFor('u-bruno')}` },
    });
    expect(signing.status).toBe(200);
    const signature = (await signing.json()) as UploadSignature;

    const { status, body } = await xhrUpload(
      signature,
      new File([PNG_3X2], 'chat.png', { type: 'image/png' }),
    );
    expect(status).toBe(200);
    expect(body).toMatchObject({
      width: 3,
      height: 2,
      format: 'png',
      public_id: signature.publicId,
    });

    const img = document.createElement('img');
    img.alt = '';
    document.body.append(img);
    const loaded = new Promise<void>((resolve, reject) => {
      img.onload = () => resolve();
      img.onerror = () => reject(new Error(`the <img> did not load ${String(body.secure_url)}`));
    });
    img.src = String(body.secure_url);
    await loaded;
    expect([img.naturalWidth, img.naturalHeight]).toEqual([3, 2]);
    img.remove();
  });

  it('answers 401 to a page without a token, readable across origins', async () => {
    const answer = await fetch(`${server.url}/uploads/sign`, { method: 'POST' });
    expect(answer.status).toBe(401);
    expect(answer.headers.get('www-authenticate')).toMatch(/Bearer/);
  });
});
