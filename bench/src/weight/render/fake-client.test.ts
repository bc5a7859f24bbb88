import { describe, expect, it } from 'vitest';
import { CONV, longThreadClient } from './fake-client';

describe('longThreadClient', () => {
  it('holds the conversation, read, with the last message last', () => {
    const client = longThreadClient(1000);
    const state = client.getSnapshot();
    const window = state.messages[CONV];
    expect(window?.sent).toHaveLength(1000);
    expect(window?.sent.at(-1)?.content).toBe('Message 1000');
    expect(state.connection.status).toBe('connected');
    expect(state.conversations.byId[CONV]?.lastSeq).toBe(1000);
  });

  it('pushes a new message to subscribers and message listeners, in a new snapshot', () => {
    const client = longThreadClient(10);
    const before = client.getSnapshot();
    const seen: string[] = [];
    const unsubscribe = client.subscribe(() => seen.push('state'));
    client.on('message', (message) => seen.push(message.content));
    const message = client.push('u-bruno', 'Le tout dernier');
    expect(message.seq).toBe(11);
    expect(seen).toEqual(['state', 'Le tout dernier']);
    expect(client.getSnapshot()).not.toBe(before);
    expect(client.getSnapshot().messages[CONV]?.sent.at(-1)).toEqual(message);
    unsubscribe();
    client.push('u-bruno', 'encore');
    expect(seen).toHaveLength(3);
  });
});
