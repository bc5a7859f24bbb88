import { TYPING_DISPLAY_TIMEOUT_MS } from '@causette/protocol';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ChatError } from '../errors';
import { TypingTracker } from './typing-tracker';

describe('TypingTracker', () => {
  let changes: [string, readonly string[]][];
  let tracker: TypingTracker;

  beforeEach(() => {
    vi.useFakeTimers();
    changes = [];
    tracker = new TypingTracker({ onChange: (id, users) => changes.push([id, users]) });
  });
  afterEach(() => {
    tracker.dispose();
    vi.useRealTimers();
  });

  const typing = (userId: string, isTyping = true, conversationId = 'c1') =>
    tracker.apply({ conversationId, userId, isTyping });

  it('adds users in the order they start and removes them on isTyping false', () => {
    typing('u1');
    typing('u2');
    expect(tracker.get('c1')).toEqual(['u1', 'u2']);
    typing('u1', false);
    expect(tracker.get('c1')).toEqual(['u2']);
    expect(changes.map(([, users]) => users)).toEqual([['u1'], ['u1', 'u2'], ['u2']]);
  });

  it('calls onChange only on a real change and keeps the array reference otherwise', () => {
    typing('u1');
    const first = tracker.get('c1');
    typing('u1');
    typing('u2', false);
    tracker.clearUser('c1', 'nobody');
    expect(changes).toHaveLength(1);
    expect(tracker.get('c1')).toBe(first);
    expect(changes[0]![1]).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
  });

  it('returns one shared empty array for a conversation nobody types in', () => {
    expect(tracker.get('x')).toBe(tracker.get('y'));
    typing('u1');
    typing('u1', false);
    expect(tracker.get('c1')).toBe(tracker.get('x'));
    expect(changes.at(-1)![1]).toBe(tracker.get('x'));
  });

  it('clears an indicator after the display timeout, re-armed by each isTyping true', () => {
    typing('u1');
    vi.advanceTimersByTime(TYPING_DISPLAY_TIMEOUT_MS - 1);
    typing('u1');
    vi.advanceTimersByTime(TYPING_DISPLAY_TIMEOUT_MS - 1);
    expect(tracker.get('c1')).toEqual(['u1']);
    vi.advanceTimersByTime(1);
    expect(tracker.get('c1')).toEqual([]);
    expect(changes).toHaveLength(2);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('times users out independently, per conversation', () => {
    typing('u1', true, 'a');
    vi.advanceTimersByTime(3000);
    typing('u1', true, 'b');
    typing('u2', true, 'a');
    vi.advanceTimersByTime(TYPING_DISPLAY_TIMEOUT_MS - 3000);
    expect(tracker.get('a')).toEqual(['u2']);
    expect(tracker.get('b')).toEqual(['u1']);
  });

  it('clearUser removes one user and their timer', () => {
    typing('u1');
    typing('u2');
    tracker.clearUser('c1', 'u1');
    expect(tracker.get('c1')).toEqual(['u2']);
    expect(vi.getTimerCount()).toBe(1);
  });

  it('clearAll empties every conversation, notifying each once', () => {
    typing('u1', true, 'a');
    typing('u2', true, 'b');
    changes = [];
    tracker.clearAll();
    expect(changes).toEqual([
      ['a', []],
      ['b', []],
    ]);
    expect(vi.getTimerCount()).toBe(0);
    tracker.clearAll();
    expect(changes).toHaveLength(2);
  });

  it('dispose leaves no timer and notifies nobody', () => {
    typing('u1', true, 'a');
    typing('u2', true, 'b');
    changes = [];
    tracker.dispose();
    expect(vi.getTimerCount()).toBe(0);
    vi.advanceTimersByTime(TYPING_DISPLAY_TIMEOUT_MS);
    expect(changes).toEqual([]);
    expect(tracker.get('a')).toEqual([]);
  });

  it('refuses malformed updates with a ChatError', () => {
    expect(() => tracker.apply({ conversationId: 'c', userId: '', isTyping: true })).toThrow(
      ChatError,
    );
    expect(() => tracker.apply(null as never)).toThrow(ChatError);
    expect(() =>
      tracker.apply({ conversationId: 'c', userId: 'u', isTyping: 'yes' } as never),
    ).toThrow(/isTyping/);
    expect(() => new TypingTracker({} as never)).toThrow(ChatError);
  });
});
