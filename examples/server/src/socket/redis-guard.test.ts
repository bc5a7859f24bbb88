import { describe, expect, it } from 'vitest';
import { guardRejections } from './redis-guard';

class FakeClient {
  #published = 0;
  publish(channel: string): Promise<number> {
    if (channel === 'down') return Promise.reject(new Error('connection lost'));
    if (channel === 'throws') throw new Error('closed');
    return Promise.resolve(++this.#published);
  }
  count(): number {
    return this.#published;
  }
}

describe('guardRejections', () => {
  it('turns rejections of the listed methods into reports, and leaves the rest alone', async () => {
    const errors: string[] = [];
    const client = guardRejections(new FakeClient(), ['publish'], (error, method) =>
      errors.push(`${method}: ${(error as Error).message}`),
    );
    expect(await client.publish('up')).toBe(1);
    expect(await client.publish('down')).toBeUndefined();
    expect(await client.publish('throws')).toBeUndefined();
    // Private fields still work: methods run on the real object.
    expect(client.count()).toBe(1);
    expect(errors).toEqual(['publish: connection lost', 'publish: closed']);
  });
});
