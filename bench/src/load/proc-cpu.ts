// A server's CPU time read from outside (/proc/<pid>/stat), to tell a busy server from an idle
// one slowed by something else on the machine.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** utime + stime, in clock ticks, of a /proc/<pid>/stat line; undefined when unreadable. */
export function parseCpuTicks(stat: string): number | undefined {
  // The command name (field 2) sits in parentheses and may hold spaces: count from after it.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // Fields 14 and 15 of the line are the 12th and 13th after the name.
  const user = Number(fields[11]);
  const system = Number(fields[12]);
  return Number.isFinite(user) && Number.isFinite(system) ? user + system : undefined;
}

let ticksPerSecond: number | undefined;

function clockTicks(): number {
  if (ticksPerSecond === undefined) {
    try {
      ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
    } catch {
      ticksPerSecond = 100;
    }
    if (!(ticksPerSecond > 0)) ticksPerSecond = 100;
  }
  return ticksPerSecond;
}

/** CPU time process `pid` has used so far, ms; undefined where /proc cannot tell. */
export function processCpuMs(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const ticks = parseCpuTicks(readFileSync(`/proc/${pid}/stat`, 'utf8'));
    return ticks === undefined ? undefined : (ticks * 1000) / clockTicks();
  } catch {
    return undefined;
  }
}

/** From now until it is called, the CPU time of process `pid` in % of one core. */
export function cpuMeter(pid: number | undefined): () => number | undefined {
  const cpuBefore = processCpuMs(pid);
  const wallBefore = performance.now();
  return () => {
    const cpuAfter = processCpuMs(pid);
    const wallMs = performance.now() - wallBefore;
    if (cpuBefore === undefined || cpuAfter === undefined || wallMs <= 0) return undefined;
    return Math.round(((cpuAfter - cpuBefore) / wallMs) * 1000) / 10;
  };
}
