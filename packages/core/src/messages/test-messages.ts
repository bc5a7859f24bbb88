import type { Message } from '@causette/protocol';

/** A stored message for tests. */
export function makeMessage(seq: number, overrides: Partial<Message> = {}): Message {
  return {
    id: `m-${overrides.conversationId ?? 'c1'}-${seq}`,
    clientId: `client-${seq}`,
    conversationId: 'c1',
    seq,
    senderId: 'bob',
    type: 'TEXT',
    content: `message ${seq}`,
    createdAt: new Date(Date.UTC(2025, 0, 1, 0, 0, seq)).toISOString(),
    ...overrides,
  };
}
