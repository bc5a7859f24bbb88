import { describe, expect, it } from 'vitest';
import { inOrderPerKey } from './in-order';

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('inOrderPerKey', () => {
  it('runs one key in order, whatever each takes, and other keys beside it', async () => {
    const run = inOrderPerKey();
    const done: string[] = [];
    await Promise.all([
      run('ana', async () => {
        await tick(30);
        done.push('ana 1');
      }),
      run('ana', async () => {
        done.push('ana 2');
      }),
      run('bob', async () => {
        done.push('bob 1');
      }),
    ]);
    expect(done).toEqual(['bob 1', 'ana 1', 'ana 2']);
  });

  it('goes on after a failure, which its caller gets', async () => {
    const run = inOrderPerKey();
    const failed = run('ana', () => Promise.reject(new Error('boom')));
    const next = run('ana', async () => 'next');
    await expect(failed).rejects.toThrow('boom');
    await expect(next).resolves.toBe('next');
  });
});
