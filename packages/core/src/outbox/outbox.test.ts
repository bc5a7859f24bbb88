import type { ImageAttachment, Message, SendMessageRequest } from '@causette/protocol';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ChatError } from '../errors';
import type { PendingMessage } from '../messages/types';
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { openIndexedDbStorage } from '../storage/indexeddb-storage';
import { createMemoryStorage } from '../storage/memory-storage';
import type { ChatStorage } from '../storage/types';
import { Outbox, type OutboxOptions } from './outbox';

const attachment: ImageAttachment = {
  url: 'https://img.example/a.png',
  publicId: 'u/a',
  width: 1,
  height: 1,
  bytes: 4,
  format: 'png',
};

function stored(request: SendMessageRequest, seq = 1): Message {
  return {
    id: `id-${request.clientId}`,
    clientId: request.clientId,
    conversationId: request.conversationId,
    seq,
    senderId: 'me',
    type: request.type,
    content: request.content ?? '',
    createdAt: '2025-01-01T00:00:00.000Z',
    ...(request.type === 'IMAGE' ? { attachment: request.attachment } : {}),
  };
}

function setup(
  overrides: Partial<OutboxOptions> = {},
  storage: ChatStorage = createMemoryStorage(),
) {
  let counter = 0;
  const views = new Map<string, readonly PendingMessage[]>();
  const sent: Message[] = [];
  const state = { connected: true };
  const send = vi.fn(async (request: SendMessageRequest) => stored(request));
  const options: OutboxOptions = {
    storage,
    send,
    isConnected: () => state.connected,
    onChange: (conversationId, pending) => views.set(conversationId, pending),
    onSent: (message) => sent.push(message),
    random: () => 1,
    newClientId: () => `k${++counter}`,
    ...overrides,
  };
  const outbox = new Outbox(options);
  return { outbox, storage, views, sent, state, send: (overrides.send ?? send) as typeof send };
}

const text = (conversationId: string, content = 'hello') => ({
  conversationId,
  senderId: 'me',
  type: 'TEXT' as const,
  content,
});

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('Outbox', () => {
  it('stores a message before sending it, then forgets it once acked', async () => {
    const storage = createMemoryStorage();
    const seenInStorage: boolean[] = [];
    const { outbox, sent, views } = setup(
      {
        send: async (request) => {
          seenInStorage.push((await storage.outbox.get(request.clientId)) !== undefined);
          return stored(request);
        },
      },
      storage,
    );
    const pending = outbox.add(text('c1'));
    expect(pending).toMatchObject({ clientId: 'k1', status: 'pending', content: 'hello' });
    await vi.runAllTimersAsync();
    expect(seenInStorage).toEqual([true]);
    expect(sent.map((m) => m.clientId)).toEqual(['k1']);
    expect(await storage.outbox.list()).toEqual([]);
    expect(views.get('c1')).toEqual([]);
  });

  it('sends in order per conversation, one in flight, conversations in parallel', async () => {
    const calls: string[] = [];
    const releases: (() => void)[] = [];
    const { outbox } = setup({
      send: (request) =>
        new Promise((resolve) => {
          calls.push(request.clientId);
          releases.push(() => resolve(stored(request)));
        }),
    });
    outbox.add(text('a'));
    outbox.add(text('a'));
    outbox.add(text('b'));
    await vi.advanceTimersByTimeAsync(0);
    expect(calls).toEqual(['k1', 'k3']);
    releases.shift()?.();
    await vi.advanceTimersByTimeAsync(0);
    expect(calls).toEqual(['k1', 'k3', 'k2']);
    expect(outbox.pending('a').map((p) => [p.clientId, p.status])).toEqual([['k2', 'sending']]);
  });

  it('retries transient errors with backoff under the same clientId, honouring retryAfterMs', async () => {
    const send = vi
      .fn<(r: SendMessageRequest) => Promise<Message>>()
      .mockRejectedValueOnce(new ChatError('TIMEOUT', 'no ack'))
      .mockRejectedValueOnce(new ChatError('RATE_LIMITED', 'slow down', { retryAfterMs: 5000 }))
      .mockImplementation(async (r) => stored(r));
    const { outbox, sent } = setup({ send });
    outbox.add(text('c1'));
    await vi.advanceTimersByTimeAsync(0);
    expect(send).toHaveBeenCalledTimes(1);
    expect(outbox.pending('c1')[0]?.status).toBe('pending');
    await vi.advanceTimersByTimeAsync(1000); // backoffDelay(0) with random 1: twice the minimum
    expect(send).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(4999);
    expect(send).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(send).toHaveBeenCalledTimes(3);
    expect(new Set(send.mock.calls.map(([r]) => r.clientId))).toEqual(new Set(['k1']));
    expect(sent).toHaveLength(1);
  });

  it('waits for the next session when offline, then flushes in order', async () => {
    const { outbox, state, send, sent } = setup();
    state.connected = false;
    outbox.add(text('c1', 'one'));
    outbox.add(text('c1', 'two'));
    await vi.runAllTimersAsync();
    expect(send).not.toHaveBeenCalled();
    state.connected = true;
    outbox.flush();
    await vi.runAllTimersAsync();
    expect(sent.map((m) => m.content)).toEqual(['one', 'two']);
  });

  it('stops on a disconnect mid-send and resends at once in the next session', async () => {
    const send = vi
      .fn<(r: SendMessageRequest) => Promise<Message>>()
      .mockImplementationOnce(async () => {
        state.connected = false;
        throw new ChatError('OFFLINE', 'gone');
      })
      .mockImplementation(async (r) => stored(r));
    const { outbox, state, sent } = setup({ send });
    outbox.add(text('c1'));
    await vi.runAllTimersAsync();
    expect(sent).toEqual([]);
    state.connected = true;
    outbox.flush();
    await vi.advanceTimersByTimeAsync(0);
    expect(sent.map((m) => m.clientId)).toEqual(['k1']);
  });

  it('marks permanent errors failed with the server error; retry and discard', async () => {
    const send = vi
      .fn<(r: SendMessageRequest) => Promise<Message>>()
      .mockRejectedValueOnce(new ChatError('FORBIDDEN', 'not a member'))
      .mockImplementation(async (r) => stored(r));
    const onError = vi.fn();
    const { outbox, storage, sent } = setup({ send, onError });
    outbox.add(text('c1', 'first'));
    outbox.add(text('c1', 'second'));
    await vi.runAllTimersAsync();
    expect(outbox.pending('c1')).toMatchObject([
      { clientId: 'k1', status: 'failed', error: { code: 'FORBIDDEN', message: 'not a member' } },
    ]);
    expect(sent.map((m) => m.content)).toEqual(['second']);
    expect(await storage.outbox.get('k1')).toMatchObject({ state: 'failed' });
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ code: 'FORBIDDEN' }), 'k1');
    await outbox.retry('k1');
    await vi.runAllTimersAsync();
    expect(sent.map((m) => m.content)).toEqual(['second', 'first']);
    outbox.add(text('c1', 'third'));
    await outbox.discard('k3');
    expect(await storage.outbox.get('k3')).toBeUndefined();
    await expect(outbox.retry('nope')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(outbox.discard('nope')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('resends a reloaded outbox under the same clientIds, in order', async () => {
    const storage = createMemoryStorage();
    const first = setup({}, storage);
    first.state.connected = false;
    first.outbox.add(text('c1', 'one'));
    first.outbox.add(text('c1', 'two'));
    await vi.runAllTimersAsync();
    first.outbox.dispose();
    const second = setup({ newClientId: () => 'fresh' }, storage);
    await second.outbox.load();
    expect(second.views.get('c1')?.map((p) => p.clientId)).toEqual(['k1', 'k2']);
    second.outbox.flush();
    await vi.runAllTimersAsync();
    expect(second.sent.map((m) => [m.clientId, m.content])).toEqual([
      ['k1', 'one'],
      ['k2', 'two'],
    ]);
  });

  it('sends a message queued while the previous page is read after that page, whatever the clock', async () => {
    // Real IndexedDB order: the read of the queue ends before the new entry's write does.
    vi.useRealTimers();
    const storage = await openIndexedDbStorage({ userId: 'me', indexedDB: new IDBFactory() });
    // The previous page's clock was ahead (or it sent a burst): its entries carry later numbers.
    const first = setup({ now: () => 2000 }, storage);
    first.state.connected = false;
    first.outbox.add(text('c1', 'one'));
    first.outbox.add(text('c1', 'two'));
    await first.outbox.saved();
    first.outbox.dispose();
    const before = await storage.outbox.list();

    const append = vi.spyOn(storage.outbox, 'append');
    const shown: string[][] = [];
    let loaded = false;
    const sentBeforeLoad: string[] = [];
    const second = setup(
      {
        now: () => 1000,
        newClientId: () => 'new',
        onChange: (_id, pending) => shown.push(pending.map((p) => p.content)),
        send: async (request) => {
          if (!loaded) sentBeforeLoad.push(request.content ?? '');
          return stored(request);
        },
      },
      storage,
    );
    const loading = second.outbox.load().then(() => (loaded = true));
    second.outbox.add(text('c1', 'three'));
    await loading;
    await vi.waitFor(() => expect(second.sent).toHaveLength(3));
    expect(sentBeforeLoad).toEqual([]);
    expect(second.sent.map((m) => m.content)).toEqual(['one', 'two', 'three']);
    // Shown in that order too, from the first time the three are shown together.
    expect(shown).toContainEqual(['one', 'two', 'three']);
    const rank = (list: string[]) => list.map((c) => ['one', 'two', 'three'].indexOf(c));
    for (const list of shown) expect(rank(list)).toEqual([...rank(list)].sort());
    // Stored under that number, so a page closed before it was sent resends it last too.
    expect(await append.mock.results[0]?.value).toMatchObject({
      content: 'three',
      createdSeq: Math.max(...before.map((e) => e.createdSeq)) + 1,
    });
    storage.close();
  });

  it('sends nothing while the stored queue is being read, however long that takes', async () => {
    const storage = createMemoryStorage();
    await storage.outbox.put({
      ...text('c1', 'old'),
      clientId: 'old',
      createdAt: '',
      createdSeq: 1,
      state: 'pending',
    });
    let release: () => void = () => undefined;
    const list = storage.outbox.list.bind(storage.outbox);
    vi.spyOn(storage.outbox, 'list').mockImplementationOnce(() => {
      const read = list();
      return new Promise((resolve) => (release = () => resolve(read)));
    });
    const { outbox, sent, send } = setup({}, storage);
    const loading = outbox.load();
    outbox.add(text('c1', 'new'));
    await vi.runAllTimersAsync();
    expect(send).not.toHaveBeenCalled();
    release();
    await loading;
    await vi.runAllTimersAsync();
    expect(sent.map((m) => m.content)).toEqual(['old', 'new']);
  });

  it('adopts at a later load what another tab stored, never what it is deleting itself', async () => {
    const storage = createMemoryStorage();
    const closedTab = setup({ newClientId: () => 'theirs' }, storage);
    closedTab.state.connected = false;
    closedTab.outbox.add(text('c1', 'from a tab closed offline'));
    await closedTab.outbox.saved();
    closedTab.outbox.dispose();

    const { outbox, state, sent } = setup({ newClientId: () => 'mine' }, storage);
    state.connected = false;
    outbox.add(text('c2', 'discarded here'));
    await outbox.saved();
    let release: () => void = () => undefined;
    const remove = storage.outbox.delete.bind(storage.outbox);
    vi.spyOn(storage.outbox, 'delete').mockImplementationOnce(
      (id) => new Promise((resolve) => (release = () => resolve(remove(id)))),
    );
    const discarded = outbox.discard('mine');
    await outbox.load();
    expect(outbox.pending('c1').map((p) => p.clientId)).toEqual(['theirs']);
    expect(outbox.pending('c2')).toEqual([]);
    release();
    await discarded;
    state.connected = true;
    outbox.flush();
    await vi.runAllTimersAsync();
    expect(sent.map((m) => m.content)).toEqual(['from a tab closed offline']);
  });

  it('drops an entry the server already holds, without resending it', async () => {
    const { outbox, state, send, storage } = setup();
    state.connected = false;
    const pending = outbox.add(text('c1'));
    await vi.runAllTimersAsync();
    const message = stored({
      clientId: pending.clientId,
      conversationId: 'c1',
      type: 'TEXT',
      content: 'hello',
    });
    expect(outbox.acknowledge({ ...message, senderId: 'someone-else' })).toBe(false);
    expect(outbox.acknowledge(message)).toBe(true);
    await vi.runAllTimersAsync();
    state.connected = true;
    outbox.flush();
    await vi.runAllTimersAsync();
    expect(send).not.toHaveBeenCalled();
    expect(await storage.outbox.list()).toEqual([]);
  });

  it('uploads an image with progress, saves the attachment, then sends it', async () => {
    const storage = createMemoryStorage();
    const upload = vi.fn(
      async (
        _image: Blob,
        { onProgress }: { onProgress: (p: { loaded: number; total: number }) => void },
      ) => {
        onProgress({ loaded: 2, total: 4 });
        return attachment;
      },
    );
    const failingSend = vi.fn(async () => {
      throw new ChatError('UNAVAILABLE', 'busy');
    });
    const { outbox, views, state } = setup({ upload, send: failingSend }, storage);
    outbox.add({ ...text('c1', 'caption'), type: 'IMAGE', image: new Blob(['png!']) });
    await vi.advanceTimersByTimeAsync(0);
    state.connected = false;
    expect(upload).toHaveBeenCalledTimes(1);
    expect(await storage.outbox.get('k1')).toMatchObject({ attachment });
    expect((await storage.outbox.get('k1'))?.image).toBeUndefined();
    expect(views.get('c1')?.[0]).toMatchObject({ attachment });
    outbox.dispose();
    // After a reload the upload is not redone.
    const second = setup({ upload }, storage);
    await second.outbox.load();
    second.outbox.flush();
    await vi.runAllTimersAsync();
    expect(upload).toHaveBeenCalledTimes(1);
    expect(second.send).toHaveBeenCalledWith(
      expect.objectContaining({ clientId: 'k1', type: 'IMAGE', attachment, content: 'caption' }),
    );
  });

  it('shows upload progress, and aborts the upload on discard', async () => {
    let signal: AbortSignal | undefined;
    const upload = vi.fn(
      (
        _image: Blob,
        options: {
          signal: AbortSignal;
          onProgress: (p: { loaded: number; total: number }) => void;
        },
      ) =>
        new Promise<ImageAttachment>((_, reject) => {
          signal = options.signal;
          options.onProgress({ loaded: 1, total: 4 });
          options.signal.addEventListener('abort', () => reject(new ChatError('ABORTED', 'stop')));
        }),
    );
    const { outbox, views, send } = setup({ upload });
    outbox.add({ ...text('c1', ''), type: 'IMAGE', image: new Blob(['png!']) });
    await vi.advanceTimersByTimeAsync(0);
    expect(views.get('c1')?.[0]).toMatchObject({
      status: 'sending',
      upload: { loaded: 1, total: 4 },
    });
    await outbox.discard('k1');
    await vi.runAllTimersAsync();
    expect(signal?.aborted).toBe(true);
    expect(views.get('c1')).toEqual([]);
    expect(send).not.toHaveBeenCalled();
  });

  it('fails an image message when no uploader is configured', async () => {
    const { outbox } = setup();
    outbox.add({ ...text('c1', ''), type: 'IMAGE', image: new Blob(['x']) });
    await vi.runAllTimersAsync();
    expect(outbox.pending('c1')[0]).toMatchObject({ status: 'failed', error: { code: 'INVALID' } });
  });

  it('still sends when storage refuses the write, and reports it', async () => {
    const storage = createMemoryStorage();
    storage.outbox.append = () => Promise.reject(new Error('quota'));
    const onError = vi.fn();
    const { outbox, sent } = setup({ onError }, storage);
    outbox.add(text('c1'));
    await vi.runAllTimersAsync();
    expect(sent).toHaveLength(1);
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ code: 'INTERNAL' }), 'k1');
  });

  it('keeps a message cut off by dispose() pending in storage, for the next page to send', async () => {
    const storage = createMemoryStorage();
    let reject: (error: unknown) => void = () => undefined;
    const send = vi.fn(() => new Promise<Message>((_, r) => (reject = r)));
    const onError = vi.fn();
    const first = setup({ send, onError }, storage);
    first.outbox.add(text('c1', 'mid-flight'));
    await vi.advanceTimersByTimeAsync(0);
    expect(send).toHaveBeenCalledOnce();
    first.outbox.dispose();
    // What a destroyed connection answers to the request it was carrying.
    reject(new ChatError('DESTROYED', 'the client was destroyed'));
    await vi.runAllTimersAsync();
    expect(onError).not.toHaveBeenCalled();
    expect(await storage.outbox.get('k1')).toMatchObject({ state: 'pending' });
    const second = setup({}, storage);
    await second.outbox.load();
    second.outbox.flush();
    await vi.runAllTimersAsync();
    expect(second.sent.map((m) => m.clientId)).toEqual(['k1']);
  });

  it('leaves no timer after dispose and refuses further work', async () => {
    const { outbox } = setup({
      send: async () => {
        throw new ChatError('UNAVAILABLE', 'down');
      },
    });
    outbox.add(text('c1'));
    await vi.advanceTimersByTimeAsync(0);
    expect(vi.getTimerCount()).toBe(1);
    outbox.dispose();
    expect(vi.getTimerCount()).toBe(0);
    expect(() => outbox.add(text('c1'))).toThrow(ChatError);
  });
});
