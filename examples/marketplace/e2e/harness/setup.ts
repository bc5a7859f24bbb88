// globalSetup of the e2e project: one chat server and one built demo app for the whole run, and
// the control endpoint through which test files kill and restart the server.
import { mkdirSync, rmSync } from 'node:fs';
import type { TestProject } from 'vitest/node';
import { type ChatServer, startChatServer } from './chat-server';
import { e2eOutputDir } from './context';
import { startControlServer } from './control-server';
import { type DemoApp, startDemoApp } from './demo-app';
import { freePorts } from './ports';

/** Runs `work` and reports how long it took on stderr (the runner's output). */
async function timed<T>(label: string, work: () => Promise<T>): Promise<T> {
  const begun = performance.now();
  const result = await work();
  const seconds = ((performance.now() - begun) / 1000).toFixed(1);
  process.stderr.write(`[e2e] ${label} in ${seconds} s\n`);
  return result;
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  rmSync(e2eOutputDir, { recursive: true, force: true });
  mkdirSync(e2eOutputDir, { recursive: true });
  // The server's URL is known before it starts, so the app builds while the server starts.
  const [port, appPort] = await freePorts(2);
  if (port === undefined || appPort === undefined) throw new Error('two ports were asked for');
  const [server, app] = await Promise.allSettled([
    timed('chat server started', () => startChatServer({ outputDir: e2eOutputDir, port })),
    timed('demo app built and served', () =>
      startDemoApp({ serverUrl: `http://127.0.0.1:${port}`, port: appPort }),
    ),
  ]);
  if (server.status === 'rejected' || app.status === 'rejected') {
    await closeAll(valueOf(server), valueOf(app));
    throw [server, app].flatMap((r) => (r.status === 'rejected' ? [r.reason] : []))[0];
  }
  const control = await startControlServer(server.value);
  project.provide('chatServerUrl', server.value.url);
  project.provide('demoUrl', app.value.url);
  project.provide('controlUrl', control.url);
  project.provide('serverLogFile', server.value.logFile);
  return async () => {
    await control.close();
    await closeAll(server.value, app.value);
  };
}

function valueOf<T>(result: PromiseSettledResult<T>): T | undefined {
  return result.status === 'fulfilled' ? result.value : undefined;
}

async function closeAll(server: ChatServer | undefined, app: DemoApp | undefined): Promise<void> {
  const results = await Promise.allSettled([app?.close(), server?.dispose()]);
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
}
