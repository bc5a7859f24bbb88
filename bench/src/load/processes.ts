// Child processes of the benchmark (relay, server, generator workers): every one is registered so
// that nothing outlives the benchmark, whether it ends normally, throws or is interrupted.
import type { ChildProcess } from 'node:child_process';
import path from 'node:path';

/** The bench package folder: the cwd of forked children, so `--import tsx` resolves. */
export const benchDir = path.resolve(import.meta.dirname, '../..');

/** How TypeScript children are run: from source, workspace packages resolved to their sources. */
export const TS_EXEC_ARGV = ['--conditions=@causette/source', '--import', 'tsx'];

const children = new Set<ChildProcess>();

export function isRunning(child: ChildProcess): boolean {
  return child.exitCode === null && child.signalCode === null;
}

/** Registers a child so {@link killAllChildren} ends it; it leaves the set when it exits. */
export function track<T extends ChildProcess>(child: T): T {
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

/** SIGKILLs every tracked child still running (synchronous: usable in an 'exit' handler). */
export function killAllChildren(): void {
  for (const child of children) if (isRunning(child)) child.kill('SIGKILL');
}

export function exited(child: ChildProcess): Promise<void> {
  if (!isRunning(child)) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/** Sends `signal`, then SIGKILL after `graceMs`; resolves once the process is gone. */
export async function endProcess(
  child: ChildProcess,
  signal: NodeJS.Signals = 'SIGTERM',
  graceMs = 3_000,
): Promise<void> {
  if (!isRunning(child)) return;
  const gone = exited(child);
  child.kill(signal);
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  try {
    await gone;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The first IPC message `accept` turns into a value. Rejects when the child exits first or
 * after `timeoutMs`, naming `what` was awaited.
 */
export function nextMessage<T>(
  child: ChildProcess,
  accept: (message: unknown) => T | undefined,
  timeoutMs: number,
  what: string,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const cleanUp = () => {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
    };
    const onMessage = (message: unknown) => {
      const value = accept(message);
      if (value === undefined) return;
      cleanUp();
      resolve(value);
    };
    const onExit = (code: number | null, signal: NodeJS.Signals | null) => {
      cleanUp();
      reject(new Error(`${what}: the process exited first (code ${code}, signal ${signal})`));
    };
    const timer = setTimeout(() => {
      cleanUp();
      reject(new Error(`${what}: no answer after ${timeoutMs} ms`));
    }, timeoutMs);
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}

/**
 * An `accept` for {@link nextMessage}: the worker's message of `type`, or its `failed` report as
 * an Error (every worker protocol here has one), among the messages `isMessage` knows.
 */
export function replyOfType<M extends { type: string }, T extends M['type']>(
  isMessage: (message: unknown) => message is M,
  type: T,
): (message: unknown) => Extract<M, { type: T }> | Error | undefined {
  return (message) => {
    if (!isMessage(message)) return undefined;
    if (message.type === 'failed') {
      return new Error(String((message as { message?: unknown }).message));
    }
    return message.type === type ? (message as Extract<M, { type: T }>) : undefined;
  };
}

/** Every worker's answer, or the first failure among them thrown. */
export async function allAnswers<T>(waits: Promise<T | Error>[]): Promise<T[]> {
  const answers = await Promise.all(waits);
  const failure = answers.find((answer): answer is Error => answer instanceof Error);
  if (failure) throw failure;
  return answers as T[];
}

/** Ends the tracked children when this process is told to stop or exits. */
export function killChildrenOnExit(): void {
  process.once('exit', killAllChildren);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      killAllChildren();
      process.exit(130);
    });
  }
}
