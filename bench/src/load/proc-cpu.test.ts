import { describe, expect, it } from 'vitest';
import { cpuMeter, parseCpuTicks, processCpuMs } from './proc-cpu';

describe('parseCpuTicks', () => {
  it('adds utime and stime, counting fields after the command name', () => {
    const stat =
      '4242 (node (x) y) S 1 4242 4242 0 -1 4194304 500 0 0 0 731 269 0 0 20 0 11 0 100 0 0';
    expect(parseCpuTicks(stat)).toBe(1000);
  });

  it('says nothing of a line it cannot read', () => {
    expect(parseCpuTicks('garbage')).toBeUndefined();
  });
});

describe('processCpuMs', () => {
  it('reads this very process where /proc exists', () => {
    const ms = processCpuMs(process.pid);
    if (ms !== undefined) expect(ms).toBeGreaterThanOrEqual(0);
    expect(processCpuMs(undefined)).toBeUndefined();
  });
});

describe('cpuMeter', () => {
  it('reports a busy process as busy and an unknown one as unknown', () => {
    const measured = cpuMeter(process.pid);
    const until = performance.now() + 200;
    while (performance.now() < until) Math.sqrt(Math.random());
    const percent = measured();
    // /proc counts in clock ticks (10 ms): a 200 ms spin reads as most of a core.
    if (percent !== undefined) expect(percent).toBeGreaterThan(50);
    expect(cpuMeter(undefined)()).toBeUndefined();
  });
});
