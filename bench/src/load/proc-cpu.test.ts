import os from 'node:os';
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
    const before = processCpuMs(process.pid);
    // Spin until the process has really burnt CPU, not for a wall-clock time: on a loaded
    // machine a 200 ms spin may be scheduled for less than half of it.
    const deadline = performance.now() + 20_000;
    while (
      before !== undefined &&
      (processCpuMs(process.pid) ?? 0) - before < 100 &&
      performance.now() < deadline
    ) {
      for (let i = 0; i < 10_000; i++) Math.sqrt(Math.random());
    }
    const percent = measured();
    if (before !== undefined) {
      expect(percent).toBeGreaterThan(0);
      expect(percent).toBeLessThanOrEqual(100 * os.availableParallelism() + 10);
    }
    expect(cpuMeter(undefined)()).toBeUndefined();
  });
});
