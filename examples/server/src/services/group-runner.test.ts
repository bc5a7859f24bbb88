import { describe, expect, it } from 'vitest';
import { GroupRunner, oneThenEach } from './group-runner';

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
    const runner = new GroupRunner<number, number>(
      async (items) => {
        groups.push([...items]);
        // Busy for a while, as a statement run in WebAssembly on this thread is.
        const until = Date.now() + 20;
        while (Date.now() < until);
        return items.map((value) => ({ status: 'fulfilled', value }));
      },
      { maxGroup: 100 },
    );
    const first = runner.run(0);
    // Requests whose data reaches the process while the first statement runs.
    const later = new Promise<number[]>((resolve) =>
      setTimeout(() => resolve(Promise.all([1, 2, 3].map((n) => runner.run(n)))), 1),
    );
    expect(await first).toBe(0);
    expect(await later).toEqual([1, 2, 3]);
    expect(groups).toEqual([[0], [1, 2, 3]]);
  });

  it('refuses a maxGroup that is not a positive integer', () => {
    for (const maxGroup of [0, -1, 1.5, Number.NaN]) {
      expect(() => new GroupRunner(async () => [], { maxGroup })).toThrow(RangeError);
    }
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
