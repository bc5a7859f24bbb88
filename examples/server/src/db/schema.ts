// Tables of the reference server (the seed's Prisma models plus conversations and members).
// drizzle-kit generates the migrations in ../../drizzle from this file: `pnpm db:generate`.
import type { ImageAttachment } from '@causette/protocol';
import { type SQL, sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  customType,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

const tsvector = customType<{ data: string }>({
  dataType: () => 'tsvector',
});

// Millisecond precision: a JS Date round-trips exactly, so keyset cursors never repeat a row.
const timestamps = {
  createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
};

export const messageType = pgEnum('message_type', ['TEXT', 'IMAGE', 'SYSTEM']);

export const users = pgTable('users', {
  /** The JWT `sub`. */
  id: text('id').primaryKey(),
  displayName: text('display_name').notNull(),
  avatarUrl: text('avatar_url'),
  role: text('role'),
  /** Whether Web Pushes to this user carry the message text (`push:subscribe { previews }`). */
  pushPreviews: boolean('push_previews').notNull().default(true),
  ...timestamps,
  updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
});

export const userPresence = pgTable('user_presence', {
  id: uuid('id').primaryKey().defaultRandom(),
  userId: text('user_id')
    .notNull()
    .unique()
    .references(() => users.id, { onDelete: 'cascade' }),
  isOnline: boolean('is_online').notNull().default(false),
  lastSeen: timestamp('last_seen', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  socketId: text('socket_id'),
});

export const conversations = pgTable(
  'conversations',
  {
    id: uuid('id').primaryKey(),
    subjectType: text('subject_type'),
    subjectId: text('subject_id'),
    subjectTitle: text('subject_title'),
    /** Hash of the sorted member ids and the subject: makes `conversation:open` idempotent. */
    memberKey: text('member_key').notNull(),
    lastSeq: integer('last_seq').notNull().default(0),
    lastMessageAt: timestamp('last_message_at', { withTimezone: true, precision: 3 })
      .notNull()
      .defaultNow(),
    ...timestamps,
  },
  (t) => [uniqueIndex('conversations_member_key_unique').on(t.memberKey)],
);

export const conversationMembers = pgTable(
  'conversation_members',
  {
    conversationId: uuid('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    lastReadSeq: integer('last_read_seq').notNull().default(0),
    markedUnread: boolean('marked_unread').notNull().default(false),
    joinedAt: timestamp('joined_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.conversationId, t.userId] }),
    // The caller's conversations (list, search, totals) start from here.
    index('conversation_members_user_idx').on(t.userId, t.conversationId),
  ],
);

export const messages = pgTable(
  'messages',
  {
    id: uuid('id').primaryKey(),
    clientId: text('client_id').notNull(),
    conversationId: uuid('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    seq: integer('seq').notNull(),
    senderId: text('sender_id').notNull(),
    type: messageType('type').notNull().default('TEXT'),
    content: text('content').notNull(),
    attachment: jsonb('attachment').$type<ImageAttachment>(),
    ...timestamps,
    readAt: timestamp('read_at', { withTimezone: true, precision: 3 }),
    // French stems and plain words, both accent-free (configurations made in the first migration).
    searchVector: tsvector('search_vector').generatedAlwaysAs(
      (): SQL =>
        sql`to_tsvector('causette_fr'::regconfig, "content") || to_tsvector('causette_simple'::regconfig, "content")`,
    ),
  },
  (t) => [
    // History pages, sync and the seq uniqueness all ride on this one.
    uniqueIndex('messages_conversation_seq_unique').on(t.conversationId, t.seq),
    uniqueIndex('messages_sender_client_unique').on(t.senderId, t.clientId),
    // Finding messages whose readAt is still to set stays cheap on long conversations.
    // Search walks a user's conversations newest first, a slice of time at a time.
    index('messages_conversation_created_idx').on(t.conversationId, t.createdAt),
    index('messages_unread_idx')
      .on(t.conversationId, t.seq)
      .where(sql`${t.readAt} IS NULL`),
    // fastupdate off: the pending list's cleanup stalled an insert for 100+ ms every few thousand
    // messages (PGlite and PostgreSQL alike); updating the index in place costs a little on each.
    index('messages_search_idx').using('gin', t.searchVector).with({ fastupdate: false }),
  ],
);

export const pushSubscriptions = pgTable(
  'push_subscriptions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    endpoint: text('endpoint').notNull().unique(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    keys: jsonb('keys').$type<{ p256dh: string; auth: string }>().notNull(),
    /** Milliseconds since the epoch, as `PushSubscription.expirationTime`. */
    expirationTime: bigint('expiration_time', { mode: 'number' }),
    ...timestamps,
  },
  (t) => [index('push_subscriptions_user_idx').on(t.userId)],
);

export const schema = {
  users,
  userPresence,
  conversations,
  conversationMembers,
  messages,
  pushSubscriptions,
  messageType,
};
export type Schema = typeof schema;
