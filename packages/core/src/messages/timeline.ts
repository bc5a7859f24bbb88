import type { Message } from '@causette/protocol';
import type { DisplayMessage, MessageWindow, PendingMessage, SeqRange, SentMessage } from './types';

const NO_MESSAGES: readonly never[] = Object.freeze([]);

/** A window nothing was loaded into yet. */
export const EMPTY_WINDOW: MessageWindow = Object.freeze({
  items: NO_MESSAGES,
  sent: NO_MESSAGES,
  held: NO_MESSAGES,
  pending: NO_MESSAGES,
  loaded: false,
  hasOlder: false,
  loadingOlder: false,
});

function asSent(message: Message): SentMessage {
  return { ...message, status: 'sent' };
}

function sameStored(a: Message, b: Message): boolean {
  return a.id === b.id && (a.readAt ?? null) === (b.readAt ?? null);
}

/** Derives `items` and `hasOlder`, keeping the window's reference when nothing changed. */
function finish(
  base: MessageWindow,
  sent: readonly SentMessage[],
  held: readonly Message[],
  pending: readonly PendingMessage[],
  loaded: boolean,
): MessageWindow {
  if (
    sent === base.sent &&
    held === base.held &&
    pending === base.pending &&
    loaded === base.loaded
  ) {
    return base;
  }
  const items = visibleItems(sent, pending);
  const first = sent[0];
  return {
    items,
    sent,
    held,
    pending,
    loaded,
    hasOlder: first !== undefined && first.seq > 1,
    loadingOlder: base.loadingOlder,
  };
}

function visibleItems(
  sent: readonly SentMessage[],
  pending: readonly PendingMessage[],
): readonly DisplayMessage[] {
  if (pending.length === 0) return sent;
  // A stored message replaces its pending twin (same sender, same clientId) once it is visible.
  const stored = new Set(sent.map((m) => `${m.senderId}\u0000${m.clientId}`));
  const shown = pending.filter((p) => !stored.has(`${p.senderId}\u0000${p.clientId}`));
  return shown.length === 0 ? sent : [...sent, ...shown];
}

/**
 * Gathers `held` and `incoming` into `sent`: the visible run grows up and down through every
 * consecutive seq available, the rest stays held. `floor` is the seq the run continues from when
 * `sent` is empty. Duplicates (same seq) are dropped; a newer copy of a shown message (e.g. its
 * `readAt` set) replaces it.
 */
function gather(
  window: MessageWindow,
  incoming: readonly Message[],
  floor: number,
): { sent: readonly SentMessage[]; held: readonly Message[] } {
  let sent = window.sent;
  const first = sent[0];
  const lo = first ? first.seq : floor + 1;
  const hi = first ? lo + sent.length - 1 : floor;
  const spare = new Map<number, Message>();
  for (const message of window.held) spare.set(message.seq, message);
  let changedHeld = false;
  for (const message of incoming) {
    if (!isUsable(message, window)) continue;
    if (message.seq >= lo && message.seq <= hi) {
      const index = message.seq - lo;
      const current = sent[index];
      if (current && current.id === message.id && !sameStored(current, message)) {
        if (sent === window.sent) sent = [...sent];
        (sent as SentMessage[])[index] = asSent(message);
      }
      continue;
    }
    const known = spare.get(message.seq);
    if (!known || (known.id === message.id && !sameStored(known, message))) {
      spare.set(message.seq, message);
      changedHeld = true;
    }
  }
  if (!changedHeld) return { sent, held: window.held };
  const below: SentMessage[] = [];
  for (let seq = lo - 1; spare.has(seq); seq--) {
    below.unshift(asSent(spare.get(seq) as Message));
    spare.delete(seq);
  }
  const above: SentMessage[] = [];
  for (let seq = hi + 1; spare.has(seq); seq++) {
    above.push(asSent(spare.get(seq) as Message));
    spare.delete(seq);
  }
  if (below.length > 0 || above.length > 0) sent = [...below, ...sent, ...above];
  const held = [...spare.values()].sort((a, b) => a.seq - b.seq);
  return { sent, held };
}

function isUsable(message: Message, window: MessageWindow): boolean {
  if (!Number.isSafeInteger(message.seq) || message.seq < 1) return false;
  const other = window.sent[0] ?? window.held[0];
  return other === undefined || other.conversationId === message.conversationId;
}

/**
 * Applies messages (a `message:new`, a `sync` batch, a history page) to a loaded window, in any
 * order and with any duplicates: the result depends only on the set of messages received. An
 * unloaded window is returned unchanged (it is filled by {@link applyLatestPage} first).
 */
export function mergeMessages(window: MessageWindow, messages: readonly Message[]): MessageWindow {
  if (!window.loaded || messages.length === 0) return window;
  const { sent, held } = gather(window, messages, 0);
  return finish(window, sent, held, window.pending, true);
}

/**
 * Loads the latest page into a window: the visible run is the one ending at the highest seq
 * received, older pages are then added with {@link mergeMessages}. An empty page means the
 * conversation has no message yet.
 */
export function applyLatestPage(window: MessageWindow, page: readonly Message[]): MessageWindow {
  if (window.loaded) return mergeMessages(window, page);
  const all = [...window.held, ...page];
  let top = 0;
  for (const message of all) if (message.seq > top) top = message.seq;
  const start = { ...EMPTY_WINDOW, pending: window.pending, loadingOlder: window.loadingOlder };
  const { sent, held } = gather(start, all, top === 0 ? 0 : top - 1);
  // gather() grows the run down from `top` through every consecutive seq.
  return finish({ ...window, loaded: false }, sent, held, window.pending, true);
}

/** Replaces the pending messages of a window (the outbox's view of that conversation). */
export function setPending(
  window: MessageWindow,
  pending: readonly PendingMessage[],
): MessageWindow {
  return finish(window, window.sent, window.held, pending, window.loaded);
}

/** Sets whether an older page is being fetched. */
export function setLoadingOlder(window: MessageWindow, loadingOlder: boolean): MessageWindow {
  return window.loadingOlder === loadingOlder ? window : { ...window, loadingOlder };
}

/** The last seq shown, or 0 when nothing is. */
export function lastSeq(window: MessageWindow): number {
  const last = window.sent[window.sent.length - 1];
  return last ? last.seq : 0;
}

/** The first seq shown, or 0 when nothing is. */
export function firstSeq(window: MessageWindow): number {
  return window.sent[0]?.seq ?? 0;
}

/**
 * The gaps between what is shown and what is held beyond it: each range is the
 * `message:history { afterSeq, beforeSeq }` that fetches it.
 */
export function missingRanges(window: MessageWindow): SeqRange[] {
  if (!window.loaded) return [];
  const ranges: SeqRange[] = [];
  let previous = lastSeq(window);
  for (const message of window.held) {
    if (message.seq <= previous) continue;
    if (message.seq > previous + 1) ranges.push({ afterSeq: previous, beforeSeq: message.seq });
    previous = message.seq;
  }
  return ranges;
}
