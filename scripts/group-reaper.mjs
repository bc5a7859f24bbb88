// Kills process groups when the process that started them dies, however it dies.
//
// scripts/dev.mjs starts each service in a process group of its own and kills those groups when
// it exits, but a SIGKILL runs no exit handler. pnpm 12 SIGKILLs a script's process group when
// pnpm itself is killed (its own watchdog), so a cut `pnpm dev` used to leave the server and the
// demo running. The reaper is a small process in a group of its own that holds the read end of a
// pipe from its parent: the pipe closes when the parent dies, whatever the signal, and the reaper
// then SIGKILLs every group it was told about.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * Starts the reaper of this process. `add(pgid)` hands it a process group (a child spawned with
 * `detached: true` leads one whose id is its pid); `close()` lets it go (it kills what is left of
 * the groups) and resolves once it has exited, so that a clean stop leaves no process behind.
 */
export function startGroupReaper() {
  const reaper = spawn(process.execPath, [fileURLToPath(import.meta.url)], {
    detached: true,
    stdio: ['pipe', 'ignore', 'ignore'],
  });
  reaper.unref();
  // Errors of a reaper that died early cannot be helped: the normal exit path still kills.
  reaper.stdin.on('error', () => {});
  return {
    add(pgid) {
      reaper.stdin.write(`${pgid}\n`);
    },
    close() {
      if (reaper.exitCode !== null || reaper.signalCode !== null) return Promise.resolve();
      const exited = new Promise((resolve) => reaper.once('exit', resolve));
      reaper.stdin.end();
      return exited;
    },
  };
}

/** The reaper itself: reads group ids until its stdin closes, then kills those groups. */
function reap() {
  const groups = new Set();
  let pending = '';
  process.stdin.setEncoding('utf8');
  process.stdin.on('data', (chunk) => {
    const lines = (pending + chunk).split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) if (/^\d+$/.test(line)) groups.add(Number(line));
  });
  process.stdin.on('end', () => {
    for (const group of groups) {
      try {
        process.kill(-group, 'SIGKILL');
      } catch {
        // the group is gone already
      }
    }
    process.exit(0);
  });
  // The signals that stop the parent's terminal session are the parent's to handle.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => {});
}

if (process.argv[1] === fileURLToPath(import.meta.url)) reap();
