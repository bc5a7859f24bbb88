// A tiny HTTP endpoint in the runner's main process that lets test files (in workers) kill,
// restart, stop the chat server started by globalSetup and read its log. ./control.ts calls it.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ChatServer } from './chat-server';

export interface ControlServer {
  url: string;
  close(): Promise<void>;
}

type Action = 'kill' | 'restart' | 'stop';
const isAction = (name: string): name is Action => ['kill', 'restart', 'stop'].includes(name);

/** Serves `POST /kill`, `POST /restart`, `POST /stop` (204 once done) and `GET /log` on 127.0.0.1. */
export async function startControlServer(chat: ChatServer): Promise<ControlServer> {
  // One action at a time, in the order they arrive.
  let queue: Promise<unknown> = Promise.resolve();
  const perform = (action: Action) => {
    const run = queue.then(() => chat[action]());
    queue = run.catch(() => undefined);
    return run;
  };

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const name = (request.url ?? '/').slice(1);
    if (request.method === 'GET' && name === 'log') {
      response.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' }).end(chat.log());
    } else if (request.method === 'POST' && isAction(name)) {
      await perform(name);
      response.writeHead(204).end();
    } else {
      response
        .writeHead(404, { 'content-type': 'text/plain' })
        .end(`No ${request.method} /${name}`);
    }
  };

  const server = createServer((request, response) => {
    request.resume();
    handle(request, response).catch((error: unknown) => {
      const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
      response.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' }).end(text);
    });
  });
  // A restart can take long; never let Node cut the request.
  server.requestTimeout = 0;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
