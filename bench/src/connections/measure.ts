// One series: a target started with the heap probe, read idle, then with every socket open.
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { TargetKind } from '../load/types';
import { type ClientsPlan, startClients } from './clients';
import { type MemorySample, type ProbeLaunch, probeLaunch, readMemory } from './memory-probe';
import { perSocketKiB, summarizeAccept } from './stats';
import type { AcceptSummary, ConnectionsSeries, ConnectionsSeriesName } from './types';

/** A server as the series needs it: where to connect, which process to read. */
export interface ProbedTarget {
  url: string;
  pid: number | undefined;
  jwtSecret?: string;
  stop(): Promise<void>;
}

export interface SeriesSpec {
  name: ConnectionsSeriesName;
  kind: TargetKind;
  /** Starts the target with the probe's node options and environment. */
  start(probe: ProbeLaunch): Promise<ProbedTarget>;
}

export interface SeriesPlan extends ClientsPlan {
  sockets: number;
  /** Quiet time before each reading, so the handshakes' leftovers are garbage by then. */
  settleMs: number;
  /** Where the probe writes its samples. */
  tmpDir: string;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const NO_ACCEPT: AcceptSummary = {
  connected: 0,
  failed: 0,
  totalMs: null,
  perSecond: null,
  p50: null,
  p95: null,
  p99: null,
  max: null,
  connectErrors: {},
  clientCpuPercent: 0,
};

function series(
  spec: SeriesSpec,
  plan: SeriesPlan,
  found: { idle?: MemorySample; loaded?: MemorySample; accept?: AcceptSummary },
  disconnects: number,
  failure?: string,
): ConnectionsSeries {
  const accept = found.accept ?? NO_ACCEPT;
  const idle = found.idle ?? null;
  const loaded = found.loaded ?? null;
  return {
    name: spec.name,
    target: spec.kind === 'relay' ? 'relay' : 'chat server',
    sockets: plan.sockets,
    ...accept,
    idle,
    loaded,
    heapPerSocketKiB: perSocketKiB(idle, loaded, 'heapUsed', accept.connected),
    rssPerSocketKiB: perSocketKiB(idle, loaded, 'rss', accept.connected),
    disconnects,
    ...(failure ? { failure } : {}),
  };
}

/** Never throws: a series that cannot be measured comes back with `failure` and what it got. */
export async function measureSeries(
  spec: SeriesSpec,
  plan: SeriesPlan,
): Promise<ConnectionsSeries> {
  const probe = probeLaunch(path.join(plan.tmpDir, `${spec.name}-memory.json`));
  const found: { idle?: MemorySample; loaded?: MemorySample; accept?: AcceptSummary } = {};
  let disconnects = 0;
  let target: ProbedTarget | undefined;
  let clients;
  try {
    target = await spec.start(probe);
    const { pid } = target;
    if (pid === undefined) throw new Error('the target has no process id to read');
    const runTag = `c${randomBytes(4).toString('hex')}`;
    clients = await startClients(
      {
        kind: spec.kind,
        url: target.url,
        ...(target.jwtSecret ? { jwtSecret: target.jwtSecret } : {}),
      },
      plan.sockets,
      runTag,
      plan,
    );
    await sleep(plan.settleMs);
    found.idle = await readMemory(pid, probe);
    found.accept = summarizeAccept(await clients.connect());
    await sleep(plan.settleMs);
    found.loaded = await readMemory(pid, probe);
    disconnects = await clients.close();
    return series(spec, plan, found, disconnects);
  } catch (error) {
    return series(spec, plan, found, disconnects, (error as Error).message);
  } finally {
    await clients?.end();
    await target?.stop();
  }
}
