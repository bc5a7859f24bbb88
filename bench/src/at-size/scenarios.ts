// The requests of each measured scenario, built from the data set's plan, with the statements the
// server runs for each (for the baseline). Every choice is deterministic: the same run asks the
// same things.
import {
  HISTORY_DEFAULT_LIMIT,
  SEARCH_DEFAULT_LIMIT,
  SYNC_MAX_MESSAGES_PER_CONVERSATION,
} from '@causette/protocol';
import { type ConversationPlan, userId } from './dataset';
import type { Probe } from './measure';
import { searchQueries } from './query-set';
import {
  type Statement,
  historyStatement,
  searchStatement,
  syncHeadsStatement,
  syncMessagesStatement,
  viewsStatements,
} from './server-queries';

/** What the scenarios are built from. */
export interface ScenarioInput {
  plan: ConversationPlan;
  /** Conversation ids by plan index. */
  conversationIds: readonly string[];
}

/** A sync after missing this many messages in each of `SYNC_BEHIND_CONVERSATIONS` conversations. */
export const SYNC_MISSED_PER_CONVERSATION = 10;
export const SYNC_BEHIND_CONVERSATIONS = 10;

function idOf(input: ScenarioInput, index: number): string {
  const id = input.conversationIds[index];
  if (!id) throw new Error(`no conversation id for plan index ${index}`);
  return id;
}

function lengthOf(input: ScenarioInput, index: number): number {
  return input.plan.lengths[index] ?? 0;
}

function mine(input: ScenarioInput, user: number): number[] {
  return input.plan.measured[user] ?? [];
}

export function searchProbes(input: ScenarioInput, count: number): Probe[] {
  const users = input.plan.measured.length;
  return searchQueries(count).map((query, i) => ({
    user: i % users,
    event: 'message:search',
    payload: { query: query.text },
    statements: [searchStatement(userId(i % users), query.text, SEARCH_DEFAULT_LIMIT)],
    group: query.queryClass,
  }));
}

/** The latest page of each of the user's conversations in turn. */
export function latestPageProbes(input: ScenarioInput, count: number): Probe[] {
  const users = input.plan.measured.length;
  return Array.from({ length: count }, (_, i) => {
    const user = i % users;
    const indexes = mine(input, user);
    const index = indexes[Math.floor(i / users) % indexes.length] ?? 0;
    const conversationId = idOf(input, index);
    return {
      user,
      event: 'message:history',
      payload: { conversationId },
      statements: [historyStatement(conversationId, HISTORY_DEFAULT_LIMIT)],
    };
  });
}

/** A page before a seq in the middle half of the user's longest conversation. */
export function deepPageProbes(input: ScenarioInput, count: number): Probe[] {
  const users = input.plan.measured.length;
  return Array.from({ length: count }, (_, i) => {
    const user = i % users;
    const index = mine(input, user)[0] ?? 0;
    const length = lengthOf(input, index);
    const span = Math.max(1, Math.floor(length / 2));
    const beforeSeq = Math.floor(length / 4) + 1 + ((i * 7919) % span);
    const conversationId = idOf(input, index);
    return {
      user,
      event: 'message:history',
      payload: { conversationId, beforeSeq },
      statements: [historyStatement(conversationId, HISTORY_DEFAULT_LIMIT, beforeSeq)],
    };
  });
}

/**
 * A client coming back with a cursor for each of its conversations, `behind` of them missing
 * their last `missed` messages (a different set each time); `behind = 0`: nothing missed.
 */
export function syncProbes(
  input: ScenarioInput,
  count: number,
  behind: number,
  missed: number,
): Probe[] {
  const users = input.plan.measured.length;
  return Array.from({ length: count }, (_, i) => {
    const user = i % users;
    const indexes = mine(input, user);
    const cursors: Record<string, number> = {};
    const late: Array<{ id: string; cursor: number }> = [];
    indexes.forEach((index, k) => {
      const id = idOf(input, index);
      const length = lengthOf(input, index);
      const isBehind = (k - i + indexes.length * count) % indexes.length < behind;
      const cursor = isBehind ? Math.max(0, length - Math.min(missed, length - 1)) : length;
      cursors[id] = cursor;
      if (cursor < length) late.push({ id, cursor });
    });
    const statements: Statement[] = [
      syncHeadsStatement(userId(user)),
      ...late.map(({ id, cursor }) =>
        syncMessagesStatement(id, cursor, SYNC_MAX_MESSAGES_PER_CONVERSATION),
      ),
      ...(late.length > 0
        ? viewsStatements(
            userId(user),
            late.map((c) => c.id),
          )
        : []),
    ];
    return { user, event: 'sync', payload: { cursors }, statements };
  });
}
