import { connect } from 'node:net';

/** How often the port is tried: the figure is "from the moment it listens" to this precision. */
const PROBE_INTERVAL_MS = 20;

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => {
      socket.destroy();
      resolve(false);
    });
  });
}

/**
 * When (epoch ms) `port` of 127.0.0.1 first accepts a TCP connection: the moment the restarted
 * server listens, which clients notice before any health check does. Rejects at `deadline`.
 */
export async function waitListening(port: number, deadline: number): Promise<number> {
  for (;;) {
    if (await accepts(port)) return Date.now();
    if (Date.now() > deadline) throw new Error(`port ${port} did not listen in time`);
    await new Promise((resolve) => setTimeout(resolve, PROBE_INTERVAL_MS));
  }
}
