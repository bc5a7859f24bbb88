// The hot-path series render exactly as prom-client's own metrics would for the same updates.
import { Counter, Histogram, Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { CounterFamily, HistogramFamily } from './fast-series';

const buckets = [0.001, 0.01, 0.1, 1];
/** On a bound, between bounds, above them all, and zero. */
const observations = [0.0005, 0.001, 0.005, 0.01, 0.5, 1, 7, 0];

describe('HistogramFamily', () => {
  it("renders what prom-client's Histogram renders for the same observations", async () => {
    const ours = new Registry();
    const theirs = new Registry();
    const family = new HistogramFamily({ name: 'h', help: 'Help.', buckets, registry: ours });
    const histogram = new Histogram({
      name: 'h',
      help: 'Help.',
      labelNames: ['event'],
      buckets,
      registers: [theirs],
    });
    const send = family.series({ event: 'message:send' });
    const idle = family.series({ event: 'sync' });
    for (const value of observations) {
      send.observe(value);
      histogram.observe({ event: 'message:send' }, value);
    }
    histogram.zero({ event: 'sync' });
    expect(idle.count).toBe(0);
    expect(await ours.metrics()).toBe(await theirs.metrics());
    expect(await ours.metrics()).toMatch(/^h_bucket\{le="0.01",event="message:send"\} 5$/m);
    expect(await ours.metrics()).toMatch(/^h_bucket\{le="\+Inf",event="message:send"\} 8$/m);
  });

  it('renders an unlabelled series, and resets to empty', async () => {
    const registry = new Registry();
    const family = new HistogramFamily({ name: 'db', help: 'Help.', buckets, registry });
    const series = family.series({});
    series.observe(0.05);
    expect(await registry.metrics()).toMatch(/^db_bucket\{le="0.1"\} 1$/m);
    expect(await registry.metrics()).toMatch(/^db_sum 0.05$/m);
    family.reset();
    expect(await registry.metrics()).toMatch(/^db_count 0$/m);
    expect(await registry.metrics()).toMatch(/^db_bucket\{le="0.1"\} 0$/m);
  });

  it('refuses buckets that are missing, repeated or not finite', () => {
    const registry = new Registry();
    for (const bad of [[], [0.1, 0.1], [0.1, Number.POSITIVE_INFINITY]]) {
      expect(() => new HistogramFamily({ name: 'x', help: 'x', buckets: bad, registry })).toThrow(
        RangeError,
      );
    }
  });
});

describe('CounterFamily', () => {
  it("renders what prom-client's Counter renders, series at 0 included", async () => {
    const ours = new Registry();
    const theirs = new Registry();
    const family = new CounterFamily({ name: 'c_total', help: 'Help.', registry: ours });
    const counter = new Counter({
      name: 'c_total',
      help: 'Help.',
      labelNames: ['event', 'code'],
      registers: [theirs],
    });
    const invalid = family.series({ event: 'message:send', code: 'INVALID' });
    family.series({ event: 'sync', code: 'INTERNAL' });
    invalid.inc();
    invalid.inc();
    counter.inc({ event: 'message:send', code: 'INVALID' }, 2);
    counter.inc({ event: 'sync', code: 'INTERNAL' }, 0);
    expect(await ours.metrics()).toBe(await theirs.metrics());
  });

  it('cannot share a name with another metric of the registry', () => {
    const registry = new Registry();
    new CounterFamily({ name: 'c_total', help: 'Help.', registry });
    expect(() => new CounterFamily({ name: 'c_total', help: 'Help.', registry })).toThrow(
      /already been registered/,
    );
  });
});
