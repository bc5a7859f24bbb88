import { TYPING_IDLE_STOP_MS, TYPING_START_INTERVAL_MS } from '@causette/protocol';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ChatError } from '../errors';
import { TypingSender, type TypingEventName } from './typing-sender';

describe('TypingSender', () => {
  let sent: [TypingEventName, string][];
  let sender: TypingSender;

  beforeEach(() => {
    vi.useFakeTimers();
    sent = [];
    sender = new TypingSender({ send: (event, id) => sent.push([event, id]) });
  });
  afterEach(() => {
    sender.dispose();
    vi.useRealTimers();
  });

  it('sends typing:start on the first keystroke, then at most once per interval', () => {
    sender.keystroke('c1');
    expect(sent).toEqual([['typing:start', 'c1']]);
    for (let t = 0; t < TYPING_START_INTERVAL_MS - 500; t += 500) {
      vi.advanceTimersByTime(500);
      sender.keystroke('c1');
    }
    expect(sent).toEqual([['typing:start', 'c1']]);
    vi.advanceTimersByTime(500);
    sender.keystroke('c1');
    expect(sent).toEqual([
      ['typing:start', 'c1'],
      ['typing:start', 'c1'],
    ]);
  });

  it('keeps repeating typing:start while the user keeps typing', () => {
    for (let t = 0; t < 10_000; t += 1000) {
      sender.keystroke('c1');
      vi.advanceTimersByTime(1000);
    }
    // Keystrokes at 0..9 s: starts at 0, 3, 6 and 9 s, and never an idle stop.
    expect(sent.filter(([event]) => event === 'typing:start')).toHaveLength(4);
    expect(sent.some(([event]) => event === 'typing:stop')).toBe(false);
  });

  it('sends typing:stop after the idle delay without a keystroke, re-armed by each keystroke', () => {
    sender.keystroke('c1');
    vi.advanceTimersByTime(TYPING_IDLE_STOP_MS - 1);
    sender.keystroke('c1');
    vi.advanceTimersByTime(TYPING_IDLE_STOP_MS - 1);
    expect(sent.at(-1)).toEqual(['typing:start', 'c1']);
    vi.advanceTimersByTime(1);
    expect(sent.at(-1)).toEqual(['typing:stop', 'c1']);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('stop() sends typing:stop once, and nothing when not typing', () => {
    sender.stop('c1');
    expect(sent).toEqual([]);
    sender.keystroke('c1');
    sender.stop('c1');
    sender.stop('c1');
    expect(sent).toEqual([
      ['typing:start', 'c1'],
      ['typing:stop', 'c1'],
    ]);
    expect(vi.getTimerCount()).toBe(0);
    vi.advanceTimersByTime(TYPING_IDLE_STOP_MS * 2);
    expect(sent).toHaveLength(2);
  });

  it('stop() after the idle stop already fired sends nothing', () => {
    sender.keystroke('c1');
    vi.advanceTimersByTime(TYPING_IDLE_STOP_MS);
    expect(sent).toHaveLength(2);
    sender.stop('c1');
    expect(sent).toHaveLength(2);
  });

  it('typing again after a stop sends typing:start at once, even within the interval', () => {
    sender.keystroke('c1');
    vi.advanceTimersByTime(1000);
    sender.stop('c1');
    sender.keystroke('c1');
    expect(sent).toEqual([
      ['typing:start', 'c1'],
      ['typing:stop', 'c1'],
      ['typing:start', 'c1'],
    ]);
  });

  it('keeps each conversation independent', () => {
    sender.keystroke('a');
    vi.advanceTimersByTime(TYPING_IDLE_STOP_MS - 1000);
    sender.keystroke('b');
    vi.advanceTimersByTime(1000);
    // A's idle stop fires although B was typed in meanwhile.
    expect(sent).toEqual([
      ['typing:start', 'a'],
      ['typing:start', 'b'],
      ['typing:stop', 'a'],
    ]);
    sender.stop('a');
    expect(sent).toHaveLength(3);
    sender.stop('b');
    expect(sent.at(-1)).toEqual(['typing:stop', 'b']);
  });

  it('dispose() clears every timer and emits nothing', () => {
    sender.keystroke('a');
    sender.keystroke('b');
    expect(vi.getTimerCount()).toBe(2);
    sender.dispose();
    expect(vi.getTimerCount()).toBe(0);
    vi.advanceTimersByTime(TYPING_IDLE_STOP_MS * 2);
    expect(sent).toHaveLength(2);
  });

  it('uses the injected clock for the start interval', () => {
    let now = 0;
    const events: string[] = [];
    const clocked = new TypingSender({ send: (event) => events.push(event), now: () => now });
    clocked.keystroke('c');
    now = TYPING_START_INTERVAL_MS;
    clocked.keystroke('c');
    expect(events).toEqual(['typing:start', 'typing:start']);
    clocked.dispose();
  });

  it('refuses bad input with a ChatError', () => {
    expect(() => sender.keystroke('')).toThrow(ChatError);
    expect(() => sender.stop(42 as unknown as string)).toThrow(/conversationId/);
    expect(() => new TypingSender({} as never)).toThrow(ChatError);
  });
});
