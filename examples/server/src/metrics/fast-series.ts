// Counters and histograms for the hot paths (every request, every statement): an update is a few
// number writes on a series bound once. prom-client's own metrics validate and hash their labels
// on every call (0.2 to 0.3 µs each), which measured as much again as a whole rate-limit refusal.
// prom-client's registry renders these like its own: it asks each registered metric for `get()`.
import type { Metric, Registry } from 'prom-client';

type Labels = Readonly<Record<string, string>>;

/** One sample as prom-client's registry renders it. */
interface Sample {
  metricName?: string;
  labels: Record<string, string | number>;
  value: number;
}

/** What prom-client's registry reads from a metric. */
interface Collected {
  name: string;
  help: string;
  type: 'counter' | 'histogram';
  aggregator: 'sum';
  values: Sample[];
}

interface FamilyOptions {
  name: string;
  help: string;
  registry: Registry;
}

/** A series of a {@link CounterFamily}. */
export class CounterSeries {
  value = 0;
  constructor(readonly labels: Labels) {}

  inc(): void {
    this.value += 1;
  }
}

/** A counter whose series are made up front (at 0) and then only incremented. */
export class CounterFamily {
  readonly name: string;
  readonly help: string;
  readonly type = 'counter';
  readonly aggregator = 'sum';
  readonly #series: CounterSeries[] = [];

  constructor(options: FamilyOptions) {
    this.name = options.name;
    this.help = options.help;
    options.registry.registerMetric(this as unknown as Metric);
  }

  /** A new series with `labels`, at 0. */
  series(labels: Labels): CounterSeries {
    const series = new CounterSeries(labels);
    this.#series.push(series);
    return series;
  }

  async get(): Promise<Collected> {
    const values = this.#series.map((s) => ({ labels: { ...s.labels }, value: s.value }));
    return { name: this.name, help: this.help, type: this.type, aggregator: 'sum', values };
  }

  reset(): void {
    for (const series of this.#series) series.value = 0;
  }
}

/** A series of a {@link HistogramFamily}. */
export class HistogramSeries {
  /** Observations per bucket (not cumulative); the last one is above every bound. */
  readonly counts: Float64Array;
  sum = 0;
  count = 0;

  constructor(
    readonly labels: Labels,
    readonly bounds: readonly number[],
  ) {
    this.counts = new Float64Array(bounds.length + 1);
  }

  observe(value: number): void {
    const { bounds } = this;
    let bucket = 0;
    while (bucket < bounds.length && value > (bounds[bucket] as number)) bucket += 1;
    this.counts[bucket] = (this.counts[bucket] as number) + 1;
    this.sum += value;
    this.count += 1;
  }
}

/** A histogram whose series are made up front (or on first use) and then only observed. */
export class HistogramFamily {
  readonly name: string;
  readonly help: string;
  readonly type = 'histogram';
  readonly aggregator = 'sum';
  readonly #bounds: readonly number[];
  readonly #series: HistogramSeries[] = [];

  constructor(options: FamilyOptions & { buckets: readonly number[] }) {
    const sorted = [...options.buckets].sort((a, b) => a - b);
    if (sorted.length === 0 || sorted.some((b, i) => !Number.isFinite(b) || b === sorted[i - 1])) {
      throw new RangeError(`${options.name}: buckets must be distinct finite numbers`);
    }
    this.name = options.name;
    this.help = options.help;
    this.#bounds = sorted;
    options.registry.registerMetric(this as unknown as Metric);
  }

  /** A new, empty series with `labels`. */
  series(labels: Labels): HistogramSeries {
    const series = new HistogramSeries(labels, this.#bounds);
    this.#series.push(series);
    return series;
  }

  async get(): Promise<Collected> {
    const values: Sample[] = [];
    for (const series of this.#series) {
      let cumulative = 0;
      this.#bounds.forEach((bound, i) => {
        cumulative += series.counts[i] as number;
        values.push(this.#sample('_bucket', { le: bound, ...series.labels }, cumulative));
      });
      values.push(this.#sample('_bucket', { le: '+Inf', ...series.labels }, series.count));
      values.push(this.#sample('_sum', { ...series.labels }, series.sum));
      values.push(this.#sample('_count', { ...series.labels }, series.count));
    }
    return { name: this.name, help: this.help, type: this.type, aggregator: 'sum', values };
  }

  reset(): void {
    for (const series of this.#series) {
      series.counts.fill(0);
      series.sum = 0;
      series.count = 0;
    }
  }

  #sample(suffix: string, labels: Sample['labels'], value: number): Sample {
    return { metricName: `${this.name}${suffix}`, labels, value };
  }
}
