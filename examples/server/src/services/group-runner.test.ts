import { afterEach, describe, expect, it, vi } from 'vitest';
import { GroupRunner, HOT_ARRIVALS, HOT_WINDOW_MS, oneThenEach } from './group-runner';

interface Item {
  key: string;
  value: number;
}

/** A runner whose groups are recorded and finish only when the test says so. */
function recorder(options: { maxGroup: number; keyed?: boolean }) {
  const groups: Item[][] = [];
  const finishers: Array<() => void> = [];
  const runner = new GroupRunner<Item, number>(
    async (items) => {
      groups.push([...items]);
      await new Promise<void>((resolve) => finishers.push(resolve));
      return items.map((item) =>
        item.value < 0
          ? { status: 'rejected', reason: new Error(`negative ${item.value}`) }
          : { status: 'fulfilled', value: item.value * 10 },
      );
    },
    { maxGroup: options.maxGroup, key: options.keyed ? (item) => item.key : undefined },
  );
  const finishNext = async () => {
    await turn();
    finishers.shift()?.();
    // Let the answers run, then the next group start on its own turn.
    await turn();
    await turn();
  };
  return { runner, groups, finishNext };
}

const item = (key: string, value: number): Item => ({ key, value });
const turn = () => new Promise((resolve) => setImmediate(resolve));

describe('GroupRunner', () => {
  it('runs a lone item on the next turn, and those arriving meanwhile together next', async () => {
    const { runner, groups, finishNext } = recorder({ maxGroup: 10 });
    const first = runner.run(item('a', 1));
    await turn();
    expect(groups).toEqual([[item('a', 1)]]);
    const later = [2, 3, 4].map((n) => runner.run(item('b', n)));
    expect(runner.waiting).toBe(3);
    await finishNext();
    expect(await first).toBe(10);
    expect(groups[1]).toEqual([item('b', 2), item('b', 3), item('b', 4)]);
    await finishNext();
    expect(await Promise.all(later)).toEqual([20, 30, 40]);
    expect(groups).toHaveLength(2);
  });

  it('caps a group at maxGroup and keeps the order of the line', async () => {
    const { runner, groups, finishNext } = recorder({ maxGroup: 2 });
    const all = [1, 2, 3, 4, 5].map((n) => runner.run(item('k', n)));
    for (let i = 0; i < 3; i += 1) await finishNext();
    expect(await Promise.all(all)).toEqual([10, 20, 30, 40, 50]);
    expect(groups.map((g) => g.map((i) => i.value))).toEqual([[1, 2], [3, 4], [5]]);
  });

  it('never puts two items with one key in a group; the later one keeps its place', async () => {
    const { runner, groups, finishNext } = recorder({ maxGroup: 10, keyed: true });
    const all = [
      runner.run(item('x', 1)),
      runner.run(item('x', 2)),
      runner.run(item('y', 3)),
      runner.run(item('x', 4)),
      runner.run(item('z', 5)),
    ];
    for (let i = 0; i < 3; i += 1) await finishNext();
    await Promise.all(all);
    expect(groups.map((g) => g.map((i) => i.value))).toEqual([[1, 3, 5], [2], [4]]);
  });

  it('answers each item with its own error, and everyone with a thrown one', async () => {
    const { runner, finishNext } = recorder({ maxGroup: 10 });
    const ok = runner.run(item('a', 1));
    const bad = expect(runner.run(item('a', -1))).rejects.toThrow('negative -1');
    const fine = runner.run(item('a', 2));
    await finishNext();
    await finishNext();
    expect(await ok).toBe(10);
    await bad;
    expect(await fine).toBe(20);

    const broken = new GroupRunner<number, number>(
      () => Promise.reject(new Error('database gone')),
      { maxGroup: 4 },
    );
    const short = new GroupRunner<number, number>(async () => [], { maxGroup: 4 });
    await expect(Promise.all([broken.run(1), broken.run(2)])).rejects.toThrow('database gone');
    await expect(short.run(1)).rejects.toThrow('a group of 1 got 0 results');
    // The runner goes on after a failed group.
    await expect(broken.run(3)).rejects.toThrow('database gone');
  });

  it('groups the items that arrive while a group blocks the thread, as PGlite does', async () => {
    const groups: number[][] = [];
    let later: Promise<number[]> | undefined;
    const runner = new GroupRunner<number, number>(
      async (items) => {
        groups.push([...items]);
        // Requests whose data reaches the process while the first statement runs: their
        // callbacks can only run once the thread is free again.
        later ??= new Promise((resolve) =>
          setTimeout(() => resolve(Promise.all([1, 2, 3].map((n) => runner.run(n)))), 0),
        );
        // Busy for a while, as a statement run in WebAssembly on this thread is.
        const until = Date.now() + 20;
        while (Date.now() < until);
        return items.map((value) => ({ status: 'fulfilled', value }));
      },
      { maxGroup: 100 },
    );
    expect(await runner.run(0)).toBe(0);
    expect(await later).toEqual([1, 2, 3]);
    expect(groups).toEqual([[0], [1, 2, 3]]);
  });

  it('refuses a maxGroup that is not a positive integer, and a linger out of range', () => {
    for (const maxGroup of [0, -1, 1.5, Number.NaN]) {
      expect(() => new GroupRunner(async () => [], { maxGroup })).toThrow(RangeError);
    }
    for (const lingerMs of [-1, HOT_WINDOW_MS, Number.POSITIVE_INFINITY, Number.NaN]) {
      expect(() => new GroupRunner(async () => [], { maxGroup: 2, lingerMs })).toThrow(RangeError);
    }
  });
});

describe('GroupRunner under load (lingerMs)', () => {
  const LINGER = 20;
  afterEach(() => {
    vi.useRealTimers();
  });

  /** A runner whose groups answer at once, on fake timers (performance.now() included). */
  function lingering(maxGroup = 100) {
    vi.useFakeTimers({
      toFake: ['setTimeout', 'clearTimeout', 'setImmediate', 'clearImmediate', 'performance'],
    });
    const groups: number[][] = [];
    const runner = new GroupRunner<number, number>(
      async (items) => {
        groups.push([...items]);
        return items.map((value) => ({ status: 'fulfilled', value }));
      },
      { maxGroup, lingerMs: LINGER },
    );
    /**
     * `count` arrivals, one every `everyMs`, of `together` items each (more than one: callers
     * side by side, the later finding the runner busy; one: a single caller).
     */
    const trickle = async (count: number, everyMs: number, together = 1) => {
      const answers: Array<Promise<number>> = [];
      for (let i = 0; i < count; i += 1) {
        for (let j = 0; j < together; j += 1) {
          answers.push(runner.run(groups.length * 1000 + i * together + j));
        }
        await vi.advanceTimersByTimeAsync(everyMs);
      }
      await vi.advanceTimersByTimeAsync(LINGER);
      return Promise.all(answers);
    };
    return { runner, groups, trickle };
  }

  it('runs items on the next turn, one by one, while fewer than HOT_ARRIVALS come per window', async () => {
    const { groups, trickle } = lingering();
    await trickle(HOT_ARRIVALS * 3, HOT_WINDOW_MS / (HOT_ARRIVALS - 2));
    expect(groups).toHaveLength(HOT_ARRIVALS * 3);
    expect(groups.every((group) => group.length === 1)).toBe(true);
  });

  it('under load waits lingerMs and takes all that came meanwhile as one group', async () => {
    const { runner, groups, trickle } = lingering();
    await trickle(HOT_ARRIVALS, 1, 2);
    const before = groups.length;
    const later = [runner.run(-1)];
    await vi.advanceTimersByTimeAsync(LINGER / 2);
    expect(groups).toHaveLength(before);
    later.push(runner.run(-2), runner.run(-3));
    await vi.advanceTimersByTimeAsync(LINGER / 2);
    expect(groups).toHaveLength(before + 1);
    expect(groups.at(-1)).toEqual([-1, -2, -3]);
    expect(await Promise.all(later)).toEqual([-1, -2, -3]);
  });

  it('stops lingering as soon as maxGroup items wait', async () => {
    const { runner, groups, trickle } = lingering(3);
    await trickle(HOT_ARRIVALS, 1, 2);
    const before = groups.length;
    const full = [runner.run(-1), runner.run(-2)];
    await vi.advanceTimersByTimeAsync(1);
    expect(groups).toHaveLength(before);
    full.push(runner.run(-3));
    await vi.advanceTimersByTimeAsync(0);
    expect(groups.at(-1)).toEqual([-1, -2, -3]);
    expect(await Promise.all(full)).toEqual([-1, -2, -3]);
  });

  it('never makes a single caller wait, however fast it asks again', async () => {
    const { runner, groups, trickle } = lingering();
    await trickle(HOT_ARRIVALS * 3, 1);
    expect(groups).toHaveLength(HOT_ARRIVALS * 3);
    const before = groups.length;
    const next = runner.run(-1);
    await vi.advanceTimersByTimeAsync(0);
    expect(groups).toHaveLength(before + 1);
    expect(await next).toBe(-1);
  });

  it('no longer lingers once the load is over', async () => {
    const { runner, groups, trickle } = lingering();
    await trickle(HOT_ARRIVALS, 1, 2);
    await vi.advanceTimersByTimeAsync(HOT_WINDOW_MS);
    const before = groups.length;
    const next = runner.run(-1);
    await vi.advanceTimersByTimeAsync(0);
    expect(groups).toHaveLength(before + 1);
    expect(await next).toBe(-1);
  });
});

describe('oneThenEach', () => {
  it('runs the group as one, and after a failure each item alone with its own outcome', async () => {
    const calls: number[][] = [];
    const run = oneThenEach<number, number>(async (items) => {
      calls.push([...items]);
      if (items.includes(2)) throw new Error(`bad ${items.join(',')}`);
      return items.map((item) => item * 10);
    });
    expect(await run([1, 3])).toEqual([
      { status: 'fulfilled', value: 10 },
      { status: 'fulfilled', value: 30 },
    ]);
    const results = await run([1, 2, 3]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(results[1]).toMatchObject({ reason: new Error('bad 2') });
    expect(calls).toEqual([[1, 3], [1, 2, 3], [1], [2], [3]]);
    // A lone item that fails is not run twice.
    expect(await run([2])).toEqual([{ status: 'rejected', reason: new Error('bad 2') }]);
    expect(calls).toHaveLength(6);
  });
});

describe('GroupRunner with concurrency', () => {
  interface Locked {
    key: string;
    locks: string[];
    value: number;
  }
  const locked = (key: string, locks: string[], value: number): Locked => ({ key, locks, value });

  /** Groups start when the runner says and end when the test finishes them, by start order. */
  function lanes(concurrency: number) {
    const started: number[][] = [];
    const finishers: Array<() => void> = [];
    const runner = new GroupRunner<Locked, number>(
      async (items) => {
        started.push(items.map((i) => i.value));
        await new Promise<void>((resolve) => finishers.push(resolve));
        return items.map((i) => ({ status: 'fulfilled', value: i.value }));
      },
      { maxGroup: 10, key: (i) => i.key, locks: (i) => i.locks, concurrency },
    );
    const finish = async (index: number) => {
      finishers[index]?.();
      for (let i = 0; i < 4; i += 1) await turn();
    };
    return { runner, started, finish };
  }

  it('runs groups side by side while they share no key and no lock', async () => {
    const { runner, started, finish } = lanes(2);
    const first = runner.run(locked('c1', ['u1', 'u2'], 1));
    await turn();
    // Arrived while the first runs: a second lane takes them at once.
    const second = [runner.run(locked('c2', ['u3', 'u4'], 2)), runner.run(locked('c3', ['u5'], 3))];
    await turn();
    await turn();
    expect(started).toEqual([[1], [2, 3]]);
    await finish(1);
    expect(await Promise.all(second)).toEqual([2, 3]);
    await finish(0);
    expect(await first).toBe(1);
  });

  it('holds back an item whose key or lock a running group holds, and the later items of its key', async () => {
    const { runner, started, finish } = lanes(3);
    void runner.run(locked('c1', ['u1', 'u2'], 1));
    await turn();
    void runner.run(locked('c2', ['u2', 'u3'], 2)); // u2 is held by the first group
    void runner.run(locked('c1', ['u1', 'u2'], 3)); // its conversation is running
    void runner.run(locked('c2', ['u2', 'u3'], 4)); // behind 2 in its conversation
    void runner.run(locked('c4', ['u4', 'u5'], 5)); // free
    await turn();
    await turn();
    expect(started).toEqual([[1], [5]]);
    await finish(0);
    // 2 and 3 share u2: not side by side, yet one statement may carry both (as with one lane);
    // 4 waits for 2, its conversation's earlier message.
    expect(started[2]).toEqual([2, 3]);
    await finish(2);
    expect(started[3]).toEqual([4]);
    await finish(1);
    await finish(3);
  });

  it('ignores locks with one lane: one group at a time, as without them', async () => {
    const { runner, started, finish } = lanes(1);
    void runner.run(locked('c1', ['u1'], 1));
    await turn();
    void runner.run(locked('c2', ['u1'], 2));
    void runner.run(locked('c3', ['u2'], 3));
    await turn();
    expect(started).toEqual([[1]]);
    await finish(0);
    expect(started[1]).toEqual([2, 3]);
    await finish(1);
  });

  it('refuses a concurrency that is not a positive integer', () => {
    const run = () => Promise.resolve([]);
    expect(() => new GroupRunner(run, { maxGroup: 1, concurrency: 0 })).toThrow(RangeError);
    expect(() => new GroupRunner(run, { maxGroup: 1, concurrency: 1.5 })).toThrow(RangeError);
  });
});
