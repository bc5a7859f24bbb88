import { describe, expect, it } from 'vitest';
import { ServiceError } from '../services/errors';
import { Admission, MAX_RETRY_AFTER_MS } from './admission';

function gate() {
  let open: () => void = () => undefined;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

const limits = { maxRunning: 2, maxWaiting: 1, retryAfterMs: 750 };

describe('Admission', () => {
  it('runs up to maxRunning at once, lines up maxWaiting more, refuses the next with UNAVAILABLE', async () => {
    const admission = new Admission(limits);
    const gates = [gate(), gate(), gate()];
    const order: number[] = [];
    const runs = gates.map((g, i) =>
      admission.run(async () => {
        order.push(i);
        await g.opened;
        return i;
      }),
    );
    await Promise.resolve();
    expect(admission.running).toBe(2);
    expect(admission.waiting).toBe(1);
    const refused = await admission.run(async () => 'never').catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ServiceError);
    expect(refused).toMatchObject({ code: 'UNAVAILABLE', retryAfterMs: 750 });
    gates[0]?.open();
    await runs[0];
    await new Promise((resolve) => setImmediate(resolve));
    expect(order).toEqual([0, 1, 2]);
    gates[1]?.open();
    gates[2]?.open();
    expect(await Promise.all(runs)).toEqual([0, 1, 2]);
    expect(admission.running).toBe(0);
  });

  it('hands a freed slot to the one in line, not to a newcomer', async () => {
    const admission = new Admission({ maxRunning: 1, maxWaiting: 5, retryAfterMs: 1 });
    const first = gate();
    const order: string[] = [];
    const running = admission.run(() => first.opened.then(() => order.push('first')));
    const waiting = admission.run(async () => order.push('waiting'));
    first.open();
    await running;
    const newcomer = admission.run(async () => order.push('newcomer'));
    await Promise.all([waiting, newcomer]);
    expect(order).toEqual(['first', 'waiting', 'newcomer']);
  });

  it('frees the slot when the work fails', async () => {
    const admission = new Admission({ maxRunning: 1, maxWaiting: 0, retryAfterMs: 1 });
    await expect(admission.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await admission.run(async () => 'next')).toBe('next');
  });

  it('refuses new work once closed, and lets what it accepted finish', async () => {
    const admission = new Admission(limits);
    const g = gate();
    const accepted = admission.run(() => g.opened.then(() => 'done'));
    admission.close();
    await expect(admission.run(async () => 1)).rejects.toMatchObject({ code: 'UNAVAILABLE' });
    g.open();
    expect(await accepted).toBe('done');
  });

  it('refuses limits that are not positive integers', () => {
    expect(() => new Admission({ ...limits, maxRunning: 0 })).toThrow(RangeError);
    expect(() => new Admission({ ...limits, maxWaiting: 1.5 })).toThrow(RangeError);
    expect(() => new Admission({ ...limits, maxWaiting: 0 })).not.toThrow();
  });

  it('paces refusals at the rate work completes, so the refused do not all come back at once', async () => {
    let now = 0;
    const admission = new Admission(
      { maxRunning: 1, maxWaiting: 0, retryAfterMs: 1000 },
      () => now,
    );
    // 50 requests completed in the first second: the rate is 50/s, a slot every 20 ms.
    for (let i = 0; i < 50; i++) {
      now = i * 20;
      await admission.run(async () => undefined);
    }
    now = 1000;
    await admission.run(async () => undefined);
    const g = gate();
    const busy = admission.run(() => g.opened);
    const delays: number[] = [];
    for (let i = 0; i < 5; i++) {
      const refused = await admission.run(async () => 'never').catch((e: unknown) => e);
      delays.push((refused as ServiceError).retryAfterMs as number);
    }
    expect(delays).toEqual([1000, 1020, 1040, 1060, 1080]);
    // A refusal much later, once the slots handed out are past, gets the shortest delay again.
    now = 10_000;
    const later = await admission.run(async () => 'never').catch((e: unknown) => e);
    expect(later).toMatchObject({ code: 'UNAVAILABLE', retryAfterMs: 1000 });
    g.open();
    await busy;
  });

  it('paces at maxRunning a second once nothing has completed for a while, whatever the rate was', async () => {
    let now = 0;
    const admission = new Admission({ maxRunning: 2, maxWaiting: 0, retryAfterMs: 100 }, () => now);
    for (let i = 0; i <= 100; i++) {
      now = i * 10;
      await admission.run(async () => undefined);
    }
    // 100 a second until now; then the database stalls with both slots taken.
    const g = gate();
    const stuck = [admission.run(() => g.opened), admission.run(() => g.opened)];
    const refusedAfter = async () =>
      ((await admission.run(async () => 'never').catch((e: unknown) => e)) as ServiceError)
        .retryAfterMs;
    now = 1_050;
    expect([await refusedAfter(), await refusedAfter()]).toEqual([100, 110]);
    now = 5_000;
    expect([await refusedAfter(), await refusedAfter()]).toEqual([100, 600]);
    g.open();
    await Promise.all(stuck);
  });

  it('never paces a refusal past MAX_RETRY_AFTER_MS, and a stalled server still hands out slots', async () => {
    const now = 0;
    const admission = new Admission({ maxRunning: 2, maxWaiting: 0, retryAfterMs: 500 }, () => now);
    const g = gate();
    const busy = [admission.run(() => g.opened), admission.run(() => g.opened)];
    const delays: number[] = [];
    for (let i = 0; i < 200; i++) {
      const refused = await admission.run(async () => 'never').catch((e: unknown) => e);
      delays.push((refused as ServiceError).retryAfterMs as number);
    }
    // Nothing completed: slots at maxRunning a second (2/s), 500 ms apart.
    expect(delays.slice(0, 3)).toEqual([500, 1000, 1500]);
    expect(Math.max(...delays)).toBe(MAX_RETRY_AFTER_MS);
    g.open();
    await Promise.all(busy);
  });

  it('tells the refused to come back after the shortest delay once closed', async () => {
    let now = 0;
    const admission = new Admission({ maxRunning: 1, maxWaiting: 0, retryAfterMs: 700 }, () => now);
    const g = gate();
    const busy = admission.run(() => g.opened);
    for (let i = 0; i < 10; i++) await admission.run(async () => 1).catch(() => undefined);
    admission.close();
    now = 1;
    await expect(admission.run(async () => 1)).rejects.toMatchObject({ retryAfterMs: 700 });
    g.open();
    await busy;
  });
});
