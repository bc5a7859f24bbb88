import { describe, expect, it } from 'vitest';
import { InMemoryPresenceStore } from './presence-store';
import { InMemoryRateLimiter } from './rate-limiter';

describe('InMemoryRateLimiter', () => {
  const rule = { capacity: 3, windowMs: 3000 };

  it('allows a burst, then refuses with the wait until the next token', async () => {
    let now = 1_000_000;
    const limiter = new InMemoryRateLimiter(() => now);
    for (let i = 0; i < 3; i++) expect(await limiter.consume('u1', rule)).toEqual({ ok: true });
    expect(await limiter.consume('u1', rule)).toEqual({ ok: false, retryAfterMs: 1000 });
    now += 400;
    expect(await limiter.consume('u1', rule)).toEqual({ ok: false, retryAfterMs: 600 });
    now += 600;
    expect(await limiter.consume('u1', rule)).toEqual({ ok: true });
    // Other keys have their own budget.
    expect(await limiter.consume('u2', rule)).toEqual({ ok: true });
  });

  it('decides synchronously, so a flood of refusals allocates no promise each', () => {
    const limiter = new InMemoryRateLimiter(() => 0);
    const allowed = limiter.consume('sync', { capacity: 1, windowMs: 1000 });
    const refused = limiter.consume('sync', { capacity: 1, windowMs: 1000 });
    expect(allowed).not.toBeInstanceOf(Promise);
    expect(allowed).toEqual({ ok: true });
    expect(refused).toEqual({ ok: false, retryAfterMs: 1000 });
  });

  it('refills to capacity, never beyond', async () => {
    let now = 0;
    const limiter = new InMemoryRateLimiter(() => now);
    for (let i = 0; i < 3; i++) await limiter.consume('u', rule);
    now += 60_000;
    for (let i = 0; i < 3; i++) expect((await limiter.consume('u', rule)).ok).toBe(true);
    expect((await limiter.consume('u', rule)).ok).toBe(false);
  });
});

describe('InMemoryPresenceStore', () => {
  it('counts sockets per user', async () => {
    const store = new InMemoryPresenceStore();
    expect(await store.add('u', 's1')).toBe(1);
    expect(await store.add('u', 's2')).toBe(2);
    expect(await store.add('u', 's2')).toBe(2);
    expect(await store.users()).toEqual(['u']);
    expect(await store.remove('u', 's1')).toBe(1);
    expect(await store.remove('u', 's2')).toBe(0);
    expect(await store.remove('u', 's2')).toBe(0);
    expect(await store.count('u')).toBe(0);
    expect(await store.users()).toEqual([]);
  });
});
