import { createServer, type Server } from 'node:net';

async function bound(): Promise<Server> {
  const probe = createServer();
  await new Promise<void>((resolve, reject) => {
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => resolve());
  });
  return probe;
}

/**
 * `count` distinct TCP ports on 127.0.0.1 that were free a moment ago: all bound to port 0 at
 * once, then released. Another process could take one in between; the servers started on them
 * use a strict port and fail loudly.
 */
export async function freePorts(count: number): Promise<number[]> {
  const probes = await Promise.all(Array.from({ length: count }, bound));
  const ports = probes.map((probe) => {
    const address = probe.address();
    if (address === null || typeof address === 'string') throw new Error('no TCP port was given');
    return address.port;
  });
  await Promise.all(probes.map((probe) => new Promise((resolve) => probe.close(resolve))));
  return ports;
}

/** A TCP port on 127.0.0.1 that was free a moment ago (see {@link freePorts}). */
export async function freePort(): Promise<number> {
  const [port] = await freePorts(1);
  if (port === undefined) throw new Error('no TCP port was given');
  return port;
}
