// One generator process (forked by run-series.ts): holds a share of the pairs, both users of
// each, so a message's due time and its arrival at the peer are read on the same clock.
import { causettePairs } from './causette-pair';
import { forEachLimited } from './connect';
import { runSchedule } from './generator';
import type { OpenPair, PairHooks, PairLink } from './pair-link';
import { relayPairs } from './relay-pair';
import { planSends } from './schedule';
import { Tally } from './tally';
import {
  type SetupMessage,
  type StartMessage,
  type WorkerMessage,
  isParentMessage,
} from './worker-messages';

/** Pairs being connected at once: enough to set up quickly, few enough not to time handshakes out. */
const SETUP_CONCURRENCY = 50;

const tally = new Tally();
const links = new Map<number, PairLink>();
let disconnects = 0;
let setup: SetupMessage | undefined;

const hooks: PairHooks = {
  onReceive: (key, atMs) => tally.received(key, atMs),
  onAck: (key, outcome) => tally.answered(key, outcome),
  onRefused: (key) => tally.refused(key),
  onDisconnect: () => disconnects++,
};

function send(message: WorkerMessage): Promise<void> {
  return new Promise((resolve) => {
    if (!process.send) resolve();
    else process.send(message, undefined, {}, () => resolve());
  });
}

async function finish(message: WorkerMessage): Promise<never> {
  await send(message);
  for (const link of links.values()) link.close();
  process.exit(0);
}

function opener(message: SetupMessage): OpenPair {
  if (message.target === 'relay') return relayPairs(message.url, message.runTag, hooks);
  if (!message.jwtSecret) throw new Error('the chat server target needs its JWT secret');
  return causettePairs(message.url, message.jwtSecret, message.runTag, hooks, {
    retryRefused: message.retryRefused,
  });
}

async function onSetup(message: SetupMessage): Promise<void> {
  setup = message;
  const deadline = Date.now() + message.setupTimeoutMs;
  try {
    const open = opener(message);
    await forEachLimited(message.pairs, SETUP_CONCURRENCY, async (pair) => {
      links.set(pair, await open(pair, deadline));
    });
  } catch (error) {
    await finish({ type: 'failed', message: `set-up: ${(error as Error).message}` });
  }
  await send({ type: 'ready' });
}

async function onStart(message: StartMessage): Promise<void> {
  if (!setup) return finish({ type: 'failed', message: 'started before set-up' });
  const { load, runTag, drainMs } = setup;
  const startAt = performance.now() + (message.atEpochMs - Date.now());
  const plan = planSends(load, (pair) => links.has(pair));
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, startAt - performance.now())));
  // CPU is read over the measured phase only: connecting sockets is not the generator's load.
  const cpuBefore = process.cpuUsage();
  const wallBefore = performance.now();
  await runSchedule({ plan, links, tally, startAt, drainMs, keyOf: (i) => `${runTag}-${i}` });
  const cpu = process.cpuUsage(cpuBefore);
  await finish({
    type: 'result',
    result: {
      ...tally.summary(),
      disconnects,
      cpuMs: (cpu.user + cpu.system) / 1000,
      wallMs: performance.now() - wallBefore,
    },
  });
}

process.on('message', (message: unknown) => {
  if (!isParentMessage(message)) return;
  const work = message.type === 'setup' ? onSetup(message) : onStart(message);
  work.catch((error: unknown) => finish({ type: 'failed', message: String(error) }));
});
// Never outlive the benchmark that forked this process.
process.once('disconnect', () => process.exit(0));
