// Serves the render page on 127.0.0.1 (a port of the system's choosing) for the run's length.
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type PageFiles, pageHtml } from './bundle-page';

export interface PageServer {
  url: string;
  close(): Promise<void>;
}

export async function servePage(files: PageFiles): Promise<PageServer> {
  const bodies: Record<string, [string, string]> = {
    '/': ['text/html; charset=utf-8', pageHtml()],
    '/page.js': ['text/javascript; charset=utf-8', files.js],
    '/page.css': ['text/css; charset=utf-8', files.css],
  };
  const server: Server = createServer((request, response) => {
    const body = bodies[new URL(request.url ?? '/', 'http://127.0.0.1').pathname];
    if (!body) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-type': body[0], 'cache-control': 'no-store' }).end(body[1]);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
