// Pushes a new message to the members who have no socket anywhere, in the background: the send
// path hands the message over and returns; everything here runs later, on a bounded queue.
import type { Message } from '@causette/protocol';
import type { Logger } from 'pino';
import type { MetricsRecorder } from '../metrics/metrics';
import type { StoredPushSubscription } from '../services/push.service';
import type { Store } from '../services/store';
import type { PresenceStore } from '../socket/presence-store';
import { endpointProblem } from './endpoint-policy';
import { pushNotificationData, pushTopic } from './payload';
import type { PushSend } from './sender';
import { PushThrottle } from './throttle';
import { WorkQueue } from './work-queue';

/** A message just stored and broadcast, as the send path knows it. */
export interface SentMessage {
  message: Message;
  /** Every member of its conversation, the sender included. */
  memberIds: readonly string[];
  senderName: string;
}

export interface PushNotifier {
  /** Queues the pushes `sent` calls for and returns at once; never throws. */
  messageSent(sent: SentMessage): void;
  /** Resolves once nothing is queued, running or waiting for a retry (tests). */
  idle(): Promise<void>;
  /** Drops what is queued, aborts the pushes under way and waits for them. */
  close(): Promise<void>;
}

/** What the socket server lends the notifier. */
export interface PushContext {
  store: Pick<Store, 'push' | 'presence'>;
  /** Sockets per user on every node: "connected" means here or on any other process. */
  presenceStore: Pick<PresenceStore, 'count'>;
  logger: Logger;
  presenceGraceMs: number;
  now: () => number;
  /** Where each push's outcome is counted (GET /metrics). */
  metrics?: Pick<MetricsRecorder, 'pushOutcome'>;
}

/** Made by the socket server once its presence store is known. */
export type PushNotifierFactory = (context: PushContext) => PushNotifier;

export interface RetryPolicy {
  /** Tries per push, the first included. */
  attempts: number;
  /** The first retry's delay; each next one doubles (with jitter). */
  baseDelayMs: number;
  /** A retry the service asks to hold longer than this (`Retry-After`) is given up. */
  maxDelayMs: number;
}

export interface PushNotifierOptions {
  send: PushSend;
  /** At most one push per user and conversation per this many milliseconds; 0 = no limit. */
  throttleMs: number;
  /** Lets pushes go to private endpoints stored earlier (development and tests only). */
  allowPrivateEndpoints: boolean;
  /** Pushes under way at once (8). */
  concurrency?: number;
  /** Pushes waiting; past that the oldest is dropped (10,000). */
  maxQueued?: number;
  retry?: Partial<RetryPolicy>;
  /** Aborts the sends under way (the HTTPS agent's sockets), on close. */
  abort?: () => void;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 4, baseDelayMs: 2_000, maxDelayMs: 300_000 };

/** A {@link PushNotifierFactory} sending with `options.send`. */
export function pushNotifier(options: PushNotifierOptions): PushNotifierFactory {
  return (context) => new Notifier(options, context);
}

class Notifier implements PushNotifier {
  readonly #queue: WorkQueue;
  readonly #throttle: PushThrottle;
  readonly #retry: RetryPolicy;

  constructor(
    private readonly options: PushNotifierOptions,
    private readonly context: PushContext,
  ) {
    this.#queue = new WorkQueue({
      concurrency: options.concurrency ?? 8,
      maxQueued: options.maxQueued ?? 10_000,
      logger: context.logger,
      now: context.now,
      onDrop: () => context.metrics?.pushOutcome('dropped'),
    });
    this.#throttle = new PushThrottle(options.throttleMs, context.now);
    this.#retry = { ...DEFAULT_RETRY, ...options.retry };
  }

  messageSent(sent: SentMessage): void {
    for (const userId of new Set(sent.memberIds)) {
      if (userId !== sent.message.senderId)
        this.#queue.push(() => this.#notify(userId, sent, false));
    }
  }

  idle(): Promise<void> {
    return this.#queue.idle();
  }

  async close(): Promise<void> {
    const closing = this.#queue.close();
    this.options.abort?.();
    await closing;
  }

  /** Pushes `sent` to `userId` if they have no socket and subscriptions (`recheck`: after their grace). */
  async #notify(userId: string, sent: SentMessage, recheck: boolean): Promise<void> {
    const { store, presenceStore } = this.context;
    if ((await presenceStore.count(userId)) > 0) return;
    const { previews, subscriptions } = await store.push.targets(userId);
    if (subscriptions.length === 0) return;
    if (!recheck) {
      // No socket, yet still online: within the offline grace (a reload, a network switch).
      // Pushed only if they are not back once it is over.
      const [presence] = await store.presence.get([userId]);
      if (presence?.status === 'online') {
        this.#queue.push(() => this.#notify(userId, sent, true), this.context.presenceGraceMs);
        return;
      }
    }
    const { conversationId } = sent.message;
    if (!this.#throttle.take(userId, conversationId)) return;
    const payload = JSON.stringify(pushNotificationData(sent.message, sent.senderName, previews));
    const topic = pushTopic(conversationId);
    for (const subscription of subscriptions) {
      this.#queue.push(() => this.#deliver(subscription, payload, topic, 1));
    }
  }

  async #deliver(
    subscription: StoredPushSubscription,
    payload: string,
    topic: string,
    attempt: number,
  ): Promise<void> {
    const { logger, store, metrics } = this.context;
    const { userId } = subscription;
    // Subscriptions stored before endpoints were checked are checked here too.
    if (endpointProblem(subscription.endpoint, this.options)) {
      metrics?.pushOutcome('gone');
      await store.push.remove(subscription.endpoint);
      logger.info({ userId }, 'push subscription with a refused endpoint removed');
      return;
    }
    const outcome = await this.options.send(subscription, payload, topic);
    if (outcome.kind === 'sent') {
      metrics?.pushOutcome('sent');
      return;
    }
    if (outcome.kind === 'gone') {
      metrics?.pushOutcome('gone');
      await store.push.remove(subscription.endpoint);
      logger.info({ userId, status: outcome.status }, 'push subscription gone, removed');
      return;
    }
    if (outcome.kind === 'failed') {
      metrics?.pushOutcome('failed');
      logger.warn({ userId, status: outcome.status }, 'push refused by the push service');
      return;
    }
    const delayMs = outcome.retryAfterMs ?? this.#backoff(attempt);
    if (attempt >= this.#retry.attempts || delayMs > this.#retry.maxDelayMs) {
      metrics?.pushOutcome('failed');
      logger.warn({ userId, status: outcome.status, attempts: attempt }, 'push given up');
      return;
    }
    this.#queue.push(() => this.#deliver(subscription, payload, topic, attempt + 1), delayMs);
  }

  /** base × 2^(attempt-1), between half and all of it, so failed pushes do not retry in step. */
  #backoff(attempt: number): number {
    const full = this.#retry.baseDelayMs * 2 ** (attempt - 1);
    return Math.round(full / 2 + (Math.random() * full) / 2);
  }
}
