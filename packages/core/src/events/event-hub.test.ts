import { describe, expect, it, vi } from 'vitest';
import { EventHub } from './event-hub';

interface Events {
  message: (text: string) => void;
  failed: (id: string, code: number) => void;
}

describe('EventHub', () => {
  it('calls the listeners of an event in order with its arguments', () => {
    const hub = new EventHub<Events>();
    const calls: unknown[] = [];
    hub.on('failed', (id, code) => calls.push(['a', id, code]));
    hub.on('failed', (id, code) => calls.push(['b', id, code]));
    hub.on('message', (text) => calls.push(text));
    hub.emit('failed', 'x', 3);
    expect(calls).toEqual([
      ['a', 'x', 3],
      ['b', 'x', 3],
    ]);
  });

  it('keeps calling the others when a listener throws, and reports it', () => {
    const logger = { error: vi.fn() };
    const hub = new EventHub<Events>(logger);
    const seen: string[] = [];
    hub.on('message', () => {
      throw new Error('app bug');
    });
    hub.on('message', (text) => seen.push(text));
    expect(() => hub.emit('message', 'hi')).not.toThrow();
    expect(seen).toEqual(['hi']);
    expect(logger.error).toHaveBeenCalledWith(
      "causette: a 'message' listener threw",
      expect.objectContaining({ message: 'app bug' }),
    );
  });

  it('unsubscribes one subscription at a time, idempotently, even of the same function', () => {
    const hub = new EventHub<Events>();
    const listener = vi.fn();
    const off1 = hub.on('message', listener);
    hub.on('message', listener);
    off1();
    off1();
    hub.emit('message', 'once');
    expect(listener).toHaveBeenCalledTimes(1);
    hub.clear();
    hub.emit('message', 'none');
    expect(listener).toHaveBeenCalledTimes(1);
  });

  it('applies subscriptions made during an emit from the next one', () => {
    const hub = new EventHub<Events>();
    const late = vi.fn();
    hub.on('message', () => hub.on('message', late));
    hub.emit('message', 'first');
    expect(late).not.toHaveBeenCalled();
    hub.emit('message', 'second');
    expect(late).toHaveBeenCalledWith('second');
  });
});
