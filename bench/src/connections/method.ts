/** How the figures were made, stored with them in connections.json. */
export function connectionsMethod(settleMs: number): string {
  return [
    'Each target (the plain socket.io relay as baseline, then the chat server) starts fresh with',
    'node --expose-gc and a preloaded probe (heap-probe.mjs) that, on SIGUSR2, runs a full GC twice',
    'and writes process.memoryUsage() to a file the benchmark reads. Client worker processes',
    '(child_process.fork, socket.io-client over WebSocket, one connection per socket) mint one',
    'HS256 token per user beforehand (each socket a different user; the relay takes an id) and',
    'open and close one warm-up socket each. After',
    `${settleMs} ms of quiet the server's memory is read (idle), then every socket is opened with a`,
    'bounded number of handshakes in flight per worker, timed from the first connect() to its',
    `connect event (retries included); after ${settleMs} ms more it is read again (loaded).`,
    'Per socket = (loaded − idle) / sockets connected, heapUsed and RSS, in KiB. Accept time: from',
    'the start of the connect phase to the last socket in.',
  ].join(' ');
}
