import { describe, expect, it } from 'vitest';
import { ServiceError } from '../services/errors';
import { Admission } from './admission';

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
});
