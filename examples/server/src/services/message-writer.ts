import type { Db } from '../db/connection';
import { GroupRunner, oneThenEach } from './group-runner';
import {
  type NewMessage,
  type StoredMessage,
  isRetryableConflict,
  storeMessages,
} from './store-messages';
import { unreadAfter } from './unread-after';
import type { UnreadCounts } from './unread-counts';

export interface WrittenMessage extends StoredMessage {
  /** Each member's unread total and count in this conversation once the message is in. */
  unread: Map<string, UnreadCounts>;
}

/** Runs of a statement PostgreSQL aborted for a deadlock with another process (all or nothing). */
const MAX_ATTEMPTS = 3;

/** Stores one message; concurrent calls share statements and commits. */
export interface MessageWriter {
  /**
   * The stored message, or undefined when the sender is not a member of the conversation.
   * `memberIds`, the conversation's members as last known, keep statements that run at once
   * apart from each other's members (see {@link MESSAGE_WRITER_CONCURRENCY}); without them only
   * the conversation does, and a member's unread total may miss a message stored beside.
   */
  store(input: NewMessage, memberIds?: readonly string[]): Promise<WrittenMessage | undefined>;
}

/**
 * Statements storing messages at once on PostgreSQL, which commits them side by side (one at a
 * time left it idle between a statement's commit and the next group). PGlite runs one statement at
 * a time on this thread whatever is asked: 1 there. Statements running at once never share a
 * conversation or a member, so each member's unread total is read after the other's commit, and
 * no two of them lock the same rows.
 */
export const MESSAGE_WRITER_CONCURRENCY = { postgres: 4, pglite: 1 } as const;

interface Queued {
  input: NewMessage;
  memberIds: readonly string[];
}

/**
 * The most messages one statement stores. A group is only as large as the sends that arrived
 * while the previous one ran, so this bounds the statement's size, not anyone's wait.
 */
export const MAX_MESSAGES_PER_STATEMENT = 128;

/**
 * Group commit for `message:send`: while one statement runs, the sends that arrive wait and go
 * together in the next, so the database does one round trip and one commit for many messages.
 * A lone send runs on the next turn of the event loop. A conversation's messages go one per statement, in arrival order.
 *
 * When a statement fails, nothing of it was stored. One PostgreSQL aborted for a deadlock with
 * another process is run again; any other failure, and a group still failing, is then stored one
 * message at a time, so each gets its own outcome: the duplicate `clientId` its unique violation,
 * the others their row.
 */
export function createMessageWriter(
  db: Db,
  {
    maxGroup = MAX_MESSAGES_PER_STATEMENT,
    concurrency,
  }: { maxGroup?: number; concurrency?: number } = {},
): MessageWriter {
  const write = async (
    inputs: readonly NewMessage[],
    attempt = 1,
  ): Promise<Array<WrittenMessage | undefined>> => {
    let stored;
    try {
      stored = await storeMessages(db, inputs);
    } catch (error) {
      if (attempt >= MAX_ATTEMPTS || !isRetryableConflict(error)) throw error;
      return write(inputs, attempt + 1);
    }
    const unread = unreadAfter(stored);
    return stored.map((message, i) => message && { ...message, unread: unread[i] ?? new Map() });
  };
  const runner = new GroupRunner<Queued, WrittenMessage | undefined>(
    oneThenEach((queued) => write(queued.map((item) => item.input))),
    {
      maxGroup,
      key: (item) => item.input.conversationId.toLowerCase(),
      locks: (item) => item.memberIds.map((id) => `user:${id}`),
      concurrency,
    },
  );
  return { store: (input, memberIds = []) => runner.run({ input, memberIds }) };
}
