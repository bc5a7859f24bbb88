import { describe, expect, it } from 'vitest';
import {
  MAX_CAPTION_LENGTH,
  MAX_TEXT_LENGTH,
  PRESENCE_MAX_USERS,
  SYNC_MAX_CURSORS,
} from '../limits';
import { attachment } from './examples.test-fixtures';
import { parseClientEvent, requestSchemas } from './index';

type Name = keyof typeof requestSchemas;
const parse = (name: Name, payload: unknown) => parseClientEvent(requestSchemas[name], payload);
const accepts = (name: Name, payload: unknown) =>
  expect(parse(name, payload)).toMatchObject({ ok: true });
const rejects = (name: Name, payload: unknown, field: RegExp) => {
  const result = parse(name, payload);
  expect(result.ok).toBe(false);
  if (!result.ok) expect(result.message).toMatch(field);
};

const clientId = '5b0e2f1c-3a4d-4e8f-9b2a-1c2d3e4f5a6b';

describe('message:send', () => {
  it('accepts the seed story payload with a client id', () => {
    accepts('message:send', { clientId, conversationId: 'c-1', content: 'Bonjour', type: 'TEXT' });
  });

  it('trims text and counts characters, not UTF-16 units', () => {
    const result = parse('message:send', {
      clientId,
      conversationId: 'c-1',
      content: '  hi  ',
      type: 'TEXT',
    });
    expect(result).toEqual({
      ok: true,
      data: { clientId, conversationId: 'c-1', content: 'hi', type: 'TEXT' },
    });
    accepts('message:send', {
      clientId,
      conversationId: 'c-1',
      content: '😀'.repeat(MAX_TEXT_LENGTH),
      type: 'TEXT',
    });
  });

  it('refuses empty, blank and oversize text, naming the field', () => {
    rejects(
      'message:send',
      { clientId, conversationId: 'c-1', content: '', type: 'TEXT' },
      /^content: must not be empty/,
    );
    rejects(
      'message:send',
      { clientId, conversationId: 'c-1', content: ' \n\t ', type: 'TEXT' },
      /^content/,
    );
    rejects(
      'message:send',
      { clientId, conversationId: 'c-1', content: 'a'.repeat(MAX_TEXT_LENGTH + 1), type: 'TEXT' },
      /^content: must be at most 4000/,
    );
  });

  it('accepts an image with or without caption', () => {
    accepts('message:send', {
      clientId,
      conversationId: 'c-1',
      type: 'IMAGE',
      content: 'La cuisine',
      attachment,
    });
    expect(
      parse('message:send', { clientId, conversationId: 'c-1', type: 'IMAGE', attachment }),
    ).toMatchObject({
      ok: true,
      data: { content: '' },
    });
  });

  it('refuses an image without attachment, with a bad one, or with a long caption', () => {
    rejects(
      'message:send',
      { clientId, conversationId: 'c-1', type: 'IMAGE', content: '' },
      /attachment/,
    );
    rejects(
      'message:send',
      {
        clientId,
        conversationId: 'c-1',
        type: 'IMAGE',
        attachment: { ...attachment, format: 'bmp' },
      },
      /attachment\.format/,
    );
    rejects(
      'message:send',
      {
        clientId,
        conversationId: 'c-1',
        type: 'IMAGE',
        attachment: { ...attachment, url: 'javascript:alert(1)' },
      },
      /attachment\.url/,
    );
    rejects(
      'message:send',
      { clientId, conversationId: 'c-1', type: 'IMAGE', attachment: { ...attachment, width: 0 } },
      /attachment\.width/,
    );
    rejects(
      'message:send',
      {
        clientId,
        conversationId: 'c-1',
        type: 'IMAGE',
        attachment,
        content: 'x'.repeat(MAX_CAPTION_LENGTH + 1),
      },
      /content/,
    );
  });

  it('refuses SYSTEM messages, unknown types and a text carrying an attachment', () => {
    rejects(
      'message:send',
      { clientId, conversationId: 'c-1', type: 'SYSTEM', content: 'x' },
      /type/,
    );
    rejects(
      'message:send',
      { clientId, conversationId: 'c-1', type: 'VIDEO', content: 'x' },
      /type/,
    );
    rejects(
      'message:send',
      { clientId, conversationId: 'c-1', type: 'TEXT', content: 'x', attachment },
      /attachment/,
    );
  });

  it('refuses keys the client may not set, and wrong types', () => {
    rejects(
      'message:send',
      { clientId, conversationId: 'c-1', type: 'TEXT', content: 'x', senderId: 'u-bob' },
      /senderId/,
    );
    rejects(
      'message:send',
      { clientId, conversationId: 'c-1', type: 'TEXT', content: 'x', seq: 4 },
      /seq/,
    );
    rejects(
      'message:send',
      { clientId: 42, conversationId: 'c-1', type: 'TEXT', content: 'x' },
      /^clientId/,
    );
    rejects('message:send', { conversationId: 'c-1', type: 'TEXT', content: 'x' }, /^clientId/);
    rejects(
      'message:send',
      { clientId, conversationId: '', type: 'TEXT', content: 'x' },
      /^conversationId/,
    );
    rejects(
      'message:send',
      { clientId, conversationId: 'c'.repeat(129), type: 'TEXT', content: 'x' },
      /^conversationId/,
    );
    rejects('message:send', null, /.+/);
    rejects('message:send', 'hello', /.+/);
  });
});

describe('message:history', () => {
  it('accepts the latest page, older pages, newer pages and a window', () => {
    accepts('message:history', { conversationId: 'c-1' });
    accepts('message:history', { conversationId: 'c-1', beforeSeq: 51, limit: 50 });
    accepts('message:history', { conversationId: 'c-1', afterSeq: 200, limit: 100 });
    accepts('message:history', { conversationId: 'c-1', afterSeq: 10, beforeSeq: 20 });
  });

  it('refuses bad limits, negative or fractional cursors and an empty window', () => {
    rejects('message:history', { conversationId: 'c-1', limit: 0 }, /^limit/);
    rejects('message:history', { conversationId: 'c-1', limit: 101 }, /^limit/);
    rejects('message:history', { conversationId: 'c-1', beforeSeq: -1 }, /^beforeSeq/);
    rejects('message:history', { conversationId: 'c-1', afterSeq: 1.5 }, /^afterSeq/);
    rejects('message:history', { conversationId: 'c-1', afterSeq: '3' }, /^afterSeq/);
    rejects(
      'message:history',
      { conversationId: 'c-1', afterSeq: 20, beforeSeq: 20 },
      /^afterSeq: must be lower/,
    );
  });
});

describe('read state', () => {
  it('accepts the seed story message:read and message:unread with or without a message', () => {
    accepts('message:read', { messageId: 'm-1' });
    accepts('message:unread', { conversationId: 'c-1' });
    accepts('message:unread', { conversationId: 'c-1', messageId: 'm-1' });
  });

  it('refuses missing ids and extra keys', () => {
    rejects('message:read', {}, /^messageId/);
    rejects('message:read', { messageId: 'm-1', conversationId: 'c-1' }, /conversationId/);
    rejects('message:unread', { messageId: 'm-1' }, /^conversationId/);
  });
});

describe('message:search', () => {
  it('accepts free text with quotes and operators, trimmed', () => {
    expect(parse('message:search', { query: '  "T2 Lyon" -garage OR balcon  ' })).toMatchObject({
      ok: true,
      data: { query: '"T2 Lyon" -garage OR balcon' },
    });
    accepts('message:search', {
      query: 'cuisine',
      conversationId: 'c-1',
      cursor: 'abc',
      limit: 10,
    });
  });

  it('refuses empty and oversize queries and bad limits', () => {
    rejects('message:search', { query: '   ' }, /^query: must not be empty/);
    rejects('message:search', { query: 'x'.repeat(201) }, /^query: must be at most 200/);
    rejects('message:search', { query: 'x', limit: 51 }, /^limit/);
    rejects('message:search', { query: 'x', cursor: '' }, /^cursor/);
  });
});

describe('conversations', () => {
  it('accepts list, get and open as documented', () => {
    accepts('conversation:list', {});
    accepts('conversation:list', { cursor: 'next', limit: 100 });
    accepts('conversation:get', { conversationId: 'c-1' });
    accepts('conversation:open', {
      participantIds: ['u-bruno'],
      subject: { type: 'listing', id: 'L-42', title: 'T2 Lyon' },
    });
    accepts('conversation:open', { participantIds: ['u-bruno', 'u-chloe'] });
  });

  it('refuses an empty or oversize participant list and a malformed subject', () => {
    rejects('conversation:open', { participantIds: [] }, /^participantIds/);
    rejects(
      'conversation:open',
      { participantIds: Array.from({ length: 51 }, (_, i) => `u-${i}`) },
      /^participantIds/,
    );
    rejects(
      'conversation:open',
      { participantIds: ['u-bruno'], subject: { type: 'listing' } },
      /^subject\.id/,
    );
    rejects(
      'conversation:open',
      { participantIds: ['u-bruno'], subject: { type: 'listing', id: 'L-1', html: '<b>' } },
      /html/,
    );
    rejects('conversation:list', { limit: 1000 }, /^limit/);
    rejects('conversation:get', { id: 'c-1' }, /conversationId|id/);
  });
});

describe('sync', () => {
  it('accepts cursors per conversation, including none at all', () => {
    accepts('sync', { cursors: {} });
    accepts('sync', { cursors: { 'c-1': 12, 'c-2': 0 } });
  });

  it('refuses negative cursors, non-numbers and too many conversations', () => {
    rejects('sync', { cursors: { 'c-1': -1 } }, /^cursors\.c-1/);
    rejects('sync', { cursors: { 'c-1': '12' } }, /^cursors\.c-1/);
    rejects('sync', { cursors: [] }, /^cursors/);
    rejects(
      'sync',
      { cursors: { ['c'.repeat(129)]: 1 } },
      /^cursors \(a key\): Too big: expected string to have <=128 characters$/,
    );
    const many = Object.fromEntries(
      Array.from({ length: SYNC_MAX_CURSORS + 1 }, (_, i) => [`c-${i}`, 1]),
    );
    rejects('sync', { cursors: many }, /^cursors: must hold at most/);
  });
});

describe('presence and push', () => {
  it('accepts presence:get for 1..200 users', () => {
    accepts('presence:get', { userIds: ['u-alice'] });
    accepts('presence:get', {
      userIds: Array.from({ length: PRESENCE_MAX_USERS }, (_, i) => `u-${i}`),
    });
    rejects('presence:get', { userIds: [] }, /^userIds/);
    rejects(
      'presence:get',
      { userIds: Array.from({ length: PRESENCE_MAX_USERS + 1 }, (_, i) => `u-${i}`) },
      /^userIds/,
    );
  });

  it('accepts a PushSubscription.toJSON() and refuses a non-https endpoint', () => {
    const subscription = {
      endpoint: 'https://fcm.googleapis.com/fcm/send/abc',
      expirationTime: null,
      keys: { p256dh: 'BNc...', auth: 'tBH...' },
    };
    accepts('push:subscribe', { subscription });
    accepts('push:unsubscribe', { endpoint: subscription.endpoint });
    rejects(
      'push:subscribe',
      { subscription: { ...subscription, endpoint: 'http://evil.test/x' } },
      /^subscription\.endpoint/,
    );
    rejects(
      'push:subscribe',
      { subscription: { ...subscription, keys: { p256dh: 'x' } } },
      /^subscription\.keys\.auth/,
    );
  });

  it('takes an optional previews flag for the user, a boolean', () => {
    const subscription = {
      endpoint: 'https://fcm.googleapis.com/fcm/send/abc',
      keys: { p256dh: 'BNc...', auth: 'tBH...' },
    };
    accepts('push:subscribe', { subscription, previews: false });
    accepts('push:subscribe', { subscription, previews: true });
    rejects('push:subscribe', { subscription, previews: 'no' }, /^previews/);
  });
});

describe('U+0000 (NUL), which PostgreSQL cannot store', () => {
  const nul = 'a\u0000b';
  const subscription = {
    endpoint: 'https://push.test/x',
    keys: { p256dh: 'BNc', auth: 'tBH' },
  };
  const subject = { type: 'listing', id: 'L-1', title: 'T2' };
  // Every string field of every request, each given a NUL, with the path the answer must name.
  const cases: Array<[Name, unknown, string]> = [
    [
      'message:send',
      { clientId: nul, conversationId: 'c-1', type: 'TEXT', content: 'x' },
      'clientId',
    ],
    [
      'message:send',
      { clientId, conversationId: nul, type: 'TEXT', content: 'x' },
      'conversationId',
    ],
    ['message:send', { clientId, conversationId: 'c-1', type: 'TEXT', content: nul }, 'content'],
    [
      'message:send',
      { clientId, conversationId: 'c-1', type: 'IMAGE', content: nul, attachment },
      'content',
    ],
    [
      'message:send',
      {
        clientId,
        conversationId: 'c-1',
        type: 'IMAGE',
        attachment: { ...attachment, publicId: nul },
      },
      'attachment.publicId',
    ],
    [
      'message:send',
      {
        clientId,
        conversationId: 'c-1',
        type: 'IMAGE',
        attachment: { ...attachment, url: `${attachment.url}${nul}` },
      },
      'attachment.url',
    ],
    ['message:history', { conversationId: nul }, 'conversationId'],
    ['message:read', { messageId: nul }, 'messageId'],
    ['message:unread', { conversationId: nul }, 'conversationId'],
    ['message:unread', { conversationId: 'c-1', messageId: nul }, 'messageId'],
    ['message:search', { query: nul }, 'query'],
    ['message:search', { query: 'x', conversationId: nul }, 'conversationId'],
    ['message:search', { query: 'x', cursor: nul }, 'cursor'],
    ['conversation:list', { cursor: nul }, 'cursor'],
    ['conversation:get', { conversationId: nul }, 'conversationId'],
    ['conversation:open', { participantIds: ['u-1', nul] }, 'participantIds.1'],
    [
      'conversation:open',
      { participantIds: ['u-1'], subject: { ...subject, type: nul } },
      'subject.type',
    ],
    [
      'conversation:open',
      { participantIds: ['u-1'], subject: { ...subject, id: nul } },
      'subject.id',
    ],
    [
      'conversation:open',
      { participantIds: ['u-1'], subject: { ...subject, title: nul } },
      'subject.title',
    ],
    ['sync', { cursors: { [nul]: 1 } }, 'cursors (a key)'],
    ['presence:get', { userIds: [nul] }, 'userIds.0'],
    [
      'push:subscribe',
      { subscription: { ...subscription, endpoint: `${subscription.endpoint}${nul}` } },
      'subscription.endpoint',
    ],
    [
      'push:subscribe',
      { subscription: { ...subscription, keys: { p256dh: nul, auth: 'x' } } },
      'subscription.keys.p256dh',
    ],
    [
      'push:subscribe',
      { subscription: { ...subscription, keys: { p256dh: 'x', auth: nul } } },
      'subscription.keys.auth',
    ],
    ['push:unsubscribe', { endpoint: `${subscription.endpoint}${nul}` }, 'endpoint'],
  ];

  it.each(cases)('%s refuses it in %j, naming %s', (name, payload, field) => {
    const result = parse(name, payload);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.message).toContain(`${field}: must not contain the NUL character (U+0000)`);
    }
  });

  it('still accepts the same payloads without it', () => {
    for (const [name, payload] of cases) {
      const clean = JSON.parse(JSON.stringify(payload).replaceAll('\\u0000', ''));
      accepts(name, clean);
    }
  });
});
