// The reaper of `pnpm dev`: the process groups it was told about die with their parent, even when
// the parent is SIGKILLed (as pnpm's own watchdog does to a script's group when pnpm is killed).
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import { isAlive } from './process-alive.test-fixtures';
import { startGroupReaper } from './group-reaper.mjs';

const reaper = path.join(import.meta.dirname, 'group-reaper.mjs');
const started: number[] = [];

afterEach(() => {
  for (const pid of started.splice(0)) if (isAlive(pid)) process.kill(pid, 'SIGKILL');
});

/**
 * A parent as scripts/dev.mjs is one: it starts a long-running child in a process group of its
 * own, hands the group to the reaper, and prints the child's pid.
 */
function startParent(): { parent: ChildProcess; childPid: Promise<number> } {
  const code = `
    import { spawn } from 'node:child_process';
    import { startGroupReaper } from ${JSON.stringify(reaper)};
    const reaper = startGroupReaper();
    const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], {
      detached: true,
      stdio: 'ignore',
    });
    reaper.add(child.pid);
    console.log(child.pid);
    setInterval(() => {}, 1000);
  `;
  const parent = spawn(process.execPath, ['--input-type=module', '-e', code], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: parent.stdout as NodeJS.ReadableStream });
  const childPid = new Promise<number>((resolve) =>
    lines.once('line', (line) => resolve(Number(line))),
  );
  return { parent, childPid };
}

describe('startGroupReaper', () => {
  it('kills the groups it was given once their parent is SIGKILLed', async () => {
    const { parent, childPid } = startParent();
    started.push(parent.pid as number);
    const pid = await childPid;
    started.push(pid);
    expect(isAlive(pid)).toBe(true);
    const exited = new Promise((resolve) => parent.once('exit', resolve));
    parent.kill('SIGKILL');
    await exited;
    await expect.poll(() => isAlive(pid), { timeout: 10_000 }).toBe(false);
  }, 20_000);

  it('close() kills what is left of the groups and resolves once the reaper is gone', async () => {
    const reaper = startGroupReaper();
    const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], {
      detached: true,
      stdio: 'ignore',
    });
    started.push(child.pid as number);
    const exited = new Promise((resolve) => child.once('exit', resolve));
    reaper.add(child.pid as number);
    await reaper.close();
    await exited;
    expect(isAlive(child.pid as number)).toBe(false);
  });
});
