import { describe, expect, it } from 'vitest';
import { capturingLogger } from '../socket/test-helpers';
import { WARN_EVERY_MS, WorkQueue } from './work-queue';

/** A task that runs until its `finish()` is called, and says when it started. */
function gate() {
  let finish!: () => void;
  let started!: () => void;
  const done = new Promise<void>((resolve) => (finish = resolve));
  const hasStarted = new Promise<void>((resolve) => (started = resolve));
  let ran = false;
  const task = async () => {
    ran = true;
    started();
    await done;
  };
  return { task, finish, hasStarted, ran: () => ran };
}

const queueWith = (concurrency: number, maxQueued: number, now?: () => number) => {
  const { logger, lines } = capturingLogger('warn');
  return {
    queue: new WorkQueue({ concurrency, maxQueued, logger, ...(now ? { now } : {}) }),
    lines,
  };
};

describe('WorkQueue', () => {
  it('never runs a task inside push, and runs at most `concurrency` at once', async () => {
    const { queue } = queueWith(2, 10);
    const gates = [gate(), gate(), gate()];
    for (const g of gates) queue.push(g.task);
    expect(gates.some((g) => g.ran())).toBe(false);
    await Promise.all([gates[0]!.hasStarted, gates[1]!.hasStarted]);
    expect(gates[2]!.ran()).toBe(false);
    gates[0]!.finish();
    await gates[2]!.hasStarted;
    gates[1]!.finish();
    gates[2]!.finish();
    await queue.idle();
  });

  it('drops the oldest waiting task when full, and counts the drops in a rate-limited warning', async () => {
    let now = 0;
    const { queue, lines } = queueWith(1, 2, () => now);
    const running = gate();
    queue.push(running.task);
    await running.hasStarted;
    const ran: string[] = [];
    const named = (name: string) => async () => void ran.push(name);
    for (const name of ['a', 'b', 'c', 'd']) queue.push(named(name));
    expect(queue.dropped).toBe(2);
    expect(lines.map((l) => [l.msg, l.dropped])).toEqual([
      ['push queue full: the oldest pushes were dropped', 1],
    ]);
    now += WARN_EVERY_MS;
    queue.push(named('e'));
    expect(lines.map((l) => l.dropped)).toEqual([1, 2]);
    running.finish();
    await queue.idle();
    expect(ran).toEqual(['d', 'e']);
  });

  it('holds a delayed task, and counts it as pending until it ran', async () => {
    const { queue } = queueWith(1, 10);
    let ran = false;
    queue.push(async () => void (ran = true), 5);
    await queue.idle();
    expect(ran).toBe(true);
  });

  it('logs a failing task and goes on', async () => {
    const { logger, lines } = capturingLogger('error');
    const queue = new WorkQueue({ concurrency: 1, maxQueued: 10, logger });
    let after = false;
    queue.push(() => Promise.reject(new Error('boom')));
    queue.push(async () => void (after = true));
    await queue.idle();
    expect(after).toBe(true);
    expect(lines.map((l) => l.msg)).toEqual(['push task failed']);
  });

  it('on close, drops what waits or is held and waits for what runs', async () => {
    const { queue } = queueWith(1, 10);
    const running = gate();
    const waiting = gate();
    const held = gate();
    queue.push(running.task);
    queue.push(waiting.task);
    queue.push(held.task, 60_000);
    await running.hasStarted;
    let closed = false;
    const closing = queue.close().then(() => (closed = true));
    await Promise.resolve();
    expect(closed).toBe(false);
    running.finish();
    await closing;
    await queue.idle();
    expect(waiting.ran()).toBe(false);
    expect(held.ran()).toBe(false);
    queue.push(waiting.task);
    await queue.idle();
    expect(waiting.ran()).toBe(false);
  });
});
