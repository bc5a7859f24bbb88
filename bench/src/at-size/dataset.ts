// The shape of the generated data set, computed here (pure, tested) and handed to SQL as arrays:
// how long each conversation is, who is in it, who sent its last messages and who has not read
// them, and when it was last active.

export interface DatasetSize {
  messages: number;
  conversations: number;
  users: number;
  /** Conversations of each measured user. */
  measuredConversations: number;
  /**
   * Measured users (users 0, 1, ...), each in `measuredConversations` conversations of the same
   * mix of lengths: requests rotate over them, as the server allows one user 100 per 10 s.
   */
  measuredUsers: number;
}

/** The size: 1,000,000 messages over 10,000 conversations. */
export const FULL_SIZE: DatasetSize = {
  messages: 1_000_000,
  conversations: 10_000,
  users: 2_000,
  measuredConversations: 50,
  measuredUsers: 8,
};

/** Small enough to fill and measure in seconds inside `pnpm test`. */
export const QUICK_SIZE: DatasetSize = {
  messages: 20_000,
  conversations: 200,
  users: 100,
  measuredConversations: 50,
  measuredUsers: 4,
};

/** Minutes between two messages of a conversation (a little jitter is added in SQL). */
export const MINUTES_BETWEEN_MESSAGES = 3;
/** Conversations last spoke within this many minutes before the fill. */
const ACTIVITY_WINDOW_MINUTES = 30 * 24 * 60;
/** Shifts the long tail: the longest conversation holds about 1.5 % of the messages. */
const LENGTH_OFFSET = 10;

/** Per conversation, index-aligned: the data SQL turns into rows. */
export interface ConversationPlan {
  lengths: number[];
  /** Member who sent the trailing unread messages (user index). */
  memberA: number[];
  /** The other member, who has not read the last `unreadTail` messages. */
  memberB: number[];
  unreadTail: number[];
  /** How many minutes before the fill the last message was sent. */
  lastMinutesAgo: number[];
  /** Per measured user (user index), the indexes of their conversations, longest first. */
  measured: number[][];
}

/**
 * Lengths with a long tail (Zipf-like, weight 1 / (rank + offset)), longest first, each at least
 * 1, summing exactly to `total`.
 */
export function conversationLengths(total: number, count: number): number[] {
  if (count < 1 || total < count)
    throw new RangeError('need at least one message per conversation');
  const weights = Array.from({ length: count }, (_, i) => 1 / (i + LENGTH_OFFSET));
  const sum = weights.reduce((a, b) => a + b, 0);
  const spare = total - count;
  const lengths = weights.map((w) => 1 + Math.floor((spare * w) / sum));
  let missing = total - lengths.reduce((a, b) => a + b, 0);
  // Floors lose under one message each: hand them out from the longest down.
  for (let i = 0; missing > 0; i = (i + 1) % count, missing--) lengths[i] = (lengths[i] ?? 0) + 1;
  return lengths;
}

/**
 * Conversation indexes of each measured user: every `step`-th one from the user's own offset, so
 * each holds one of the longest and the others spread evenly over the length ranks.
 */
export function measuredIndexes(count: number, perUser: number, users: number): number[][] {
  const step = Math.floor(count / perUser);
  if (step < users) throw new RangeError('not enough conversations for the measured users');
  return Array.from({ length: users }, (_, r) =>
    Array.from({ length: perUser }, (_, k) => k * step + r),
  );
}

export function planConversations(size: DatasetSize): ConversationPlan {
  const { conversations: count, users, measuredUsers } = size;
  const others = users - measuredUsers;
  if (others < 2) throw new RangeError('need at least two users besides the measured ones');
  const lengths = conversationLengths(size.messages, count);
  const measured = measuredIndexes(count, size.measuredConversations, measuredUsers);
  const owner = new Map<number, [user: number, k: number]>();
  measured.forEach((indexes, user) => indexes.forEach((index, k) => owner.set(index, [user, k])));
  const plan: ConversationPlan = {
    lengths,
    memberA: [],
    memberB: [],
    unreadTail: [],
    lastMinutesAgo: [],
    measured,
  };
  for (let i = 0; i < count; i++) {
    const mine = owner.get(i);
    let a: number;
    let b: number;
    if (mine) {
      // A measured user is the last sender in half of their conversations, behind in the rest.
      const [user, k] = mine;
      const peer = measuredUsers + ((k * 13 + user) % others);
      [a, b] = k % 2 === 0 ? [user, peer] : [peer, user];
    } else {
      a = measuredUsers + ((i * 7919) % others);
      b = measuredUsers + ((i * 104_729 + 17) % others);
      if (b === a) b = measuredUsers + ((a - measuredUsers + 1) % others);
    }
    plan.memberA.push(a);
    plan.memberB.push(b);
    // A quarter of the conversations have one to three messages their second member has not read.
    const tail = [0, 0, 1, 3][i % 4] ?? 0;
    plan.unreadTail.push(Math.min(tail, (lengths[i] ?? 1) - 1));
    plan.lastMinutesAgo.push(1 + ((i * 37) % ACTIVITY_WINDOW_MINUTES));
  }
  return plan;
}

/** The user id of user index `n` (fixed width: sorted ids compare the same in JS and in SQL). */
export function userId(n: number): string {
  return `bench-u${String(n).padStart(6, '0')}`;
}
