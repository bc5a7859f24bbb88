import type { Message } from '@causette/protocol';
import { describe, expect, it } from 'vitest';
import { IMAGE_PREVIEW, pushNotificationData, pushTopic, shorten } from './payload';

const message = (overrides: Partial<Message> = {}): Message => ({
  id: 'm-1',
  clientId: 'c-1',
  conversationId: 'conv-1',
  seq: 7,
  senderId: 'u-ana',
  type: 'TEXT',
  content: 'Bonjour, les clés sont chez le gardien.',
  createdAt: '2026-01-01T00:00:00.000Z',
  ...overrides,
});

describe('pushNotificationData', () => {
  it('carries the sender, the text and where the message is', () => {
    expect(pushNotificationData(message(), 'Ana Martin', true)).toEqual({
      title: 'Ana Martin',
      body: 'Bonjour, les clés sont chez le gardien.',
      conversationId: 'conv-1',
      messageId: 'm-1',
      seq: 7,
      type: 'TEXT',
    });
  });

  it('carries no text at all when previews are off', () => {
    const data = pushNotificationData(message(), 'Ana Martin', false);
    expect(data).not.toHaveProperty('body');
    expect(JSON.stringify(data)).not.toContain('gardien');
  });

  it('says Photo for an image without caption, and the caption otherwise', () => {
    const image = message({ type: 'IMAGE', content: '' });
    expect(pushNotificationData(image, 'Ana', true).body).toBe(IMAGE_PREVIEW);
    expect(pushNotificationData({ ...image, content: 'La cuisine' }, 'Ana', true).body).toBe(
      'La cuisine',
    );
  });

  it('shortens a long text to 120 characters with an ellipsis', () => {
    const body = pushNotificationData(message({ content: 'a'.repeat(4000) }), 'Ana', true).body!;
    expect(Array.from(body)).toHaveLength(120);
    expect(body.endsWith('…')).toBe(true);
  });
});

describe('shorten', () => {
  it('keeps one line and never splits a character', () => {
    expect(shorten('  deux\n\nlignes\t ici ', 50)).toBe('deux lignes ici');
    expect(shorten('👩‍👩‍👧‍👦👩‍👩‍👧‍👦👩‍👩‍👧‍👦', 2)).toBe('👩‍👩‍👧‍👦…');
    expect(shorten('abc', 3)).toBe('abc');
  });
});

describe('pushTopic', () => {
  it('is URL-safe base64 of at most 32 characters, one per conversation', () => {
    const topic = pushTopic('0195f3a8-7c1e-7d2a-9b3c-4d5e6f708192');
    expect(topic).toMatch(/^[A-Za-z0-9_-]{1,32}$/);
    expect(pushTopic('0195f3a8-7c1e-7d2a-9b3c-4d5e6f708192')).toBe(topic);
    expect(pushTopic('another')).not.toBe(topic);
  });
});
