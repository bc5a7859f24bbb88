import { describe, expect, it } from 'vitest';
import { ackErrorSchema, ackSchema, resultSchemas, serverEventSchemas } from './index';
import { conversation, imageMessage, systemMessage, textMessage } from './examples.test-fixtures';

describe('server objects and events', () => {
  it('accepts every server event as PROTOCOL.md shapes it', () => {
    const events: { [K in keyof typeof serverEventSchemas]: unknown } = {
      'message:new': { message: textMessage },
      'message:received': { messageId: textMessage.id, conversationId: 'c-1', seq: 1 },
      'typing:update': { conversationId: 'c-1', userId: 'u-bruno', isTyping: true },
      'user:status': { userId: 'u-bruno', status: 'offline', lastSeen: '2026-11-25T09:00:00.000Z' },
      'unread:count': { count: 7, conversationId: 'c-1', conversationUnread: 2 },
      'receipt:read': {
        conversationId: 'c-1',
        userId: 'u-bruno',
        lastReadSeq: 2,
        readAt: '2026-11-25T09:32:00Z',
      },
      'conversation:new': { conversation },
      'session:expired': {},
    };
    for (const [name, payload] of Object.entries(events)) {
      const schema = serverEventSchemas[name as keyof typeof serverEventSchemas];
      expect(schema.safeParse(payload).success, name).toBe(true);
    }
  });

  it('accepts image and system messages and a conversation without subject or preview', () => {
    const { subject: _subject, lastMessage: _last, ...bare } = conversation;
    expect(serverEventSchemas['message:new'].safeParse({ message: imageMessage }).success).toBe(
      true,
    );
    expect(serverEventSchemas['message:new'].safeParse({ message: systemMessage }).success).toBe(
      true,
    );
    expect(serverEventSchemas['conversation:new'].safeParse({ conversation: bare }).success).toBe(
      true,
    );
  });

  it('tolerates fields a newer server adds, dropping them', () => {
    const parsed = serverEventSchemas['message:new'].parse({
      message: { ...textMessage, reactions: [] },
    });
    expect(parsed.message).toEqual(textMessage);
  });

  it('refuses malformed server payloads', () => {
    const bad: [keyof typeof serverEventSchemas, unknown][] = [
      ['message:new', { message: { ...textMessage, seq: 0 } }],
      ['message:new', { message: { ...textMessage, createdAt: 'yesterday' } }],
      ['message:new', { message: { ...textMessage, type: 'VIDEO' } }],
      ['typing:update', { conversationId: 'c-1', userId: 'u-bruno', isTyping: 'yes' }],
      ['user:status', { userId: 'u-bruno', status: 'away', lastSeen: '2026-11-25T09:00:00Z' }],
      ['unread:count', { count: -1, conversationId: 'c-1', conversationUnread: 0 }],
      ['conversation:new', { conversation: { ...conversation, members: 'all' } }],
    ];
    for (const [name, payload] of bad) {
      expect(serverEventSchemas[name].safeParse(payload).success, name).toBe(false);
    }
  });
});

describe('acks', () => {
  it('accepts success and error acks and refuses unknown codes', () => {
    const schema = ackSchema(resultSchemas['message:send']);
    expect(schema.safeParse({ ok: true, data: { message: textMessage } }).success).toBe(true);
    expect(
      schema.safeParse({
        ok: false,
        error: { code: 'RATE_LIMITED', message: 'slow down', retryAfterMs: 1200 },
      }).success,
    ).toBe(true);
    expect(schema.safeParse({ ok: false, error: { code: 'TEAPOT', message: 'x' } }).success).toBe(
      false,
    );
    expect(schema.safeParse({ ok: true }).success).toBe(false);
    expect(
      ackErrorSchema.safeParse({ code: 'INVALID', message: 'x', retryAfterMs: -5 }).success,
    ).toBe(false);
  });

  it('accepts every documented ack shape', () => {
    const results: { [K in keyof typeof resultSchemas]: unknown } = {
      'message:send': { message: textMessage },
      'message:history': { messages: [textMessage, imageMessage], hasMore: true },
      'message:read': { conversationId: 'c-1', lastReadSeq: 2, unreadCount: 0 },
      'message:unread': { conversationId: 'c-1', lastReadSeq: 1, unreadCount: 1 },
      'message:search': {
        hits: [{ message: textMessage, snippet: 'le <mark>T2</mark> est' }],
        nextCursor: 'n',
      },
      'conversation:list': { conversations: [conversation] },
      'conversation:get': { conversation },
      'conversation:open': { conversation, created: true },
      sync: { conversations: [conversation], messages: [textMessage], truncated: ['c-9'] },
      'presence:get': {
        presences: [{ userId: 'u-bruno', status: 'online', lastSeen: '2026-11-25T09:00:00Z' }],
      },
      'push:subscribe': {},
      'push:unsubscribe': {},
    };
    for (const [name, data] of Object.entries(results)) {
      expect(resultSchemas[name as keyof typeof resultSchemas].safeParse(data).success, name).toBe(
        true,
      );
    }
  });
});
