// The parent's handle on the flooder process.
import { endProcess } from '../load/processes';
import { answer, forkChild } from './child-ipc';
import { type FloodKind, type FloodResult, type FlooderSetup, isFlooderReport } from './messages';

const flooderEntry = new URL('./flooder.ts', import.meta.url);
/** The flooder waits up to 10 s for its last answers after a stop. */
const STOP_TIMEOUT_MS = 30_000;

export interface Flooder {
  start(kind: FloodKind, atEpochMs: number): void;
  /** Stops the flood and resolves with its counts. */
  stop(): Promise<FloodResult>;
  end(): Promise<void>;
}

/** Forks the flooder at once (its start overlaps the server's), then sets it up on `target`. */
export async function startFlooder(
  target: Promise<{ url: string; jwtSecret: string }>,
  runTag: string,
  kinds: FloodKind[],
  window: number,
  setupTimeoutMs: number,
): Promise<Flooder> {
  const child = forkChild(flooderEntry);
  const end = () => endProcess(child, 'SIGTERM', 5_000);
  try {
    const { url, jwtSecret } = await target;
    const ready = answer(child, isFlooderReport, 'ready', setupTimeoutMs + 30_000);
    const setup: FlooderSetup = {
      type: 'setup',
      url,
      jwtSecret,
      runTag,
      kinds,
      window,
      deadline: Date.now() + setupTimeoutMs,
    };
    child.send(setup);
    await ready;
  } catch (error) {
    await end();
    throw error;
  }
  return {
    start(kind, atEpochMs) {
      child.send({ type: 'start', kind, atEpochMs });
    },
    async stop() {
      const flooded = answer(child, isFlooderReport, 'flooded', STOP_TIMEOUT_MS);
      child.send({ type: 'stop' });
      return (await flooded).result;
    },
    end,
  };
}
