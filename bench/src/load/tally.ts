// What a worker counts for its own pairs. Latencies are taken against the due time, not the
// moment the send went out, so a late send is charged to the run (open loop).

/** What an ack said: `ok`, or the error code of an `ok: false` ack. */
export type AckOutcome = { ok: true } | { ok: false; code: string };

/** Counts and latencies of one worker (disconnects and CPU are added by the worker). */
export interface TallySummary {
  sent: number;
  acked: number;
  delivered: number;
  /** Sent but never received by the peer (before the summary was taken). */
  lost: number;
  /** Messages the peer received more than once. */
  doubled: number;
  errors: Record<string, number>;
  /** Refusals that were retried (each message's final answer is in `acked` or `errors`). */
  refusals: number;
  /** Receive time minus due time of every first delivery, ms. */
  latenciesMs: number[];
}

interface Entry {
  dueMs: number;
  deliveries: number;
  answered: boolean;
}

export class Tally {
  private readonly entries = new Map<string, Entry>();
  private readonly errors: Record<string, number> = {};
  private readonly latencies: number[] = [];
  private acked = 0;
  private delivered = 0;
  private doubled = 0;
  private refusals = 0;
  /** Messages still waiting for their first delivery or their ack. */
  private open = 0;

  /** A message went out; `dueMs` is its scheduled time on this worker's clock. */
  sent(key: string, dueMs: number): void {
    if (this.entries.has(key)) throw new Error(`message ${key} was sent twice`);
    this.entries.set(key, { dueMs, deliveries: 0, answered: false });
    this.open++;
  }

  /** Its ack came back (only the first answer of a message counts). */
  answered(key: string, outcome: AckOutcome): void {
    const entry = this.entries.get(key);
    if (!entry || entry.answered) return;
    entry.answered = true;
    if (outcome.ok) this.acked++;
    else this.errors[outcome.code] = (this.errors[outcome.code] ?? 0) + 1;
    if (entry.deliveries > 0) this.open--;
  }

  /** It was refused as transient and goes again (its answer is still to come). */
  refused(key: string): void {
    if (this.entries.has(key)) this.refusals++;
  }

  /** The peer received it at `atMs` (same clock as the due time); unknown keys are ignored. */
  received(key: string, atMs: number): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    entry.deliveries++;
    if (entry.deliveries === 2) this.doubled++;
    if (entry.deliveries > 1) return;
    this.delivered++;
    this.latencies.push(atMs - entry.dueMs);
    if (entry.answered) this.open--;
  }

  get sentCount(): number {
    return this.entries.size;
  }

  /** Whether every message sent so far was both delivered and answered. */
  get settled(): boolean {
    return this.open === 0;
  }

  summary(): TallySummary {
    return {
      sent: this.entries.size,
      acked: this.acked,
      delivered: this.delivered,
      lost: this.entries.size - this.delivered,
      doubled: this.doubled,
      errors: { ...this.errors },
      refusals: this.refusals,
      latenciesMs: [...this.latencies],
    };
  }
}
