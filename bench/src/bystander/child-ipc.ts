// Forking a TypeScript child of the benchmark and awaiting its answers, for the bystander
// workers and the flooder alike.
import { type ChildProcess, fork } from 'node:child_process';
import { TS_EXEC_ARGV, benchDir, nextMessage, track } from '../load/processes';

export function forkChild(entry: URL): ChildProcess {
  return track(
    fork(entry, [], {
      cwd: benchDir,
      execArgv: TS_EXEC_ARGV,
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    }),
  );
}

/**
 * The next message of `type` from `child`; its `failed` message (`{ type: 'failed', message }`)
 * rejects with what it says, as do its exit and the timeout.
 */
export async function answer<M extends { type: string }, T extends M['type']>(
  child: ChildProcess,
  isReport: (message: unknown) => message is M,
  type: T,
  timeoutMs: number,
): Promise<Extract<M, { type: T }>> {
  const got = await nextMessage(
    child,
    (message): Extract<M, { type: T }> | Error | undefined => {
      if (!isReport(message)) return undefined;
      if (message.type === 'failed') {
        return new Error(String((message as { message?: unknown }).message));
      }
      return message.type === type ? (message as Extract<M, { type: T }>) : undefined;
    },
    timeoutMs,
    `${type} from ${entryName(child)}`,
  );
  if (got instanceof Error) throw got;
  return got;
}

function entryName(child: ChildProcess): string {
  return child.spawnargs.at(-1)?.split('/').at(-1) ?? 'a child';
}
