import { describe, expect, it } from 'vitest';
import { kibToMiB, parseVmRssKiB } from './proc-status';

describe('parseVmRssKiB', () => {
  it('reads VmRSS in kB', () => {
    const status = 'Name:\tnode\nVmPeak:\t 1234 kB\nVmRSS:\t  524288 kB\nThreads:\t11\n';
    expect(parseVmRssKiB(status)).toBe(524_288);
    expect(kibToMiB(524_288)).toBe(512);
  });

  it('is undefined without the line', () => {
    expect(parseVmRssKiB('Name:\tnode\n')).toBeUndefined();
    expect(kibToMiB(undefined)).toBeNull();
  });
});
