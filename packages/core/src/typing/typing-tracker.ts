import { TYPING_DISPLAY_TIMEOUT_MS, type TypingUpdateEvent } from '@causette/protocol';
import { ChatError } from '../errors';

/** Options of {@link TypingTracker}. */
export interface TypingTrackerOptions {
  /**
   * Called when the set of users typing in a conversation really changed, with the new list (a
   * new frozen array, in the order they started typing; the shared empty array when nobody types).
   */
  onChange: (conversationId: string, userIds: readonly string[]) => void;
}

const NOBODY: readonly string[] = Object.freeze([]);

/**
 * The receiving half of the typing indicator: who is typing in each conversation.
 *
 * `typing:update` with `isTyping: true` adds the user and (re)arms a `TYPING_DISPLAY_TIMEOUT_MS`
 * expiry, so a lost `typing:stop` never leaves an indicator stuck; `isTyping: false` removes them.
 * The server never sends a user their own updates, but a client with several tabs may: filtering
 * out the current user is the caller's job, since the tracker does not know who that is.
 */
export class TypingTracker {
  readonly #onChange: TypingTrackerOptions['onChange'];
  readonly #users = new Map<string, readonly string[]>();
  // Keyed by JSON [conversationId, userId]: unambiguous whatever characters the ids hold.
  readonly #timers = new Map<string, ReturnType<typeof setTimeout>>();

  constructor(options: TypingTrackerOptions) {
    if (typeof options?.onChange !== 'function') {
      throw new ChatError('INVALID', 'TypingTracker needs an onChange function');
    }
    this.#onChange = options.onChange;
  }

  /** Who is typing in `conversationId`; the same array until that changes. */
  get(conversationId: string): readonly string[] {
    return this.#users.get(conversationId) ?? NOBODY;
  }

  /** Applies one `typing:update` event. */
  apply(update: TypingUpdateEvent): void {
    const { conversationId: id, userId, isTyping } = update ?? {};
    if (!isId(id) || !isId(userId) || typeof isTyping !== 'boolean') {
      throw new ChatError('INVALID', 'A typing update needs conversationId, userId and isTyping');
    }
    if (!isTyping) return this.clearUser(id, userId);
    const key = JSON.stringify([id, userId]);
    clearTimeout(this.#timers.get(key));
    this.#timers.set(
      key,
      setTimeout(() => this.clearUser(id, userId), TYPING_DISPLAY_TIMEOUT_MS),
    );
    const users = this.get(id);
    if (!users.includes(userId)) this.#set(id, [...users, userId]);
  }

  /** Removes `userId` from `conversationId` (e.g. when a message from them arrives). */
  clearUser(conversationId: string, userId: string): void {
    const key = JSON.stringify([conversationId, userId]);
    clearTimeout(this.#timers.get(key));
    this.#timers.delete(key);
    const users = this.get(conversationId);
    if (users.includes(userId)) {
      this.#set(
        conversationId,
        users.filter((id) => id !== userId),
      );
    }
  }

  /** Removes everyone everywhere (e.g. on disconnect), notifying each conversation that changes. */
  clearAll(): void {
    const conversations = [...this.#users.keys()];
    this.dispose();
    for (const id of conversations) this.#onChange(id, NOBODY);
  }

  /** Clears every timer and forgets everything, without notifying. */
  dispose(): void {
    this.#timers.forEach(clearTimeout);
    this.#timers.clear();
    this.#users.clear();
  }

  #set(conversationId: string, userIds: string[]): void {
    const users = userIds.length ? Object.freeze(userIds) : NOBODY;
    if (users === NOBODY) this.#users.delete(conversationId);
    else this.#users.set(conversationId, users);
    this.#onChange(conversationId, users);
  }
}

function isId(value: unknown): value is string {
  return typeof value === 'string' && value !== '';
}
