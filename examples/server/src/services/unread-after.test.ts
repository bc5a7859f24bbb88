import { describe, expect, it } from 'vitest';
import type { MessageRow } from './mappers';
import type { MemberBefore, StoredMessage } from './store-messages';
import { unreadAfter } from './unread-after';

function stored(
  conversationId: string,
  seq: number,
  senderId: string,
  members: MemberBefore[],
): StoredMessage {
  const row = { conversationId, seq, senderId } as MessageRow;
  return { row, before: { lastReadSeq: 0, markedUnread: false }, members };
}

const member = (userId: string, lastReadSeq: number, total: number, markedUnread = false) => ({
  userId,
  lastReadSeq,
  markedUnread,
  total,
});

describe('unreadAfter', () => {
  it("adds one unread to the others and clears the sender's count", () => {
    // c1 had 4 messages; Ana read them all, Bruno read 1 (3 unread, 5 over everything).
    const [counts] = unreadAfter([
      stored('c1', 5, 'ana', [member('ana', 4, 0), member('bruno', 1, 5)]),
    ]);
    expect(counts).toEqual(
      new Map([
        ['ana', { total: 0, conversation: 0 }],
        ['bruno', { total: 6, conversation: 4 }],
      ]),
    );
  });

  it('gives a member of several conversations of the group the total after all of them', () => {
    // Chloé has 2 unread elsewhere; she sends in c2 (clearing its 3) and receives in c1.
    const [c1, c2, none] = unreadAfter([
      stored('c1', 3, 'ana', [member('ana', 2, 0), member('chloe', 2, 5)]),
      stored('c2', 4, 'chloe', [member('chloe', 0, 5), member('bruno', 3, 0)]),
      undefined,
    ]);
    expect(c1?.get('chloe')).toEqual({ total: 3, conversation: 1 });
    expect(c2?.get('chloe')).toEqual({ total: 3, conversation: 0 });
    expect(c2?.get('bruno')).toEqual({ total: 1, conversation: 1 });
    expect(none).toBeUndefined();
  });

  it('keeps a conversation marked unread at one at least, and clears the flag of its sender', () => {
    const [counts] = unreadAfter([
      stored('c1', 3, 'ana', [member('ana', 2, 1, true), member('bruno', 2, 1, true)]),
    ]);
    // Bruno: marked unread with nothing behind counted 1; one new message keeps it at 1.
    expect(counts?.get('bruno')).toEqual({ total: 1, conversation: 1 });
    expect(counts?.get('ana')).toEqual({ total: 0, conversation: 0 });
  });
});
