import { describe, expect, it } from 'vitest';
import { Tally } from './tally';

describe('Tally', () => {
  it('measures latency from the due time, not from when the send went out', () => {
    const tally = new Tally();
    tally.sent('m1', 100);
    tally.received('m1', 130);
    expect(tally.summary().latenciesMs).toEqual([30]);
  });

  it('counts a message never received as lost', () => {
    const tally = new Tally();
    tally.sent('m1', 0);
    tally.sent('m2', 10);
    tally.received('m2', 12);
    expect(tally.summary()).toMatchObject({ sent: 2, delivered: 1, lost: 1 });
  });

  it('counts a message received twice once as doubled and once as delivered', () => {
    const tally = new Tally();
    tally.sent('m1', 0);
    tally.received('m1', 5);
    tally.received('m1', 6);
    tally.received('m1', 7);
    expect(tally.summary()).toMatchObject({ delivered: 1, doubled: 1, lost: 0, latenciesMs: [5] });
  });

  it('ignores receptions of messages it did not send', () => {
    const tally = new Tally();
    tally.received('other', 1);
    expect(tally.summary()).toMatchObject({ sent: 0, delivered: 0, doubled: 0 });
  });

  it('counts acks and failed acks by code, first answer only', () => {
    const tally = new Tally();
    for (const key of ['a', 'b', 'c', 'd']) tally.sent(key, 0);
    tally.answered('a', { ok: true });
    tally.answered('a', { ok: false, code: 'INTERNAL' });
    tally.answered('b', { ok: false, code: 'RATE_LIMITED' });
    tally.answered('c', { ok: false, code: 'RATE_LIMITED' });
    tally.answered('d', { ok: false, code: 'UNAVAILABLE' });
    expect(tally.summary()).toMatchObject({
      acked: 1,
      errors: { RATE_LIMITED: 2, UNAVAILABLE: 1 },
    });
  });

  it('counts retried refusals apart; a message stays open until its final answer', () => {
    const tally = new Tally();
    tally.sent('a', 0);
    tally.received('a', 5);
    tally.refused('a');
    tally.refused('a');
    tally.refused('unknown');
    expect(tally.settled).toBe(false);
    tally.answered('a', { ok: true });
    expect(tally.settled).toBe(true);
    expect(tally.summary()).toMatchObject({ acked: 1, errors: {}, refusals: 2 });
  });

  it('is settled once every sent message is both delivered and answered', () => {
    const tally = new Tally();
    expect(tally.settled).toBe(true);
    tally.sent('a', 0);
    tally.sent('b', 0);
    tally.received('a', 1);
    tally.answered('b', { ok: true });
    expect(tally.settled).toBe(false);
    tally.answered('a', { ok: true });
    tally.received('b', 2);
    tally.received('b', 3);
    expect(tally.settled).toBe(true);
  });

  it('refuses to send one key twice, which would hide a doubled delivery', () => {
    const tally = new Tally();
    tally.sent('a', 0);
    expect(() => tally.sent('a', 1)).toThrow(/twice/);
  });
});
