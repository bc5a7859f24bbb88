// An in-test server for the synchronizer: answers are computed when asked and delivered when the
// test says, in any order, to drive interleavings the real transport may produce.
import type {
  Conversation,
  Message,
  RequestEventName,
  RequestPayload,
  RequestResult,
} from '@causette/protocol';
import { makeMessage } from '../messages/test-messages';
import type { RequestFn } from './synchronizer';

interface Delivery {
  label: string;
  run: () => void;
}

export class FakeSyncServer {
  readonly messages: Message[] = [];
  readonly queue: Delivery[] = [];
  readonly syncLimit: number;

  constructor(initial: number, syncLimit = 200) {
    for (let seq = 1; seq <= initial; seq++) this.messages.push(makeMessage(seq));
    this.syncLimit = syncLimit;
  }

  conversation(): Conversation {
    const last = this.messages[this.messages.length - 1];
    return {
      id: 'c1',
      members: [],
      lastSeq: last?.seq ?? 0,
      lastMessageAt: last?.createdAt ?? '2025-01-01T00:00:00.000Z',
      unreadCount: 0,
      markedUnread: false,
      ...(last ? { lastMessage: last } : {}),
    };
  }

  /** Someone else posts; returns the stored message. */
  post(): Message {
    const message = makeMessage(this.messages.length + 1);
    this.messages.push(message);
    return message;
  }

  readonly request: RequestFn = <E extends RequestEventName>(
    event: E,
    payload: RequestPayload<E>,
  ): Promise<RequestResult<E>> => {
    const answer = this.answer(event, payload) as RequestResult<E>;
    return new Promise((resolve) => this.queue.push({ label: event, run: () => resolve(answer) }));
  };

  private answer(event: RequestEventName, payload: unknown): unknown {
    if (event === 'sync') {
      const cursor = (payload as { cursors: Record<string, number> }).cursors.c1 ?? 0;
      const after = this.messages.filter((m) => m.seq > cursor);
      return {
        conversations: [this.conversation()],
        messages: after.slice(0, this.syncLimit),
        truncated: after.length > this.syncLimit ? ['c1'] : [],
      };
    }
    if (event === 'message:history') {
      const { afterSeq, beforeSeq, limit = 50 } = payload as RequestPayload<'message:history'>;
      let list = this.messages.filter(
        (m) =>
          (afterSeq === undefined || m.seq > afterSeq) &&
          (beforeSeq === undefined || m.seq < beforeSeq),
      );
      const hasMore = list.length > limit;
      list = afterSeq !== undefined ? list.slice(0, limit) : list.slice(-limit);
      return { messages: list, hasMore };
    }
    if (event === 'conversation:get') return { conversation: this.conversation() };
    throw new Error(`unexpected ${event}`);
  }

  /** Delivers the queued item at `index` (modulo the queue length). */
  deliver(index: number): boolean {
    if (this.queue.length === 0) return false;
    const [item] = this.queue.splice(index % this.queue.length, 1);
    item?.run();
    return true;
  }
}

/** Lets promise chains run (a macrotask turn drains every microtask). */
export const settle = () => new Promise<void>((resolve) => setImmediate(resolve));
