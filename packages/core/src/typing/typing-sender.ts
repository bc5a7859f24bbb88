import { TYPING_IDLE_STOP_MS, TYPING_START_INTERVAL_MS } from '@causette/protocol';
import { ChatError } from '../errors';

/** The two volatile events a {@link TypingSender} emits. */
export type TypingEventName = 'typing:start' | 'typing:stop';

/** Options of {@link TypingSender}. */
export interface TypingSenderOptions {
  /** Emits one event; typically `connection.notify(event, { conversationId })`. */
  send: (event: TypingEventName, conversationId: string) => void;
  /** Clock, in ms; `Date.now` by default. */
  now?: () => number;
}

/** When `typing:start` was last sent, and the pending idle stop. */
type Typing = [startedAt: number, idleTimer: ReturnType<typeof setTimeout>];

/**
 * The sending half of the typing indicator, for every conversation of one client.
 *
 * Per the protocol's timing rules: `typing:start` at most once per `TYPING_START_INTERVAL_MS`
 * while the user types (repeated, so a receiver's display timeout never runs out mid-typing), and
 * `typing:stop` on {@link TypingSender.stop} or after `TYPING_IDLE_STOP_MS` without a keystroke.
 * Conversations are independent of each other.
 */
export class TypingSender {
  readonly #send: TypingSenderOptions['send'];
  readonly #now: () => number;
  readonly #typing = new Map<string, Typing>();

  constructor(options: TypingSenderOptions) {
    if (typeof options?.send !== 'function') {
      throw new ChatError('INVALID', 'TypingSender needs a send function');
    }
    this.#send = options.send;
    this.#now = options.now ?? (() => Date.now());
  }

  /** The user typed in `conversationId`: sends `typing:start` when due and re-arms the idle stop. */
  keystroke(conversationId: string): void {
    checkId(conversationId);
    const now = this.#now();
    const [startedAt = -Infinity, idleTimer] = this.#typing.get(conversationId) ?? [];
    clearTimeout(idleTimer);
    const due = now - startedAt >= TYPING_START_INTERVAL_MS;
    this.#typing.set(conversationId, [
      due ? now : startedAt,
      setTimeout(() => this.stop(conversationId), TYPING_IDLE_STOP_MS),
    ]);
    if (due) this.#send('typing:start', conversationId);
  }

  /**
   * The user stopped typing in `conversationId` (sent the message, left the field): sends
   * `typing:stop` if a start was sent and not yet stopped; does nothing otherwise.
   */
  stop(conversationId: string): void {
    checkId(conversationId);
    const typing = this.#typing.get(conversationId);
    if (!typing) return;
    clearTimeout(typing[1]);
    this.#typing.delete(conversationId);
    this.#send('typing:stop', conversationId);
  }

  /** Clears every timer without emitting anything (the connection is going away). */
  dispose(): void {
    for (const [, idleTimer] of this.#typing.values()) clearTimeout(idleTimer);
    this.#typing.clear();
  }
}

function checkId(conversationId: unknown): void {
  if (typeof conversationId !== 'string' || !conversationId) {
    throw new ChatError('INVALID', 'conversationId must be a non-empty string');
  }
}
