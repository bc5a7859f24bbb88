import type { ChatErrorCode } from '../errors';
import type { ImageAttachment, Message } from '@causette/protocol';

/** A message the server stored, as shown. */
export interface SentMessage extends Message {
  status: 'sent';
}

/** Delivery state of a message not yet stored by the server. */
export type PendingStatus = 'pending' | 'sending' | 'failed';

/** A message still in the outbox: shown after the sent ones, in creation order. */
export interface PendingMessage {
  /** The idempotency key it is (re)sent under; stable across retries and reloads. */
  clientId: string;
  conversationId: string;
  senderId: string;
  type: 'TEXT' | 'IMAGE';
  content: string;
  /** Set once the image is uploaded. */
  attachment?: ImageAttachment;
  /** ISO 8601, client clock. */
  createdAt: string;
  status: PendingStatus;
  /** Why it failed (the server's code and message), with `status: 'failed'`. */
  error?: { code: ChatErrorCode; message: string };
  /** The image waiting to be uploaded (for a local preview with `URL.createObjectURL`). */
  image?: Blob;
  /** Upload progress of an image message, in bytes. */
  upload?: { loaded: number; total: number };
}

/** A message as a list shows it. */
export type DisplayMessage = SentMessage | PendingMessage;

/** Whether `message` is stored by the server. */
export function isSentMessage(message: DisplayMessage): message is SentMessage {
  return message.status === 'sent';
}

/**
 * The loaded part of one conversation. `sent` is always a gap-free run of `seq`; messages that
 * arrive beyond a gap wait in `held` until the gap is fetched, so the list never shows a hole.
 */
export interface MessageWindow {
  /** What a list shows: `sent` by seq, then `pending` not yet matched by a sent one. */
  readonly items: readonly DisplayMessage[];
  /** Stored messages, consecutive seqs, ascending. */
  readonly sent: readonly SentMessage[];
  /** Received messages not adjacent to `sent` (waiting for a gap to be filled), ascending. */
  readonly held: readonly Message[];
  /** Outbox messages of this conversation, in creation order. */
  readonly pending: readonly PendingMessage[];
  /** Whether a first page was fetched: only then are incoming messages applied. */
  readonly loaded: boolean;
  /** Whether messages older than the first loaded one exist. */
  readonly hasOlder: boolean;
  /** Whether an older page is being fetched. */
  readonly loadingOlder: boolean;
}

/** A stretch of missing seqs, as `message:history` takes it (both bounds exclusive). */
export interface SeqRange {
  afterSeq: number;
  beforeSeq: number;
}
