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
  /** The stored message, or undefined when the sender is not a member of the conversation. */
  store(input: NewMessage): Promise<WrittenMessage | undefined>;
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
  maxGroup: number = MAX_MESSAGES_PER_STATEMENT,
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
  const runner = new GroupRunner<NewMessage, WrittenMessage | undefined>(
    oneThenEach((inputs) => write(inputs)),
    { maxGroup, key: (input) => input.conversationId.toLowerCase() },
  );
  return { store: (input) => runner.run(input) };
}
