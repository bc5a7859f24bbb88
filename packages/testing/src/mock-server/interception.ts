// Starts msw's interception (WebSocket, and HTTP for uploads) in the runtime the mock runs in: Node or a browser page.
import type { RequestHandler, WebSocketHandler } from 'msw';

type Handler = RequestHandler | WebSocketHandler;
import type * as MswBrowser from 'msw/browser';
import type * as MswNode from 'msw/node';

/** Where msw's service worker script is served unless `listen({ serviceWorkerUrl })` says otherwise. */
const DEFAULT_SERVICE_WORKER_URL = '/mockServiceWorker.js';

/** A running interception. */
export interface Interception {
  stop(): void;
}

/** Node (and Bun, and jsdom or happy-dom inside Node) versus a real browser page. */
function isNodeRuntime(): boolean {
  const proc = (globalThis as { process?: { versions?: { node?: unknown } } }).process;
  return typeof proc?.versions?.node === 'string';
}

async function interceptInNode(handlers: readonly Handler[]): Promise<Interception> {
  // A variable specifier keeps browser bundlers from pulling msw/node into Storybook.
  const specifier = 'msw/node';
  const { setupServer } = (await import(/* @vite-ignore */ specifier)) as typeof MswNode;
  const server = setupServer(...handlers);
  server.listen({ onUnhandledRequest: 'bypass' });
  return { stop: () => server.close() };
}

async function interceptInBrowser(
  handlers: readonly Handler[],
  serviceWorkerUrl: string,
): Promise<Interception> {
  const { setupWorker } = (await import('msw/browser')) as typeof MswBrowser;
  const worker = setupWorker(...handlers);
  try {
    // msw patches the page's WebSocket itself; the worker carries HTTP (the upload routes, and
    // the images they serve to <img>), so the script must be served.
    await worker.start({
      quiet: true,
      onUnhandledRequest: 'bypass',
      serviceWorker: { url: serviceWorkerUrl },
    });
  } catch (error) {
    throw new Error(
      `MockChatServer.listen(): msw could not start its worker from ${serviceWorkerUrl}. ` +
        'Serve msw/mockServiceWorker.js there (Vitest browser mode does; Storybook: add it to ' +
        'staticDirs, or run `npx msw init <public dir>`), or pass listen({ serviceWorkerUrl }).',
      { cause: error },
    );
  }
  return { stop: () => worker.stop() };
}

/**
 * Routes `globalThis.WebSocket` connections to `handlers`: msw's `setupServer` in Node,
 * `setupWorker` in a browser. Each is imported only in its own runtime.
 */
export async function startInterception(
  handlers: readonly Handler[],
  serviceWorkerUrl: string = DEFAULT_SERVICE_WORKER_URL,
): Promise<Interception> {
  if (typeof (globalThis as { WebSocket?: unknown }).WebSocket === 'undefined')
    throw new Error(
      'MockChatServer.listen(): globalThis.WebSocket is missing, so msw cannot intercept it. ' +
        'Use Node >= 22, or Node 20 with --experimental-websocket (vitest: test.execArgv).',
    );
  return isNodeRuntime()
    ? interceptInNode(handlers)
    : interceptInBrowser(handlers, serviceWorkerUrl);
}
