// Every socket is a file descriptor in the server and in a client worker: a run past the limit
// would fail with EMFILE halfway, so it is checked before anything starts.
import { readFileSync } from 'node:fs';

/** The soft "Max open files" limit in a /proc/<pid>/limits text; Infinity when unlimited. */
export function parseOpenFilesLimit(limits: string): number | undefined {
  const line = limits.split('\n').find((row) => row.startsWith('Max open files'));
  const soft = line?.slice('Max open files'.length).trim().split(/\s+/)[0];
  if (soft === 'unlimited') return Infinity;
  const value = Number(soft);
  return soft && Number.isInteger(value) ? value : undefined;
}

/** Descriptors a process needs besides its sockets: modules, logs, the database, pipes. */
const SPARE_FILES = 512;

/**
 * Throws when this process (and so its children, which inherit the limit) may not open `sockets`
 * sockets plus some spare. Where /proc is missing the check is left to the run itself.
 */
export function checkOpenFiles(sockets: number): void {
  let limit;
  try {
    limit = parseOpenFilesLimit(readFileSync('/proc/self/limits', 'utf8'));
  } catch {
    return;
  }
  if (limit !== undefined && limit < sockets + SPARE_FILES) {
    throw new Error(
      `${sockets} sockets need an open-files limit of at least ${sockets + SPARE_FILES} ` +
        `(ulimit -n is ${limit})`,
    );
  }
}
