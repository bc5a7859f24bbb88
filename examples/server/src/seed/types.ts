import type { ConversationSubject, MessageType } from '@causette/protocol';

/** The marketplace's two sides: advertisers publish listings on behalf of owners. */
export type SeedRole = 'advertiser' | 'owner';

/** A demo user; ids are stable so demos and tests can name them. */
export interface SeedUser {
  id: string;
  displayName: string;
  avatarUrl?: string;
  role: SeedRole;
  /** For the seeded presence: how long before `now` the user was last seen. */
  lastSeenMinutesAgo: number;
}

/** A demo listing (annonce). */
export interface SeedListing {
  id: string;
  title: string;
  city: string;
  /** Monthly rent in euros. */
  rentEur: number;
  advertiserId: string;
  ownerId: string;
}

/** A stored message of the demo data, shaped like the protocol's `Message`. */
export interface SeedMessage {
  /** UUID v7, stable across runs, sortable within its conversation. */
  id: string;
  /** UUID v4, stable across runs. */
  clientId: string;
  conversationId: string;
  seq: number;
  /** `''` for SYSTEM messages. */
  senderId: string;
  type: MessageType;
  content: string;
  /** ISO 8601, relative to the `now` the seed was built for. */
  createdAt: string;
  /** Set when every other member has read it. */
  readAt: string | null;
}

/** A member's read state in a conversation. */
export interface SeedMember {
  userId: string;
  lastReadSeq: number;
  markedUnread: boolean;
}

/** A demo conversation with its whole history. */
export interface SeedConversation {
  /** UUID, stable across runs. */
  id: string;
  /** A readable handle for demos and tests, e.g. `lyon-t2`. */
  key: string;
  subject: ConversationSubject;
  members: SeedMember[];
  /** ISO 8601. */
  createdAt: string;
  /** Oldest first, `seq` 1, 2, 3... */
  messages: SeedMessage[];
}

/** A seeded `UserPresence` row: nobody is online until they connect. */
export interface SeedPresence {
  userId: string;
  isOnline: false;
  /** ISO 8601. */
  lastSeen: string;
}
