// message:send with the real verifier over the local store: an image message carries only the
// sender's own uploads, and an image over the pixel cap is refused with its reason.
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ImageAttachment } from '@causette/protocol';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../config';
import { userIds } from '../services/test-fixtures';
import { type TestServer, request, startTestServer } from '../socket/test-helpers';
import { verifyAgainst } from './attachment-verifier';
import { buildDeliveryUrl } from './delivery-url';
import { createLocalStore, type LocalStore } from './local-store';
import { makePng } from './test-images.test-fixtures';
import { uploaderFolder } from './upload-signer';
import { resolveUploadTarget } from './upload-target';

// PGlite runs PostgreSQL in WebAssembly: generous limits on slow shared machines.
vi.setConfig({ testTimeout: 120_000, hookTimeout: 600_000 });

let dir = '';
let server: TestServer;
let store: LocalStore;
const target = resolveUploadTarget(
  loadConfig({ PUBLIC_URL: 'http://127.0.0.1:3001', UPLOAD_MAX_PIXELS: '100' }),
);

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'causette-uploads-'));
  store = createLocalStore(dir);
  server = await startTestServer({ verifyAttachment: verifyAgainst(target, store) });
}, 600_000);
afterAll(async () => {
  await server?.close();
  await rm(dir, { recursive: true, force: true });
});

/** Stores an image in `userId`'s upload folder, as the upload route does, and describes it. */
async function uploadAs(userId: string, width: number, height: number): Promise<ImageAttachment> {
  const { image } = await store.save({
    publicId: `${uploaderFolder(target, userId)}/${randomUUID().slice(0, 8)}`,
    format: 'png',
    width,
    height,
    data: makePng(width, height),
    originalFilename: 'photo',
    now: Date.now(),
  });
  return {
    url: buildDeliveryUrl(target.deliveryBase, image),
    publicId: image.publicId,
    width,
    height,
    bytes: image.bytes,
    format: 'png',
  };
}

describe('message:send of an IMAGE', () => {
  it('takes the sender’s own upload and refuses another member sending it as theirs', async () => {
    const [ana, bruno] = userIds('ana', 'bruno');
    const anaSocket = await server.connect(ana);
    const brunoSocket = await server.connect(bruno);
    const open = await request(anaSocket, 'conversation:open', { participantIds: [bruno] });
    const conversationId = open.data.conversation.id as string;
    const attachment = await uploadAs(ana, 4, 3);
    const send = (socket: typeof anaSocket) =>
      request(socket, 'message:send', {
        clientId: randomUUID(),
        conversationId,
        type: 'IMAGE',
        attachment,
      });
    expect(await send(anaSocket)).toMatchObject({ ok: true, data: { message: { attachment } } });
    expect(await send(brunoSocket)).toMatchObject({
      ok: false,
      error: { code: 'INVALID', message: expect.stringMatching(/^attachment\.url/) },
    });
  });

  it('refuses an image of more pixels than the server accepts, saying so', async () => {
    const [ana, bruno] = userIds('ana', 'bruno');
    const anaSocket = await server.connect(ana);
    await server.connect(bruno);
    const open = await request(anaSocket, 'conversation:open', { participantIds: [bruno] });
    const attachment = await uploadAs(ana, 11, 10);
    expect(
      await request(anaSocket, 'message:send', {
        clientId: randomUUID(),
        conversationId: open.data.conversation.id as string,
        type: 'IMAGE',
        attachment,
      }),
    ).toMatchObject({
      ok: false,
      error: {
        code: 'INVALID',
        message: 'attachment: 11x10 is more than the 100 pixels this server accepts',
      },
    });
  });
});
