import type { IMAGE_FORMATS } from './limits';

/** Kind of a message; SYSTEM messages come from the server only. */
export type MessageType = 'TEXT' | 'IMAGE' | 'SYSTEM';

/** Format of an image attachment. */
export type ImageFormat = (typeof IMAGE_FORMATS)[number];

/** An uploaded image the server has vouched for. */
export interface ImageAttachment {
  url: string;
  publicId: string;
  width: number;
  height: number;
  bytes: number;
  format: ImageFormat;
}

/** A stored message. */
export interface Message {
  /** Server id, sortable (UUID v7 or ULID). */
  id: string;
  /** Chosen by the sender's client; idempotency key per sender. */
  clientId: string;
  conversationId: string;
  /** 1, 2, 3... per conversation, gap-free, assigned by the server. */
  seq: number;
  /** `''` or a system id for SYSTEM messages. */
  senderId: string;
  type: MessageType;
  /** TEXT: 1..4000 characters after trim; IMAGE: optional caption (0..1000). */
  content: string;
  /** IMAGE only. */
  attachment?: ImageAttachment;
  /** ISO 8601, server clock. */
  createdAt: string;
  /** When every other member has read it. */
  readAt?: string | null;
}

/** A member of a conversation, with their read pointer. */
export interface Member {
  userId: string;
  displayName: string;
  avatarUrl?: string;
  role?: string;
  lastReadSeq: number;
}

/** What a conversation is about, e.g. `{ type: 'listing', id: 'L-42', title: 'T2 Lyon' }`. */
export interface ConversationSubject {
  type: string;
  id: string;
  title?: string;
}

/** A conversation as seen by the requesting user. */
export interface Conversation {
  id: string;
  subject?: ConversationSubject;
  members: Member[];
  /** The preview. */
  lastMessage?: Message;
  lastSeq: number;
  /** `createdAt` of `lastMessage`, or of the conversation. */
  lastMessageAt: string;
  /** For the requesting user: `lastSeq - own lastReadSeq`, or 1 when marked unread and otherwise 0. */
  unreadCount: number;
  markedUnread: boolean;
}

/** Online status of a user. */
export type PresenceStatus = 'online' | 'offline';

/** A user's presence. */
export interface Presence {
  userId: string;
  status: PresenceStatus;
  /** When the user's last socket left (or now, while online). */
  lastSeen: string;
}

/** A search result. */
export interface SearchHit {
  message: Message;
  /** Matches wrapped in `<mark>`…`</mark>`; no other markup. Render without `innerHTML`. */
  snippet: string;
}

/** A browser push subscription, as `PushSubscription.toJSON()` returns it. */
export interface PushSubscriptionJSON {
  endpoint: string;
  expirationTime?: number | null;
  keys: { p256dh: string; auth: string };
}

/**
 * The JSON a Web Push carries to the app's service worker (encrypted for the subscription): one
 * new message. `body` is absent when the recipient turned previews off (`push:subscribe
 * { previews: false }`).
 */
export interface PushNotificationData {
  /** The sender's display name. */
  title: string;
  /** The text, shortened to `PUSH_PREVIEW_LENGTH` characters; `Photo` for an image without caption. */
  body?: string;
  conversationId: string;
  messageId: string;
  seq: number;
  type: MessageType;
}

/** How the upload service signs requests (set on the Cloudinary account). */
export type UploadSignatureAlgorithm = 'sha1' | 'sha256';

/**
 * What `POST /uploads/sign` returns: everything a client needs to upload one image directly to
 * Cloudinary (or to the reference server's local store, which answers like Cloudinary).
 */
export interface UploadSignature {
  /** POST a multipart form here: `file` plus every entry of `fields`. */
  uploadUrl: string;
  apiKey: string;
  cloudName: string;
  /** Unix seconds; the signature is accepted for an hour after it. */
  timestamp: number;
  signature: string;
  signatureAlgorithm: UploadSignatureAlgorithm;
  /** The uploader's folder; `publicId` lies inside it. */
  folder: string;
  /** The public id the image will get. One signature is good for one image. */
  publicId: string;
  allowedFormats: ImageFormat[];
  /** Largest file accepted, in bytes. */
  maxBytes: number;
  /** When the signature stops being accepted, ms since the epoch. */
  expiresAt: number;
  /** The exact form fields to send with `file` (Cloudinary's names), signature included. */
  fields: Record<string, string>;
}
