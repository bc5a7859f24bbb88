import { type ChatState, type MessageWindow, initialChatState } from '@causette/core';
import { describe, expect, it } from 'vitest';
import { countInStore, queuedIn } from './store-count';

function sent(clientId: string, seq: number) {
  return {
    id: `m${seq}`,
    clientId,
    conversationId: 'c1',
    senderId: 'u1',
    seq,
    type: 'TEXT',
    content: clientId,
    createdAt: '2026-12-06T00:00:00.000Z',
    status: 'sent',
  } as MessageWindow['sent'][number];
}

function stateWith(window: Partial<MessageWindow>): ChatState {
  const base = initialChatState({ kind: 'memory', durable: false });
  const full = {
    items: [],
    sent: [],
    held: [],
    pending: [],
    loaded: true,
    hasOlder: false,
    loadingOlder: false,
    ...window,
  };
  return { ...base, messages: { c1: full as MessageWindow } };
}

describe('countInStore', () => {
  it('counts missing, doubled and unsent messages', () => {
    const state = stateWith({
      sent: [sent('a', 1), sent('b', 2), sent('b', 3)],
      pending: [{ clientId: 'q' } as MessageWindow['pending'][number]],
    });
    expect(countInStore(state, 'c1', new Set(['a', 'b', 'c', 'q']))).toEqual({
      missing: 2,
      lost: 2,
      doubled: 1,
      unsent: 1,
    });
  });

  it('does not call lost what a sender still holds', () => {
    const state = stateWith({ sent: [sent('a', 1)] });
    expect(countInStore(state, 'c1', new Set(['a', 'x']), new Set(['x']))).toMatchObject({
      missing: 1,
      lost: 0,
    });
  });

  it('reads an unknown conversation as empty', () => {
    expect(countInStore(stateWith({}), 'c2', new Set(['a']))).toEqual({
      missing: 1,
      lost: 1,
      doubled: 0,
      unsent: 0,
    });
  });
});

describe('queuedIn', () => {
  it('lists the outbox clientIds of every conversation', () => {
    const state = stateWith({ pending: [{ clientId: 'q' } as MessageWindow['pending'][number]] });
    expect(queuedIn(state)).toEqual(['q']);
  });
});
