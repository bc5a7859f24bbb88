import { useSyncExternalStore } from 'react';

// One clock for the whole page: a hundred "Vu il y a…" rows share a single interval, which runs
// only while something is subscribed.
const TICK_MS = 30_000;
const listeners = new Set<() => void>();
let now = 0;
let timer: ReturnType<typeof setInterval> | undefined;

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (timer === undefined) {
    now = Date.now();
    timer = setInterval(() => {
      now = Date.now();
      for (const notify of listeners) notify();
    }, TICK_MS);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer !== undefined) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}

let readThisTask = false;

function getSnapshot(): number {
  // Before the first subscription (first render), read the real time once per task: React reads
  // the snapshot twice in a render and warns (or renders again) when the two differ by a ms.
  if (timer === undefined && !readThisTask) {
    now = Date.now();
    readThisTask = true;
    queueMicrotask(() => {
      readThisTask = false;
    });
  }
  return now;
}

/** The current time in ms, refreshed every 30 s by one page-wide timer. */
export function useNow(): number {
  return useSyncExternalStore(subscribe, getSnapshot, getSnapshot);
}

/** How many intervals run now (tests: one, whatever the number of subscribers). */
export function activeClockCount(): number {
  return timer === undefined ? 0 : 1;
}
