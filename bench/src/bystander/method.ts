import type { Load } from '../load/types';

/** How the figures were made, stored with them in bystander.json. */
export function bystanderMethod(load: Load, window: number, drainMs: number): string {
  return [
    `${load.sockets / 2} pairs of users (bystanders) chat on one chat server at ${load.rate} msg/s in`,
    "all, with the latency benchmark's open-loop schedule (message k due at k / rate s, round-robin",
    'over the pairs, direction alternating: 1 msg/s per user, well within the per-user limit), in two',
    'worker processes; latency is the time the peer receives a message minus its due time. The',
    'server runs with its default rate limits (RATE_LIMIT_MESSAGES unset). The same pairs run the',
    `schedule for ${load.durationS} s once per phase: baseline (no flood), then beside a flood of`,
    'invalid payloads, then beside a flood of valid sends. The flooder, one user of its own per',
    `flood in its own process, keeps ${window} message:send requests unanswered at once (a new one as`,
    "each answer comes back) from the phase's start until the bystanders' last message is in, and",
    'counts the answers by code. Invalid payloads rotate over wrong types, a missing field, a',
    '40,000-character content, a malformed conversation id, an overlong id, an unknown type, an',
    'extra key, a string and null; valid sends are short TEXT messages to its own conversation.',
    `Lost: not received within ${drainMs / 1000} s after the last due time. Server CPU: the chat`,
    'server process over the phase (/proc/<pid>/stat), in % of one core.',
  ].join(' ');
}
