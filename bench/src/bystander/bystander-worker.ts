// One bystander process (forked by bystanders.ts): holds a share of the chatting pairs and runs
// the latency benchmark's open-loop schedule on them once per phase, on the same sockets.
import { causettePairs } from '../load/causette-pair';
import { forEachLimited } from '../load/connect';
import { runSchedule } from '../load/generator';
import type { PairHooks, PairLink } from '../load/pair-link';
import { planSends } from '../load/schedule';
import { Tally } from '../load/tally';
import type { WorkerResult } from '../load/worker-messages';
import {
  type BystanderPhase,
  type BystanderReport,
  type BystanderSetup,
  isBystanderCommand,
} from './messages';

/** Pairs connected at once, as the latency benchmark's workers do. */
const SETUP_CONCURRENCY = 50;

const links = new Map<number, PairLink>();
let setup: BystanderSetup | undefined;
/** Each phase counts into its own tally; the hooks always reach the current one. */
let tally = new Tally();
let disconnects = 0;

const hooks: PairHooks = {
  onReceive: (key, atMs) => tally.received(key, atMs),
  onAck: (key, outcome) => tally.answered(key, outcome),
  onRefused: (key) => tally.refused(key),
  onDisconnect: () => disconnects++,
};

function send(message: BystanderReport): Promise<void> {
  return new Promise((resolve) => {
    if (!process.send) resolve();
    else process.send(message, undefined, {}, () => resolve());
  });
}

async function onSetup(message: BystanderSetup): Promise<void> {
  setup = message;
  const open = causettePairs(message.url, message.jwtSecret, message.runTag, hooks);
  await forEachLimited(message.pairs, SETUP_CONCURRENCY, async (pair) => {
    links.set(pair, await open(pair, message.deadline));
  });
  await send({ type: 'ready' });
}

async function onPhase(message: BystanderPhase): Promise<void> {
  if (!setup) throw new Error('phase before set-up');
  const { load, runTag } = setup;
  tally = new Tally();
  disconnects = 0;
  const startAt = performance.now() + (message.atEpochMs - Date.now());
  const plan = planSends(load, (pair) => links.has(pair));
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, startAt - performance.now())));
  const cpuBefore = process.cpuUsage();
  const wallBefore = performance.now();
  await runSchedule({
    plan,
    links,
    tally,
    startAt,
    drainMs: message.drainMs,
    keyOf: (i) => `${runTag}-${message.phase}-${i}`,
  });
  const cpu = process.cpuUsage(cpuBefore);
  const result: WorkerResult = {
    ...tally.summary(),
    disconnects,
    cpuMs: (cpu.user + cpu.system) / 1000,
    wallMs: performance.now() - wallBefore,
  };
  await send({ type: 'result', result });
}

process.on('message', (message: unknown) => {
  if (!isBystanderCommand(message)) return;
  const work = message.type === 'setup' ? onSetup(message) : onPhase(message);
  work.catch(async (error: unknown) => {
    await send({ type: 'failed', message: String(error) });
    for (const link of links.values()) link.close();
    process.exit(1);
  });
});
// Never outlive the benchmark that forked this process.
process.once('disconnect', () => process.exit(0));
