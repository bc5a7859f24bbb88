import { RATE_LIMIT_MESSAGES } from './chat-server-process';
import { TIMINGS, WORKERS } from './plan';

/** How the figures were made, stored with them in latency.json. */
export const METHOD = [
  'Open loop: every message has a due time on a fixed schedule (message k at k / rate seconds,',
  'dealt round-robin over the pairs, direction alternating), and latency is the time it reaches',
  'the peer minus its due time, so a late send is charged to the run rather than hidden.',
  'Sockets are paired one-to-one and both users of a pair live in the same generator process, so',
  `one clock (performance.now()) reads both ends. The generator runs in ${WORKERS} worker processes`,
  '(child_process.fork, socket.io-client over WebSocket) apart from the servers; their CPU time over',
  "the measured phase is reported (% of one core, summed over workers), and so is the server's",
  '(read from /proc/<pid>/stat). Baseline: a plain',
  'socket.io 4.8 relay (no auth, no storage; rooms by user id; acked send) measured in the same',
  'run, right before the chat server at the same load. The chat server (examples/server, its built',
  'dist/main.js in test mode with CONVERSATION_POLICY=open, LOG_LEVEL=warn) starts fresh with fresh',
  'storage for every run;',
  'users authenticate with HS256 JWTs and each pair opens a conversation before the schedule',
  `starts; RATE_LIMIT_MESSAGES=${RATE_LIMIT_MESSAGES} so the per-user limit does not shape the load.`,
  `Lost: sent but not received by the peer within ${TIMINGS.drainMs / 1000} s after the last due`,
  'time. Doubled: received twice by the peer. Errors: acks with ok:false, by code. Disconnects: any',
  'socket disconnect from set-up to the end of the drain. Bounded: capped sockets, rate and',
  'duration, a set-up deadline and a measured-phase deadline; traffic only to 127.0.0.1.',
].join(' ');
