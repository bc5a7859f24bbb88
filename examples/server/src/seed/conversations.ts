import { stableUuidV4, stableUuidV7 } from './ids';
import {
  chartronsScript,
  croixRousseScript,
  ileDeNantesScript,
  lyonT2Script,
  rezeScript,
  type Line,
} from './scripts';
import type { SeedConversation, SeedListing, SeedMember, SeedMessage, SeedPresence } from './types';
import { findSeedListing, seedUsers } from './users';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
// Message ids carry a fixed time (not `now`), so they are the same on every run; they still sort
// in seq order within a conversation, and before any id the server issues later.
const ID_EPOCH = Date.UTC(2025, 0, 1);

interface Plan {
  key: string;
  listingId: string;
  script: Line[];
  /** The conversation spans from this long before `now`... */
  startAgo: number;
  /** ...to this long before `now`. */
  endAgo: number;
  /** How many of the last messages each side has not read. */
  unread: { A: number; O: number };
  markedUnreadBy?: 'A' | 'O';
}

const plans: Plan[] = [
  {
    key: 'lyon-t2',
    listingId: 'L-101',
    script: lyonT2Script(),
    startAgo: 21 * DAY,
    endAgo: 2 * HOUR,
    unread: { A: 2, O: 0 },
  },
  {
    key: 'croix-rousse-studio',
    listingId: 'L-102',
    script: croixRousseScript,
    startAgo: 3 * DAY,
    endAgo: 25 * MINUTE,
    unread: { A: 0, O: 3 },
  },
  {
    key: 'reze-maison',
    listingId: 'L-201',
    script: rezeScript,
    startAgo: 9 * DAY,
    endAgo: 1 * DAY,
    unread: { A: 0, O: 0 },
    markedUnreadBy: 'A',
  },
  {
    key: 'ile-de-nantes-t3',
    listingId: 'L-202',
    script: ileDeNantesScript,
    startAgo: 30 * DAY,
    endAgo: 20 * DAY,
    unread: { A: 0, O: 0 },
  },
  {
    key: 'chartrons-loft',
    listingId: 'L-301',
    script: chartronsScript,
    startAgo: 5 * HOUR,
    endAgo: 4 * HOUR,
    unread: { A: 1, O: 0 },
  },
];

/** The stable id of a seeded conversation, by its key (e.g. `lyon-t2`). */
export function seedConversationId(key: string): string {
  return stableUuidV4(`causette-seed-conversation:${key}`);
}

/**
 * The demo conversations with their histories, timed relative to `now`: `lyon-t2` has 130
 * messages to page through; the others are short, with unread messages on either side and one
 * marked unread. Ids never depend on `now`, so a store can insert them once and skip them later.
 */
export function seedConversations(now: number | Date = Date.now()): SeedConversation[] {
  const nowMs = typeof now === 'number' ? now : now.getTime();
  return plans.map((plan, index) => buildConversation(plan, index, nowMs));
}

/** A `UserPresence` row per demo user: offline, last seen a user-specific while before `now`. */
export function seedPresence(now: number | Date = Date.now()): SeedPresence[] {
  const nowMs = typeof now === 'number' ? now : now.getTime();
  return seedUsers.map((user) => ({
    userId: user.id,
    isOnline: false,
    lastSeen: new Date(nowMs - user.lastSeenMinutesAgo * MINUTE).toISOString(),
  }));
}

function buildConversation(plan: Plan, index: number, now: number): SeedConversation {
  const listing = findListing(plan.listingId);
  const id = seedConversationId(plan.key);
  const sides = { A: listing.advertiserId, O: listing.ownerId };
  const lines: Array<readonly ['A' | 'O' | 'SYSTEM', string]> = [
    ['SYSTEM', `Conversation ouverte à propos de l’annonce « ${listing.title} »`],
    ...plan.script,
  ];
  const start = now - plan.startAgo;
  const step = (plan.startAgo - plan.endAgo) / Math.max(1, lines.length - 1);
  const messages: SeedMessage[] = lines.map(([speaker, content], i) => {
    const seq = i + 1;
    // A little deterministic irregularity, always less than a step so the order holds.
    const jitter = i === 0 || i === lines.length - 1 ? 0 : (((i * 37) % 17) / 17) * step * 0.5;
    return {
      id: stableUuidV7(ID_EPOCH + index * DAY + seq, `${plan.key}:message:${seq}`),
      clientId: stableUuidV4(`${plan.key}:client:${seq}`),
      conversationId: id,
      seq,
      senderId: speaker === 'SYSTEM' ? '' : sides[speaker],
      type: speaker === 'SYSTEM' ? 'SYSTEM' : 'TEXT',
      content,
      createdAt: new Date(Math.round(start + i * step + jitter)).toISOString(),
      readAt: null,
    };
  });
  const members = (['A', 'O'] as const).map((side) => member(side, sides[side], plan, messages));
  for (const message of messages) {
    const others = members.filter((m) => m.userId !== message.senderId);
    if (others.every((m) => m.lastReadSeq >= message.seq)) {
      message.readAt = new Date(
        Math.min(now, Date.parse(message.createdAt) + 10 * MINUTE),
      ).toISOString();
    }
  }
  return {
    id,
    key: plan.key,
    subject: { type: 'listing', id: listing.id, title: listing.title },
    members,
    createdAt: messages[0]?.createdAt ?? new Date(start).toISOString(),
    messages,
  };
}

/** A member has read all but their last `unread` messages, and always their own. */
function member(side: 'A' | 'O', userId: string, plan: Plan, messages: SeedMessage[]): SeedMember {
  const lastSeq = messages.length;
  const ownLast = messages.reduce((seq, m) => (m.senderId === userId ? m.seq : seq), 0);
  return {
    userId,
    lastReadSeq: Math.max(ownLast, lastSeq - plan.unread[side]),
    markedUnread: plan.markedUnreadBy === side,
  };
}

function findListing(id: string): SeedListing {
  const listing = findSeedListing(id);
  if (!listing) throw new Error(`Seed plan names an unknown listing ${id}`);
  return listing;
}
