// Whether a test's child process still runs, for the scripts' tests.
import { readFileSync } from 'node:fs';

/** Whether `pid` is a live process: one that exists and is not a zombie. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  // A zombie is dead, only not yet reaped by its parent.
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}
