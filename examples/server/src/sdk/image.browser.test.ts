/// <reference lib="dom" />
// An image message from a real page: a PNG drawn on a canvas, signed by the server, uploaded to its
// local Cloudinary-compatible route with XMLHttpRequest (the browser path, with upload progress),
// then sent and shown to the other user, whose page can display it.
import type { ImageAttachment } from '@causette/protocol';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  ADVERTISER,
  OWNER,
  connected,
  destroyClients,
  makeClient,
  pendingOf,
  serverUrl,
  shown,
  storedMessages,
  until,
} from './browser-test-helpers';

afterEach(() => {
  destroyClients();
  vi.restoreAllMocks();
});

/** A real PNG, encoded by the browser. */
async function drawPng(width: number, height: number): Promise<Blob> {
  const canvas = new OffscreenCanvas(width, height);
  const context = canvas.getContext('2d')!;
  context.fillStyle = '#c0392b';
  context.fillRect(0, 0, width, height);
  context.fillStyle = '#2980b9';
  context.fillRect(0, 0, width / 2, height / 2);
  return canvas.convertToBlob({ type: 'image/png' });
}

describe('an image message in Chromium', () => {
  it('uploads with XMLHttpRequest and progress, then reaches the other user as an IMAGE', async () => {
    const advertiser = makeClient(ADVERTISER);
    const owner = makeClient(OWNER);
    await Promise.all([connected(advertiser), connected(owner)]);
    const { id } = await advertiser.openConversation({
      participantIds: [OWNER],
      subject: { type: 'test', id: `browser-${crypto.randomUUID()}` },
    });
    await Promise.all([advertiser.loadOlderMessages(id), owner.loadOlderMessages(id)]);

    // What went over XMLHttpRequest, seen from outside the SDK.
    const requests: string[] = [];
    const xhrProgress: { loaded: number; total: number }[] = [];
    const open = XMLHttpRequest.prototype.open;
    vi.spyOn(XMLHttpRequest.prototype, 'open').mockImplementation(function (
      this: XMLHttpRequest,
      method: string,
      url: string | URL,
    ) {
      requests.push(`${method} ${String(url)}`);
      this.upload.addEventListener('progress', ({ loaded, total }) =>
        xhrProgress.push({ loaded, total }),
      );
      open.call(this, method, url, true);
    });
    // The progress the pending message shows, snapshot by snapshot.
    const shownProgress: { loaded: number; total: number }[] = [];
    const unsubscribe = advertiser.subscribe(() => {
      const upload = pendingOf(advertiser.getSnapshot(), id)[0]?.upload;
      if (upload && upload !== shownProgress.at(-1)) shownProgress.push(upload);
    });

    const png = await drawPng(8, 6);
    const pending = advertiser.sendMessage(id, { image: png, content: 'photo' });
    expect(pending).toMatchObject({ type: 'IMAGE', content: 'photo', image: png });
    const ownerState = await until(owner, (s) => shown(s, id).length === 1);
    unsubscribe();

    expect(requests).toEqual([`POST ${serverUrl}/uploads/local/image/upload`]);
    expect(xhrProgress.length).toBeGreaterThan(0);
    expect(xhrProgress.at(-1)!.loaded).toBe(xhrProgress.at(-1)!.total);
    expect(shownProgress.at(-1)).toEqual({ loaded: png.size, total: png.size });

    const received = shown(ownerState, id)[0]!;
    expect(received).toMatchObject({
      clientId: pending.clientId,
      senderId: ADVERTISER,
      type: 'IMAGE',
      content: 'photo',
      attachment: { width: 8, height: 6, bytes: png.size, format: 'png' },
    });
    const attachment = received.attachment as ImageAttachment;
    const [stored] = await storedMessages(OWNER, id);
    expect(stored?.attachment).toEqual(attachment);
    await until(advertiser, (s) => pendingOf(s, id).length === 0);

    // The other page can show it: the URL serves the very image that was drawn.
    const image = new Image();
    image.src = attachment.url;
    await image.decode();
    expect([image.naturalWidth, image.naturalHeight]).toEqual([8, 6]);
  });
});
