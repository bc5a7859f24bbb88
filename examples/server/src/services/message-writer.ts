import type { Db } from '../db/connection';
import { GroupRunner } from './group-runner';
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

export interface MessageWriterOptions {
  /** The most messages one statement stores ({@link MAX_MESSAGES_PER_STATEMENT}). */
  maxGroup?: number;
  /**
   * Statements in flight at once, each for its own share of the conversations (a conversation
   * always goes to the same lane, so its messages keep their order and two lanes never lock the
   * same conversation's rows). 1 for PGlite, which runs one statement at a time anyway.
   */
  lanes?: number;
}

/**
 * Group commit for `message:send`: while one statement runs, the sends that arrive wait and go
 * together in the next, so the database does one round trip and one commit for many messages.
 * A lone send runs on the next turn of the event loop. A conversation's messages go one per
 * statement, in arrival order. With several lanes (PostgreSQL), that many statements run at once,
 * each for its own share of the conversations.
 *
 * When a statement fails, nothing of it was stored. One PostgreSQL aborted for a deadlock with
 * another process is run again; any other failure, and a group still failing, is then stored one
 * message at a time, so each gets its own outcome: the duplicate `clientId` its unique violation,
 * the others their row.
 */
export function createMessageWriter(
  db: Db,
  { maxGroup = MAX_MESSAGES_PER_STATEMENT, lanes = 1 }: MessageWriterOptions = {},
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
  if (!Number.isInteger(lanes) || lanes < 1) {
    throw new RangeError(`lanes: a positive integer, got ${String(lanes)}`);
  }
  const runGroup = async (
    inputs: readonly NewMessage[],
  ): Promise<PromiseSettledResult<WrittenMessage | undefined>[]> => {
    try {
      const written = await write(inputs);
      return written.map((value) => ({ status: 'fulfilled', value }));
    } catch (error) {
      if (inputs.length === 1) return [{ status: 'rejected', reason: error }];
      const results: PromiseSettledResult<WrittenMessage | undefined>[] = [];
      for (const input of inputs) {
        try {
          const [value] = await write([input]);
          results.push({ status: 'fulfilled', value });
        } catch (reason) {
          results.push({ status: 'rejected', reason });
        }
      }
      return results;
    }
  };
  const key = (input: NewMessage) => input.conversationId.toLowerCase();
  const runners = Array.from(
    { length: lanes },
    () => new GroupRunner<NewMessage, WrittenMessage | undefined>(runGroup, { maxGroup, key }),
  );
  return {
    store: (input) => (runners[laneOf(key(input), lanes)] as (typeof runners)[number]).run(input),
  };
}

/** A stable lane for a conversation (FNV-1a over its id): the same one for all its messages. */
export function laneOf(conversationKey: string, lanes: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < conversationKey.length; i++) {
    hash ^= conversationKey.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % lanes;
}
