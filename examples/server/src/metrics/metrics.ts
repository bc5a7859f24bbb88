// What GET /metrics exposes, in Prometheus' text format. Every series is created up front from
// the protocol's fixed lists (events, error codes, handshake codes), so a label never carries a
// user id, a conversation id or anything a client sent, and a counter that has never moved is
// still there at 0 (rate() over a series that appears at 1 misses its first increase).
import {
  type Ack,
  CLIENT_EVENT_NAMES,
  ERROR_CODES,
  type ErrorCode,
  HANDSHAKE_ERROR_CODES,
} from '@causette/protocol';
import { Counter, Gauge, Registry, collectDefaultMetrics } from 'prom-client';
import { CounterFamily, HistogramFamily } from './fast-series';

/** What became of one push: delivered, subscription removed, refused or given up, dropped from a full queue. */
export type PushOutcome = 'sent' | 'gone' | 'failed' | 'dropped';

/** A user's rate budgets (the socket server's `RateRules`). */
export type RateBudget = 'messages' | 'requests' | 'typing';

/** Who issued a Redis command. */
export type RedisCaller = 'presence' | 'rate_limit';

/**
 * What the server records as it works. Every time argument is a start read from
 * `performance.now()`; the recorder reads the clock again itself. Never throws.
 */
export interface MetricsRecorder {
  socketConnected(): void;
  socketDisconnected(): void;
  /** A refused handshake, by its `connect_error` code (an unknown one counts as `unknown`). */
  handshakeRefused(code: unknown): void;
  /** A new message row (not a resend of a stored one). */
  messageStored(): void;
  /**
   * A request or notification answered: its latency, and its error code when it failed. An
   * `event` the protocol does not name counts as `unknown`.
   */
  answered(event: string, startedAt: number, response: Ack<unknown>): void;
  rateLimited(budget: RateBudget): void;
  pushOutcome(outcome: PushOutcome): void;
  /** One database statement answered (or failed). */
  dbQuery(startedAt: number): void;
  /** One Redis command answered (or failed). */
  redisCommand(caller: RedisCaller, startedAt: number): void;
}

/** The recorder with its registry, what `GET /metrics` renders. */
export interface ServerMetrics extends MetricsRecorder {
  /** This server's own series (not prom-client's global registry). */
  readonly registry: Registry;
  /** The `Content-Type` of {@link ServerMetrics.text}. */
  readonly contentType: string;
  /** The server's series, then the process's (heap, event loop lag, GC...), as Prometheus text. */
  text(): Promise<string>;
}

/** Records nothing: the default of the parts that tests build on their own. */
export const NO_METRICS: MetricsRecorder = Object.freeze({
  socketConnected: () => undefined,
  socketDisconnected: () => undefined,
  handshakeRefused: () => undefined,
  messageStored: () => undefined,
  answered: () => undefined,
  rateLimited: () => undefined,
  pushOutcome: () => undefined,
  dbQuery: () => undefined,
  redisCommand: () => undefined,
});

/** Answers take from a millisecond (a refusal) to seconds (a loaded database). */
const ACK_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
/** A statement or a Redis command: from a tenth of a millisecond up. */
const STORE_BUCKETS = [
  0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5,
];

const UNKNOWN = 'unknown';
const PUSH_OUTCOMES: readonly PushOutcome[] = ['sent', 'gone', 'failed', 'dropped'];
const RATE_BUDGETS: readonly RateBudget[] = ['messages', 'requests', 'typing'];

interface Increment {
  inc(): void;
}
interface Observe {
  observe(value: number): void;
}

/** One event's series, bound once so that a request only looks them up. */
interface EventSeries {
  latency: Observe;
  errors: Readonly<Record<ErrorCode, Increment>>;
}

export interface ServerMetricsOptions {
  /**
   * Adds the process's metrics (prom-client's default Node metrics) to `text()`; true by default.
   */
  processMetrics?: boolean;
}

/** A new set of the server's metrics on a registry of its own. */
export function createServerMetrics(options: ServerMetricsOptions = {}): ServerMetrics {
  return new PrometheusMetrics(options.processMetrics ?? true);
}

class PrometheusMetrics implements ServerMetrics {
  readonly registry = new Registry();
  readonly #withProcess: boolean;
  readonly #sockets: Gauge;
  readonly #handshakes: Counter<'code'>;
  readonly #handshakesByCode = new Map<unknown, Increment>();
  readonly #messages: Counter;
  readonly #events = new Map<string, EventSeries>();
  readonly #unknownEvent: EventSeries;
  readonly #rateLimited: Readonly<Record<RateBudget, Increment>>;
  readonly #pushes: Readonly<Record<PushOutcome, Increment>>;
  readonly #db: Observe;
  readonly #redis: HistogramFamily;
  /** Made on first use: without Redis these series would only be empty buckets. */
  readonly #redisBy = new Map<RedisCaller, Observe>();

  constructor(withProcess: boolean) {
    this.#withProcess = withProcess;
    const registry = this.registry;
    const registers = [registry];
    // Connections and handshakes are rare next to requests: prom-client's own metrics.
    this.#sockets = new Gauge({
      name: 'causette_sockets_connected',
      help: 'Sockets connected to this process (handshake accepted, not yet disconnected).',
      registers,
    });
    this.#handshakes = new Counter({
      name: 'causette_handshakes_refused_total',
      help: 'Socket handshakes refused, by connect_error code.',
      labelNames: ['code'],
      registers,
    });
    for (const code of HANDSHAKE_ERROR_CODES) {
      this.#handshakesByCode.set(code, atZero(this.#handshakes.labels(code)));
    }
    this.#messages = new Counter({
      name: 'causette_messages_stored_total',
      help: 'Messages stored (resends of a stored message not counted).',
      registers,
    });
    const pushes = new Counter({
      name: 'causette_pushes_total',
      help: 'Web Push deliveries by outcome: sent; gone (subscription removed: 404, 410, unusable); failed (refused, or retries given up); dropped (queue full).',
      labelNames: ['outcome'],
      registers,
    });
    this.#pushes = byKey(PUSH_OUTCOMES, (outcome) => atZero(pushes.labels(outcome)));

    // What every request and statement updates: the series of fast-series.ts.
    const latency = new HistogramFamily({
      name: 'causette_ack_duration_seconds',
      help: 'Time from a request reaching the server to its answer (the ack), by event; unknown events as "unknown".',
      buckets: ACK_BUCKETS,
      registry,
    });
    const errors = new CounterFamily({
      name: 'causette_request_errors_total',
      help: 'Requests answered with an error, by event and error code.',
      registry,
    });
    const seriesOf = (event: string): EventSeries => ({
      latency: latency.series({ event }),
      errors: byKey(ERROR_CODES, (code) => errors.series({ event, code })),
    });
    for (const event of CLIENT_EVENT_NAMES) this.#events.set(event, seriesOf(event));
    this.#unknownEvent = seriesOf(UNKNOWN);
    const rateLimited = new CounterFamily({
      name: 'causette_rate_limited_total',
      help: 'Requests refused with RATE_LIMITED, by the budget they were charged to.',
      registry,
    });
    this.#rateLimited = byKey(RATE_BUDGETS, (budget) => rateLimited.series({ budget }));
    this.#db = new HistogramFamily({
      name: 'causette_db_query_duration_seconds',
      help: 'Time of one database statement, from sending it to its answer (PGlite: waiting for the engine included).',
      buckets: STORE_BUCKETS,
      registry,
    }).series({});
    this.#redis = new HistogramFamily({
      name: 'causette_redis_command_duration_seconds',
      help: 'Time of one Redis command of the presence store or the rate limiter (with REDIS_URL).',
      buckets: STORE_BUCKETS,
      registry,
    });
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  async text(): Promise<string> {
    if (!this.#withProcess) return this.registry.metrics();
    return Registry.merge([this.registry, processRegistry()]).metrics();
  }

  socketConnected(): void {
    this.#sockets.inc();
  }

  socketDisconnected(): void {
    this.#sockets.dec();
  }

  handshakeRefused(code: unknown): void {
    (this.#handshakesByCode.get(code) ?? this.#handshakes.labels(UNKNOWN)).inc();
  }

  messageStored(): void {
    this.#messages.inc();
  }

  answered(event: string, startedAt: number, response: Ack<unknown>): void {
    const series = this.#events.get(event) ?? this.#unknownEvent;
    series.latency.observe(secondsSince(startedAt));
    if (!response.ok) series.errors[response.error.code]?.inc();
  }

  rateLimited(budget: RateBudget): void {
    this.#rateLimited[budget].inc();
  }

  pushOutcome(outcome: PushOutcome): void {
    this.#pushes[outcome].inc();
  }

  dbQuery(startedAt: number): void {
    this.#db.observe(secondsSince(startedAt));
  }

  redisCommand(caller: RedisCaller, startedAt: number): void {
    let series = this.#redisBy.get(caller);
    if (!series) {
      series = this.#redis.series({ caller });
      this.#redisBy.set(caller, series);
    }
    series.observe(secondsSince(startedAt));
  }
}

/**
 * The process's metrics, made once per process: prom-client's default collectors start an event
 * loop monitor and a GC observer that nothing can stop, so one set per server would pile up in a
 * test process that starts dozens. They describe the process, which every server in it shares.
 */
let processMetrics: Registry | undefined;
function processRegistry(): Registry {
  if (!processMetrics) {
    processMetrics = new Registry();
    collectDefaultMetrics({ register: processMetrics });
  }
  return processMetrics;
}

function secondsSince(startedAt: number): number {
  // A start not read from performance.now() (NaN, another origin) must not poison a sum.
  const seconds = (performance.now() - startedAt) / 1000;
  return seconds >= 0 ? seconds : 0;
}

/** `counter`, its series created at 0 (prom-client creates one on its first increment). */
function atZero(counter: Increment & { inc(value: number): void }): Increment {
  counter.inc(0);
  return counter;
}

function byKey<K extends string, V>(keys: readonly K[], make: (key: K) => V): Record<K, V> {
  return Object.fromEntries(keys.map((key) => [key, make(key)])) as Record<K, V>;
}
