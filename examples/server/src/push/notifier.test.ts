// The notifier's decisions with stand-ins for the database, the presence store and the push
// service (delivery.test.ts runs the real ones end to end).
import type { Message, Presence } from '@causette/protocol';
import { describe, expect, it, vi } from 'vitest';
import type { PushTargets, StoredPushSubscription } from '../services/push.service';
import { capturingLogger } from '../socket/test-helpers';
import { type PushContext, type PushNotifierOptions, pushNotifier } from './notifier';
import { pushTopic } from './payload';
import type { DeliveryOutcome } from './sender';

const message = (conversationId = 'conv-1', seq = 1): Message => ({
  id: `m-${conversationId}-${seq}`,
  clientId: `c-${seq}`,
  conversationId,
  seq,
  senderId: 'ana',
  type: 'TEXT',
  content: 'Bonjour Bruno',
  createdAt: '2026-01-01T00:00:00.000Z',
});

const subscription = (userId: string, n = 1): StoredPushSubscription => ({
  userId,
  endpoint: `https://push.example.com/${userId}/${n}`,
  keys: { p256dh: 'p', auth: 'a' },
});

/** A notifier over stand-ins; `outcomes` are what the push service answers, in order (then sent). */
function harness(
  options: {
    outcomes?: DeliveryOutcome[];
    targets?: Record<string, PushTargets>;
    sockets?: Record<string, number>;
    storedOnline?: string[];
    now?: () => number;
  } & Partial<Omit<PushNotifierOptions, 'send'>> = {},
) {
  const { logger, lines } = capturingLogger('info');
  const outcomes = [...(options.outcomes ?? [])];
  const sent: Array<{ endpoint: string; payload: unknown; topic: string }> = [];
  const sockets = { ...options.sockets };
  const removed: string[] = [];
  let presenceAsked!: () => void;
  const presenceRead = new Promise<void>((resolve) => (presenceAsked = resolve));
  const send = vi.fn(async (sub: { endpoint: string }, payload: string, topic: string) => {
    sent.push({ endpoint: sub.endpoint, payload: JSON.parse(payload), topic });
    return outcomes.shift() ?? ({ kind: 'sent' } as const);
  });
  const targets = options.targets ?? {
    bruno: { previews: true, subscriptions: [subscription('bruno')] },
  };
  const context = {
    store: {
      push: {
        targets: async (userId: string) => targets[userId] ?? { previews: true, subscriptions: [] },
        remove: async (endpoint: string) => void removed.push(endpoint),
      },
      presence: {
        get: async (ids: readonly string[]): Promise<Presence[]> => {
          presenceAsked();
          return ids.map((userId) => ({
            userId,
            status: options.storedOnline?.includes(userId) ? 'online' : 'offline',
            lastSeen: '2026-01-01T00:00:00.000Z',
          }));
        },
      },
    },
    presenceStore: { count: async (userId: string) => sockets[userId] ?? 0 },
    logger,
    presenceGraceMs: 20,
    now: options.now ?? Date.now,
  } as unknown as PushContext;
  const notifier = pushNotifier({
    send,
    throttleMs: options.throttleMs ?? 0,
    allowPrivateEndpoints: options.allowPrivateEndpoints ?? false,
    retry: { baseDelayMs: 1, ...options.retry },
    ...(options.abort ? { abort: options.abort } : {}),
  })(context);
  const sentBy = (m: Message, memberIds = ['ana', 'bruno']) =>
    notifier.messageSent({ message: m, memberIds, senderName: 'Ana' });
  return { notifier, send, sent, sockets, removed, lines, presenceRead, sentBy };
}

describe('pushNotifier', () => {
  it('pushes every subscription of every other member, later, never the sender', async () => {
    const h = harness({
      targets: {
        ana: { previews: true, subscriptions: [subscription('ana')] },
        bruno: {
          previews: true,
          subscriptions: [subscription('bruno', 1), subscription('bruno', 2)],
        },
        carla: { previews: false, subscriptions: [subscription('carla')] },
      },
    });
    h.sentBy(message(), ['ana', 'bruno', 'carla']);
    expect(h.send).not.toHaveBeenCalled();
    await h.notifier.idle();
    expect(h.sent.map((s) => s.endpoint).sort()).toEqual([
      'https://push.example.com/bruno/1',
      'https://push.example.com/bruno/2',
      'https://push.example.com/carla/1',
    ]);
    const toBruno = h.sent.find((s) => s.endpoint.includes('bruno'))!;
    expect(toBruno.payload).toMatchObject({ title: 'Ana', body: 'Bonjour Bruno', seq: 1 });
    expect(toBruno.topic).toBe(pushTopic('conv-1'));
    expect(h.sent.find((s) => s.endpoint.includes('carla'))!.payload).not.toHaveProperty('body');
  });

  it('does not push a member with a socket on any node', async () => {
    const h = harness({ sockets: { bruno: 1 } });
    h.sentBy(message());
    await h.notifier.idle();
    expect(h.send).not.toHaveBeenCalled();
  });

  it('within the offline grace, waits for its end and does not push someone who came back', async () => {
    const h = harness({ storedOnline: ['bruno'] });
    h.sentBy(message());
    await h.presenceRead;
    h.sockets.bruno = 1;
    await h.notifier.idle();
    expect(h.send).not.toHaveBeenCalled();
  });

  it('within the offline grace, pushes once it is over if they are still away', async () => {
    const h = harness({ storedOnline: ['bruno'] });
    h.sentBy(message());
    await h.presenceRead;
    expect(h.send).not.toHaveBeenCalled();
    await h.notifier.idle();
    expect(h.send).toHaveBeenCalledOnce();
  });

  it('pushes at most once per user and conversation per window', async () => {
    let now = 0;
    const h = harness({ throttleMs: 10_000, now: () => now });
    h.sentBy(message('conv-1', 1));
    h.sentBy(message('conv-1', 2));
    h.sentBy(message('conv-2', 1));
    await h.notifier.idle();
    expect(h.sent.map((s) => (s.payload as { messageId: string }).messageId)).toEqual([
      'm-conv-1-1',
      'm-conv-2-1',
    ]);
    now += 10_000;
    h.sentBy(message('conv-1', 3));
    await h.notifier.idle();
    expect(h.sent).toHaveLength(3);
  });

  it('retries a 5xx, keeping the subscription', async () => {
    const h = harness({ outcomes: [{ kind: 'retry', status: 500 }] });
    h.sentBy(message());
    await h.notifier.idle();
    expect(h.send).toHaveBeenCalledTimes(2);
    expect(h.removed).toEqual([]);
  });

  it('waits what Retry-After says rather than its own backoff', async () => {
    // A backoff of ten minutes would hold the retry past the test's timeout.
    const h = harness({
      outcomes: [{ kind: 'retry', status: 429, retryAfterMs: 0 }],
      retry: { baseDelayMs: 600_000 },
    });
    h.sentBy(message());
    await h.notifier.idle();
    expect(h.send).toHaveBeenCalledTimes(2);
  });

  it('gives up after the last attempt, or when Retry-After asks for too long', async () => {
    const always: DeliveryOutcome = { kind: 'retry', status: 503 };
    const h = harness({ outcomes: [always, always, always, always], retry: { attempts: 3 } });
    h.sentBy(message());
    await h.notifier.idle();
    expect(h.send).toHaveBeenCalledTimes(3);
    const late = harness({
      outcomes: [{ kind: 'retry', status: 429, retryAfterMs: 3_600_000 }],
      retry: { maxDelayMs: 60_000 },
    });
    late.sentBy(message());
    await late.notifier.idle();
    expect(late.send).toHaveBeenCalledOnce();
    for (const { lines } of [h, late]) {
      expect(lines.filter((l) => l.msg === 'push given up')).toHaveLength(1);
    }
  });

  it('forgets a gone subscription, keeps a refused one', async () => {
    const gone = harness({ outcomes: [{ kind: 'gone', status: 410 }] });
    gone.sentBy(message());
    await gone.notifier.idle();
    expect(gone.removed).toEqual(['https://push.example.com/bruno/1']);
    const refused = harness({ outcomes: [{ kind: 'failed', status: 400 }] });
    refused.sentBy(message());
    await refused.notifier.idle();
    expect(refused.removed).toEqual([]);
    expect(refused.send).toHaveBeenCalledOnce();
  });

  it('forgets, without sending, a stored subscription whose endpoint is now refused', async () => {
    const local = { ...subscription('bruno'), endpoint: 'https://169.254.169.254/latest' };
    const h = harness({ targets: { bruno: { previews: true, subscriptions: [local] } } });
    h.sentBy(message());
    await h.notifier.idle();
    expect(h.send).not.toHaveBeenCalled();
    expect(h.removed).toEqual(['https://169.254.169.254/latest']);
    expect(JSON.stringify(h.lines)).not.toContain('169.254');
  });

  it('on close, aborts the sends under way and takes no more work', async () => {
    const abort = vi.fn();
    const h = harness({ abort });
    await h.notifier.close();
    expect(abort).toHaveBeenCalledOnce();
    h.sentBy(message());
    await h.notifier.idle();
    expect(h.send).not.toHaveBeenCalled();
  });
});
