// For test files: control over the run's chat server, through ./control-server.ts in the
// runner's main process (the process itself lives there, started by ./setup.ts).
import { inject } from 'vitest';
import './context';

async function call(method: 'GET' | 'POST', action: string): Promise<string> {
  const response = await fetch(`${inject('controlUrl')}/${action}`, { method });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} /${action} failed (${response.status}): ${text}`);
  return text;
}

/** SIGKILLs the chat server and waits for the exit: clients see the connection drop at once. */
export async function killServer(): Promise<void> {
  await call('POST', 'kill');
}

/** Starts the chat server again, same port and data, and waits for /healthz (kills it first if it runs). */
export async function restartServer(): Promise<void> {
  await call('POST', 'restart');
}

/** Stops the chat server gracefully (SIGTERM: it drains; SIGKILL after 10 s). */
export async function stopServer(): Promise<void> {
  await call('POST', 'stop');
}

/** The chat server's log so far (every start, after a marker line). */
export function serverLog(): Promise<string> {
  return call('GET', 'log');
}
