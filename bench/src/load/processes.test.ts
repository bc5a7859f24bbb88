import { describe, expect, it } from 'vitest';
import { allAnswers, replyOfType } from './processes';

type Message =
  { type: 'ready' } | { type: 'done'; n: number } | { type: 'failed'; message: string };
const isMessage = (value: unknown): value is Message =>
  typeof (value as { type?: unknown } | null)?.type === 'string';

describe('replyOfType', () => {
  it('accepts the awaited type, turns `failed` into an Error and skips anything else', () => {
    const accept = replyOfType(isMessage, 'done');
    expect(accept({ type: 'done', n: 3 })).toEqual({ type: 'done', n: 3 });
    expect(accept({ type: 'ready' })).toBeUndefined();
    expect(accept('noise')).toBeUndefined();
    expect(accept({ type: 'failed', message: 'no socket' })).toEqual(new Error('no socket'));
  });
});

describe('allAnswers', () => {
  it('gives every answer, or throws the first failure', async () => {
    await expect(allAnswers([Promise.resolve(1), Promise.resolve(2)])).resolves.toEqual([1, 2]);
    await expect(
      allAnswers([Promise.resolve(1), Promise.resolve(new Error('worker 2 died'))]),
    ).rejects.toThrow('worker 2 died');
  });
});
