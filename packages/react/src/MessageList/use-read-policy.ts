import { useEffect, useRef, useSyncExternalStore } from 'react';
import { useLatest } from './use-latest';

function subscribeVisibility(listener: () => void): () => void {
  document.addEventListener('visibilitychange', listener);
  return () => document.removeEventListener('visibilitychange', listener);
}
const tabVisible = () => document.visibilityState === 'visible';
// On a server nothing is "seen": nothing is marked read before hydration.
const serverVisible = () => false;

/** Whether the page's tab is visible (`document.visibilityState`), live. */
export function useTabVisible(): boolean {
  return useSyncExternalStore(subscribeVisibility, tabVisible, serverVisible);
}

/** What {@link useReadPolicy} looks at. */
export interface ReadPolicyInput {
  /** Whether the latest messages are loaded (nothing is marked read before). */
  loaded: boolean;
  /** Whether the client knows the conversation (its unread count is then the server's). */
  known: boolean;
  /** Whether the bottom of the list (the last message) is on screen. */
  bottomVisible: boolean;
  /** The conversation's unread count for the signed-in user. */
  unreadCount: number;
  /** The conversation's `markedUnread` flag, as the client knows it. */
  markedUnread: boolean;
  /** Key of the last message from someone else in the window (a new one changes it). */
  lastOtherKey: string | undefined;
  /** Key of the last message in the window. */
  lastKey: string | undefined;
  /** Marks the conversation read up to its last message. */
  markRead: () => Promise<void>;
}

/**
 * The read policy: the conversation is marked read only while its bottom is visible and the tab
 * is visible, and only when something is unread. After "mark as unread" it stays unread until a
 * new message from someone else is seen at the bottom, or the list is mounted again (the
 * conversation reopened). A "mark as unread" shows as the `markedUnread` flag turning on (the
 * client sets it on its own `markUnread`), or as the count rising from 0 with no new message from
 * someone else since everything was read (one done in another tab reaches this one as a count).
 */
export function useReadPolicy(input: ReadPolicyInput): void {
  const visible = useTabVisible();
  const { loaded, known, bottomVisible, unreadCount, markedUnread, lastOtherKey, lastKey } = input;
  const markRead = useLatest(input.markRead);
  // Set while a manual "mark as unread" holds: the last message from others then.
  const hold = useRef<{ since: string | undefined } | null>(null);
  // The last message from others when everything was last known read.
  const readUpTo = useRef<{ key: string | undefined } | null>(null);
  const previous = useRef<{ unread: number; markedUnread: boolean } | null>(null);
  const requested = useRef<string | undefined>(undefined);

  useEffect(() => {
    const before = previous.current;
    previous.current = { unread: unreadCount, markedUnread };
    if (!loaded || !known) return;
    const rose = before !== null && before.unread === 0 && unreadCount > 0;
    const flagged = before !== null && !before.markedUnread && markedUnread;
    if (flagged || (rose && readUpTo.current !== null && readUpTo.current.key === lastOtherKey)) {
      hold.current = { since: lastOtherKey };
      requested.current = undefined;
    }
    if (unreadCount === 0 && readUpTo.current === null) readUpTo.current = { key: lastOtherKey };

    if (!bottomVisible || !visible) return;
    if (hold.current) {
      // Released only by a new message from someone else, seen here at the bottom.
      if (hold.current.since === lastOtherKey) return;
      hold.current = null;
    }
    if (unreadCount <= 0 || lastKey === undefined) return;
    // One request per last message: no loop while the server's count catches up.
    if (requested.current === lastKey) return;
    requested.current = lastKey;
    readUpTo.current = { key: lastOtherKey };
    markRead.current().catch(() => {
      if (requested.current === lastKey) requested.current = undefined;
    });
  }, [
    loaded,
    known,
    bottomVisible,
    visible,
    unreadCount,
    markedUnread,
    lastOtherKey,
    lastKey,
    markRead,
  ]);
}
