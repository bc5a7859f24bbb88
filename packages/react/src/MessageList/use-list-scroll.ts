import { useVirtualizer, type Virtualizer } from '@tanstack/react-virtual';
import { type RefObject, useCallback, useEffect, useRef, useState } from 'react';
import type { MessageRow } from './rows';
import { useBrowserLayoutEffect, useLatest } from './use-latest';

/** A first guess of a row's height; rows are measured once drawn. */
const ESTIMATED_ROW_PX = 56;
/** Closer than this to the end counts as "at the bottom". */
export const BOTTOM_THRESHOLD_PX = 24;
/** Space kept above the first row and below the last. */
const EDGE_PADDING_PX = 8;

/** Where the list should go: a message (by a test on it), aligned, maybe highlighted. */
export interface ScrollTarget {
  match: (row: MessageRow) => boolean;
  align: 'start' | 'center';
  highlight: boolean;
}

/** What {@link useListScroll} needs. */
export interface ListScrollInput {
  rows: readonly MessageRow[];
  me: string | undefined;
  loaded: boolean;
  /** Whether the list may take its first position (its unread state is known). */
  ready: boolean;
  hasOlder: boolean;
  loadingOlder: boolean;
  loadOlder: () => Promise<void>;
  /** Where the list opens: a message (first unread, one opened from search) or the bottom. */
  initialTarget: () => ScrollTarget | undefined;
}

/** What {@link useListScroll} gives the view. */
export interface ListScroll {
  scrollRef: RefObject<HTMLDivElement | null>;
  virtualizer: Virtualizer<HTMLDivElement, HTMLDivElement>;
  /** Whether the last message is on screen. */
  atBottom: boolean;
  /** Messages from others that arrived while scrolled up (the "new messages" pill). */
  newCount: number;
  /** Key of the message highlighted after a jump, for a moment. */
  highlightKey: string | undefined;
  onScroll: () => void;
  /** Call on the reader's wheel, touch and pointer input on the viewport. */
  userScrolls: () => void;
  /** Call on the reader's wheel on the viewport. */
  onWheel: (event: { deltaY: number }) => void;
  scrollToBottom: () => void;
  /** Scrolls to a message, loading older pages until it is there. */
  goTo: (target: ScrollTarget) => void;
  /** Scrolls by `delta` px, or to an end (`'top'`, `'bottom'`): the keyboard. */
  scrollBy: (delta: number | 'top' | 'bottom') => void;
}

/** How long a jump's landing is left to the virtualizer before the anchor is taken again. */
const JUMP_SETTLE_MS = 400;

const neverAdjust = () => false;

function rowElement(viewport: HTMLElement, key: string): HTMLElement | undefined {
  for (const row of viewport.querySelectorAll<HTMLElement>('[data-row-key]')) {
    if (row.dataset.rowKey === key) return row;
  }
  return undefined;
}

/**
 * What the reader is looking at in a row: its message, the row's last part. A row also carries
 * the day separator, the unread divider and the sender's name, which come and go when a page is
 * prepended (the message above is now of the same day, the same sender): anchored on the row,
 * the text would move by their height.
 */
function anchorTop(row: HTMLElement): number {
  return (row.lastElementChild ?? row).getBoundingClientRect().top;
}

interface Anchor {
  key: string;
  /** Its top, from the top of the viewport, in px. */
  top: number;
  /**
   * The viewport's scrollTop when it was taken or the list last moved it: another value means
   * the reader scrolled and the scroll event that re-takes the anchor has not come yet.
   */
  scrollTop: number;
}

/**
 * The list's scrolling, one rule per kind of update: a prepended page keeps the message under
 * the reader where it was (anchored on its key: recorded before, restored after the commit);
 * your own message scrolls to the bottom; others' follow only from the bottom, else they count
 * for the pill. Older pages load when the reader nears the top.
 */
export function useListScroll(input: ListScrollInput): ListScroll {
  const { rows, me, loaded, ready, hasOlder, loadingOlder, loadOlder } = input;
  const scrollRef = useRef<HTMLDivElement>(null);
  const getItemKey = useCallback((index: number) => rows[index]?.key ?? index, [rows]);
  // TanStack Virtual returns new functions on each render by design: the compiler leaves this
  // hook unmemoized, which is what it needs.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer<HTMLDivElement, HTMLDivElement>({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ESTIMATED_ROW_PX,
    getItemKey,
    overscan: 6,
    paddingStart: EDGE_PADDING_PX,
    paddingEnd: EDGE_PADDING_PX,
  });
  // The list keeps the reader's place itself, on a message's key (below): the virtualizer's own
  // corrections, on its guessed offsets, would fight it.
  virtualizer.shouldAdjustScrollPositionOnItemSizeChange = neverAdjust;

  const [atBottom, setAtBottom] = useState(false);
  const [newCount, setNewCount] = useState(0);
  const [target, setTarget] = useState<ScrollTarget>();
  const [highlightKey, setHighlightKey] = useState<string>();
  const initialized = useRef(false);
  const stick = useRef(false);
  const anchor = useRef<Anchor | null>(null);
  // Where the list itself last put scrollTop: its scroll event is not the reader's.
  const written = useRef<number | null>(null);
  // A jump (to the bottom, to a message) is under way: the virtualizer moves, not the anchor.
  const jumping = useRef(false);
  const jumpTimer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const previousRows = useRef<readonly MessageRow[]>(rows);
  const olderFailed = useRef(false);
  const initialTarget = useLatest(input.initialTarget);

  /**
   * The topmost row on screen, and where it is: the reader's anchor. None is drawn there yet
   * after a fast scroll: it is taken after the next commit.
   */
  const recordAnchor = useCallback(() => {
    const element = scrollRef.current;
    if (!element) return;
    const viewportTop = element.getBoundingClientRect().top + element.clientTop;
    const viewportBottom = viewportTop + element.clientHeight;
    let best: Anchor | null = null;
    for (const row of element.querySelectorAll<HTMLElement>('[data-row-key]')) {
      const rect = row.getBoundingClientRect();
      if (rect.bottom <= viewportTop + 1 || rect.top >= viewportBottom) continue;
      const top = anchorTop(row) - viewportTop;
      if (best === null || top < best.top) {
        best = { key: row.dataset.rowKey ?? '', top, scrollTop: element.scrollTop };
      }
    }
    if (best === null) {
      // Not drawn yet: the virtualizer knows which row is there, and where.
      const item = virtualizer.getVirtualItemForOffset(element.scrollTop);
      if (item) {
        best = {
          key: String(item.key),
          top: item.start - element.scrollTop,
          scrollTop: element.scrollTop,
        };
      }
    }
    anchor.current = best;
  }, [virtualizer]);

  const syncBottom = useCallback(() => {
    const element = scrollRef.current;
    if (!element) return false;
    const distance = element.scrollHeight - element.scrollTop - element.clientHeight;
    const bottom = distance <= BOTTOM_THRESHOLD_PX;
    setAtBottom(bottom);
    if (bottom) setNewCount(0);
    return bottom;
  }, []);

  const maybeLoadOlder = useCallback(() => {
    if (!initialized.current || stick.current || jumping.current) return;
    if (!loaded || !hasOlder || loadingOlder || olderFailed.current) return;
    loadOlder().catch(() => {
      // Offline or refused: wait for the reader's next scroll rather than looping.
      olderFailed.current = true;
    });
  }, [loaded, hasOlder, loadingOlder, loadOlder]);

  const loadIfNeeded = useLatest(maybeLoadOlder);

  /** Moves the content by the list's own decision (keeping the anchor where it was). */
  const writeScrollTop = useCallback((top: number) => {
    const element = scrollRef.current;
    if (!element) return;
    element.scrollTop = top;
    written.current = element.scrollTop;
    if (anchor.current) anchor.current.scrollTop = element.scrollTop;
  }, []);

  /** A jump driven by the virtualizer; the anchor is taken again once it has landed. */
  const jump = useCallback(
    (move: () => void) => {
      jumping.current = true;
      anchor.current = null;
      clearTimeout(jumpTimer.current);
      move();
      jumpTimer.current = setTimeout(() => {
        jumping.current = false;
        recordAnchor();
        // Landed near the top (or the reader scrolled there meanwhile): older messages.
        const element = scrollRef.current;
        if (element && element.scrollTop < element.clientHeight) loadIfNeeded.current();
      }, JUMP_SETTLE_MS);
    },
    [recordAnchor, loadIfNeeded],
  );
  useEffect(() => () => clearTimeout(jumpTimer.current), []);

  /** The reader scrolls (wheel, touch, pointer, keys): a jump under way gives way. */
  const userScrolls = useCallback(() => {
    if (!jumping.current) return;
    clearTimeout(jumpTimer.current);
    jumping.current = false;
    virtualizer.cancelScroll();
  }, [virtualizer]);

  /**
   * An upward wheel leaves the bottom at once: its scroll event comes a frame later, and a
   * commit in between (a read receipt, a message) would otherwise pull the list back down.
   */
  const onWheel = useCallback(
    (event: { deltaY: number }) => {
      userScrolls();
      if (event.deltaY < 0) stick.current = false;
    },
    [userScrolls],
  );

  const onScroll = useCallback(() => {
    const element = scrollRef.current;
    if (!element || !initialized.current) return;
    const own = written.current !== null && Math.abs(element.scrollTop - written.current) < 1;
    written.current = null;
    olderFailed.current = false;
    stick.current = syncBottom();
    if (!own) recordAnchor();
    if (element.scrollTop < element.clientHeight) maybeLoadOlder();
  }, [syncBottom, recordAnchor, maybeLoadOlder]);

  const scrollToBottom = useCallback(() => {
    stick.current = true;
    setNewCount(0);
    jump(() => virtualizer.scrollToEnd());
  }, [virtualizer, jump]);

  // 1. Each change of the rows carries its scroll rule (before anything records a new anchor).
  useBrowserLayoutEffect(() => {
    const before = previousRows.current;
    previousRows.current = rows;
    if (!initialized.current || before === rows || before.length === 0 || rows.length === 0) return;
    const firstBefore = before[0]?.key;
    if (rows[0]?.key !== firstBefore && !stick.current && !jumping.current) restoreAnchor();
    const lastBefore = before[before.length - 1]?.key;
    const last = rows[rows.length - 1];
    if (!last || last.key === lastBefore) return;
    let from = rows.length - 1;
    while (from >= 0 && rows[from]?.key !== lastBefore) from--;
    const added = rows.slice(from + 1);
    if (added.some((row) => row.message.senderId === me)) {
      // Your own message: always to the bottom.
      scrollToBottom();
    } else if (stick.current) {
      jump(() => virtualizer.scrollToEnd());
    } else {
      const fromOthers = added.filter((row) => row.message.type !== 'SYSTEM').length;
      if (fromOthers > 0) setNewCount((count) => count + fromOthers);
    }

    function restoreAnchor() {
      const kept = anchor.current;
      if (!kept) return;
      const index = rows.findIndex((row) => row.key === kept.key);
      if (index < 0) return;
      virtualizer.getVirtualItems(); // brings the measurements up to date with the new rows
      const item = virtualizer.measurementsCache[index];
      // Guessed heights above it are corrected after each commit (below), on the DOM.
      if (item) writeScrollTop(Math.max(0, item.start - kept.top));
    }
  }, [rows]);

  // 2. The first position, once the messages and their unread state are known.
  useBrowserLayoutEffect(() => {
    if (initialized.current || !ready) return;
    if (!loaded && rows.length === 0) return;
    initialized.current = true;
    const first = initialTarget.current();
    if (first) {
      // Until it lands, nothing else moves the list (nor loads pages for being at the top).
      jumping.current = true;
      setTarget(first);
    } else scrollToBottom();
  }, [ready, loaded, rows.length]);

  // 3. After every commit: stay at the bottom while following it (rows measured taller than
  // guessed), else keep the anchor message where the reader saw it (rows above it measured,
  // a page prepended); load older messages when the list does not fill.
  useBrowserLayoutEffect(() => {
    const element = scrollRef.current;
    if (!element || !initialized.current) return;
    if (stick.current) {
      if (element.scrollHeight - element.scrollTop - element.clientHeight > 1) {
        virtualizer.scrollToEnd();
      }
    } else if (!jumping.current) {
      const kept = anchor.current;
      const row = kept ? rowElement(element, kept.key) : undefined;
      if (kept && Math.abs(element.scrollTop - kept.scrollTop) >= 1) {
        // The reader moved (a commit came before their scroll event): theirs is the new place.
        recordAnchor();
      } else if (kept && row) {
        const viewportTop = element.getBoundingClientRect().top + element.clientTop;
        const drift = anchorTop(row) - viewportTop - kept.top;
        if (Math.abs(drift) > 0.5) writeScrollTop(element.scrollTop + drift);
      } else if (!kept) recordAnchor();
    }
    syncBottom();
    if (element.scrollTop < element.clientHeight) maybeLoadOlder();
  });

  // 4. A jump to a message: older pages are loaded until it is there.
  useEffect(() => {
    if (!target) return;
    const index = rows.findIndex(target.match);
    if (index >= 0) {
      stick.current = false;
      jump(() => virtualizer.scrollToIndex(index, { align: target.align }));
      if (target.highlight) setHighlightKey(rows[index]?.key);
      setTarget(undefined);
      return;
    }
    if (!loaded) return;
    const giveUp = () => {
      jumping.current = false;
      setTarget(undefined);
    };
    if (!hasOlder) giveUp();
    else if (!loadingOlder) loadOlder().catch(giveUp);
  }, [target, rows, loaded, hasOlder, loadingOlder, loadOlder, virtualizer, jump]);

  useEffect(() => {
    if (highlightKey === undefined) return;
    const timer = setTimeout(() => setHighlightKey(undefined), 2500);
    return () => clearTimeout(timer);
  }, [highlightKey]);

  const goTo = useCallback((next: ScrollTarget) => {
    stick.current = false;
    jumping.current = true;
    setTarget(next);
  }, []);

  const scrollBy = useCallback(
    (delta: number | 'top' | 'bottom') => {
      if (delta === 'bottom') return scrollToBottom();
      userScrolls();
      stick.current = false;
      const element = scrollRef.current;
      if (!element) return;
      // As the reader's own scroll: the anchor follows.
      element.scrollTop = delta === 'top' ? 0 : element.scrollTop + delta;
    },
    [scrollToBottom, userScrolls],
  );

  return {
    scrollRef,
    virtualizer,
    atBottom,
    newCount,
    highlightKey,
    onScroll,
    userScrolls,
    onWheel,
    scrollToBottom,
    goTo,
    scrollBy,
  };
}
