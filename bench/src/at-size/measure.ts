// Times each request twice: through the chat server over socket.io (`causette`) and as the same
// statements sent straight to PostgreSQL with `pg` (`baseline`). The two alternate which goes
// first, so neither always finds the pages the other just read in the cache. One request at a
// time: these are the latencies of an idle server at this data size, not under load.
import type { Socket } from 'socket.io-client';
import type { PgClient } from './pg-client';
import { Pacer, SERVER_REQUEST_RULE } from './pacer';
import type { Statement } from './server-queries';
import { type LatencyStats, latencyStats } from './stats';

export type ProbeEvent = 'message:search' | 'message:history' | 'sync';

export interface Probe {
  /** Which measured user asks (index into the sockets). */
  user: number;
  event: ProbeEvent;
  payload: Record<string, unknown>;
  /** What the server runs for it, in order. */
  statements: Statement[];
  /** A sub-series (the search's query class). */
  group?: string;
}

export interface SeriesStats extends LatencyStats {
  name: 'baseline' | 'causette';
}

export interface GroupStats {
  group: string;
  baseline: LatencyStats;
  causette: LatencyStats;
}

export interface ScenarioResult {
  name: string;
  description: string;
  series: [SeriesStats, SeriesStats];
  groups?: GroupStats[];
  /** Failed requests of the server, by error code ('timeout' when no ack came). */
  errors: Record<string, number>;
  /** Probes left out because the scenario's time ran out. */
  skipped: number;
  /** Mean number of items an answer held (search hits, history or sync messages). */
  meanItems: number;
}

/** What the requests go through: one socket per measured user and one `pg` connection. */
export interface Targets {
  sockets: readonly Socket[];
  pacers: readonly Pacer[];
  pg: PgClient;
  /** Per request, ms before an ack counts as a timeout. */
  ackTimeoutMs: number;
}

export function pacersFor(users: number, now: number): Pacer[] {
  return Array.from({ length: users }, () => new Pacer(SERVER_REQUEST_RULE, now));
}

interface Ack {
  ok: boolean;
  data?: Record<string, unknown>;
  error?: { code?: string };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** How many items an answer holds: hits, messages. */
function itemsOf(ack: Ack): number {
  const data = ack.data ?? {};
  const list = data.hits ?? data.messages;
  return Array.isArray(list) ? list.length : 0;
}

async function viaServer(
  targets: Targets,
  probe: Probe,
): Promise<{ ms?: number; error?: string; items: number }> {
  const socket = targets.sockets[probe.user];
  const pacer = targets.pacers[probe.user];
  if (!socket || !pacer) throw new Error(`no socket for measured user ${probe.user}`);
  for (let wait = pacer.waitMs(Date.now()); wait > 0; wait = pacer.waitMs(Date.now())) {
    await sleep(wait);
  }
  pacer.take(Date.now());
  const start = performance.now();
  try {
    const ack = (await socket
      .timeout(targets.ackTimeoutMs)
      .emitWithAck(probe.event, probe.payload)) as Ack;
    const ms = performance.now() - start;
    if (!ack.ok) return { error: ack.error?.code ?? 'unknown', items: 0 };
    return { ms, items: itemsOf(ack) };
  } catch {
    return { error: 'timeout', items: 0 };
  }
}

async function viaPg(pg: PgClient, probe: Probe): Promise<number> {
  const start = performance.now();
  for (const statement of probe.statements) await pg.query(statement.text, statement.values);
  return performance.now() - start;
}

/** Runs `probes` unmeasured, to bring the pages they read into the caches. */
export async function warmUp(targets: Targets, probes: readonly Probe[]): Promise<void> {
  for (const probe of probes) {
    await viaPg(targets.pg, probe);
    await viaServer(targets, probe);
  }
}

export async function runScenario(
  targets: Targets,
  scenario: { name: string; description: string; probes: readonly Probe[]; budgetMs: number },
): Promise<ScenarioResult> {
  const deadline = performance.now() + scenario.budgetMs;
  const baseline: number[] = [];
  const causette: number[] = [];
  const groups = new Map<string, { baseline: number[]; causette: number[] }>();
  const errors: Record<string, number> = {};
  let items = 0;
  let answered = 0;
  let done = 0;
  for (const [i, probe] of scenario.probes.entries()) {
    if (performance.now() > deadline) break;
    done++;
    let pgMs = 0;
    let server: Awaited<ReturnType<typeof viaServer>>;
    if (i % 2 === 0) {
      pgMs = await viaPg(targets.pg, probe);
      server = await viaServer(targets, probe);
    } else {
      server = await viaServer(targets, probe);
      pgMs = await viaPg(targets.pg, probe);
    }
    baseline.push(pgMs);
    let group: { baseline: number[]; causette: number[] } | undefined;
    if (probe.group !== undefined) {
      group = groups.get(probe.group) ?? { baseline: [], causette: [] };
      groups.set(probe.group, group);
      group.baseline.push(pgMs);
    }
    if (server.ms === undefined) {
      const code = server.error ?? 'unknown';
      errors[code] = (errors[code] ?? 0) + 1;
      continue;
    }
    causette.push(server.ms);
    group?.causette.push(server.ms);
    items += server.items;
    answered++;
  }
  const result: ScenarioResult = {
    name: scenario.name,
    description: scenario.description,
    series: [
      { name: 'baseline', ...latencyStats(baseline) },
      { name: 'causette', ...latencyStats(causette) },
    ],
    errors,
    skipped: scenario.probes.length - done,
    meanItems: answered === 0 ? 0 : Math.round((items / answered) * 10) / 10,
  };
  if (groups.size > 0) {
    result.groups = [...groups].map(([name, g]) => ({
      group: name,
      baseline: latencyStats(g.baseline),
      causette: latencyStats(g.causette),
    }));
  }
  return result;
}
