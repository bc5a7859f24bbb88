import type { StoredMessage } from './store-messages';
import { unreadCount } from './unread';
import type { UnreadCounts } from './unread-counts';

/**
 * The unread counts of the members of each message's conversation once a whole group of
 * messages (one per conversation, stored by one statement) is in: from the read state the
 * statement found, each message adds one unread to the others of its conversation and clears
 * its sender's. A member of several conversations of the group gets the total after all of them.
 */
export function unreadAfter(
  group: ReadonlyArray<StoredMessage | undefined>,
): Array<Map<string, UnreadCounts> | undefined> {
  const totals = new Map<string, number>();
  const here = group.map((stored) => {
    if (!stored) return undefined;
    const { seq, senderId } = stored.row;
    const counts = new Map<string, number>();
    for (const member of stored.members) {
      const before = unreadCount(seq - 1, member.lastReadSeq, member.markedUnread);
      const after =
        member.userId === senderId ? 0 : unreadCount(seq, member.lastReadSeq, member.markedUnread);
      counts.set(member.userId, after);
      totals.set(member.userId, (totals.get(member.userId) ?? member.total) + after - before);
    }
    return counts;
  });
  return here.map(
    (counts) =>
      counts &&
      new Map(
        [...counts].map(([userId, conversation]) => [
          userId,
          { total: totals.get(userId) ?? 0, conversation },
        ]),
      ),
  );
}
