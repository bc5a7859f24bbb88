import type {
  Conversation,
  ConversationSubject,
  Member,
  Message,
  PushSubscriptionJSON,
} from '@causette/protocol';
import { notAMember } from './errors';
import { createIdGenerator } from './ids';

/** A user the mock knows (from the `users` option, or added later). */
export interface UserRecord {
  id: string;
  displayName: string;
  avatarUrl?: string;
  role?: string;
  /** ms since the epoch: the `lastSeen` of a user never seen online. */
  createdAt: number;
}

/** One member's read state in a conversation. */
export interface MemberRecord {
  userId: string;
  lastReadSeq: number;
  markedUnread: boolean;
}

/** A stored conversation with its whole history, `messages[i].seq === i + 1`. */
export interface ConversationRecord {
  id: string;
  /** Same members and subject give the same key (`conversation:open` is idempotent on it). */
  key: string;
  subject?: ConversationSubject;
  members: MemberRecord[];
  messages: Message[];
  /** ms since the epoch. */
  createdAt: number;
  /** ms since the epoch: `createdAt` of the last message, or of the conversation. */
  lastMessageAt: number;
}

/** A user's stored presence: online from their first socket until the offline grace ends. */
export interface PresenceRecord {
  online: boolean;
  /** ms since the epoch. */
  lastSeen: number;
}

/** Unread count of one member (PROTOCOL.md): behind their pointer, at least 1 when marked unread. */
export function unreadCount(lastSeq: number, lastReadSeq: number, markedUnread: boolean): number {
  const behind = Math.max(0, lastSeq - lastReadSeq);
  return markedUnread ? Math.max(1, behind) : behind;
}

/** The key `conversation:open` is idempotent on: sorted member ids, subject type and id. */
export function memberKey(memberIds: readonly string[], subject?: ConversationSubject): string {
  return JSON.stringify([[...memberIds].sort(), subject?.type ?? null, subject?.id ?? null]);
}

function copyMessage(message: Message): Message {
  const copy = { ...message };
  if (message.attachment) copy.attachment = { ...message.attachment };
  return copy;
}

/** The in-memory data of a mock server and the reads every handler shares. */
export class ChatStore {
  readonly users = new Map<string, UserRecord>();
  readonly conversations = new Map<string, ConversationRecord>();
  /** `senderId \0 clientId` → message: `message:send` is idempotent on it. */
  readonly byClientId = new Map<string, Message>();
  readonly presence = new Map<string, PresenceRecord>();
  /** endpoint → owner and subscription. */
  readonly push = new Map<string, { userId: string; subscription: PushSubscriptionJSON }>();
  readonly newId: (at?: number) => string;

  constructor(readonly now: () => number) {
    this.newId = createIdGenerator(now);
  }

  /** The clock as the wire writes it. */
  iso(ms: number = this.now()): string {
    return new Date(ms).toISOString();
  }

  /** The conversation if `userId` is a member, else FORBIDDEN (also when it does not exist). */
  membership(userId: string, conversationId: string): ConversationRecord {
    const conversation = this.conversations.get(conversationId);
    if (!conversation || !conversation.members.some((m) => m.userId === userId)) throw notAMember();
    return conversation;
  }

  member(conversation: ConversationRecord, userId: string): MemberRecord {
    const member = conversation.members.find((m) => m.userId === userId);
    if (!member) throw notAMember();
    return member;
  }

  memberIds(conversationId: string): string[] {
    return this.conversations.get(conversationId)?.members.map((m) => m.userId) ?? [];
  }

  conversationsOf(userId: string): ConversationRecord[] {
    return [...this.conversations.values()].filter((c) =>
      c.members.some((m) => m.userId === userId),
    );
  }

  lastSeq(conversation: ConversationRecord): number {
    return conversation.messages.length;
  }

  unreadOf(conversation: ConversationRecord, userId: string): number {
    const member = this.member(conversation, userId);
    return unreadCount(this.lastSeq(conversation), member.lastReadSeq, member.markedUnread);
  }

  /** Unread total over every conversation of `userId`. */
  totalUnread(userId: string): number {
    return this.conversationsOf(userId).reduce((sum, c) => sum + this.unreadOf(c, userId), 0);
  }

  /** A copy of a stored message, safe to hand out. */
  copy(message: Message): Message {
    return copyMessage(message);
  }

  /** The conversation as `userId` sees it on the wire. */
  view(conversation: ConversationRecord, userId: string): Conversation {
    const own = this.member(conversation, userId);
    const members = conversation.members.map((record): Member => {
      const user = this.users.get(record.userId);
      const member: Member = {
        userId: record.userId,
        displayName: user?.displayName ?? record.userId,
        lastReadSeq: record.lastReadSeq,
      };
      if (user?.avatarUrl) member.avatarUrl = user.avatarUrl;
      if (user?.role) member.role = user.role;
      return member;
    });
    const lastSeq = this.lastSeq(conversation);
    const view: Conversation = {
      id: conversation.id,
      members,
      lastSeq,
      lastMessageAt: this.iso(conversation.lastMessageAt),
      unreadCount: unreadCount(lastSeq, own.lastReadSeq, own.markedUnread),
      markedUnread: own.markedUnread,
    };
    if (conversation.subject) view.subject = { ...conversation.subject };
    const last = conversation.messages.at(-1);
    if (last) view.lastMessage = copyMessage(last);
    return view;
  }

  /** Users who share at least one conversation with `userId` (not `userId`). */
  contacts(userId: string): string[] {
    const ids = new Set<string>();
    for (const conversation of this.conversationsOf(userId))
      for (const member of conversation.members)
        if (member.userId !== userId) ids.add(member.userId);
    return [...ids];
  }

  /** The ids among `ids` that `userId` may ask about: themselves and their contacts. */
  sharing(userId: string, ids: readonly string[]): Set<string> {
    const contacts = new Set(this.contacts(userId));
    return new Set(ids.filter((id) => id === userId || contacts.has(id)));
  }

  /**
   * After a member's pointer moved from `fromSeq` to `toSeq`, stamps `readAt` on the messages in
   * that range that every member other than their sender has now read.
   */
  markReadUpTo(conversation: ConversationRecord, fromSeq: number, toSeq: number): void {
    if (toSeq <= fromSeq) return;
    const at = this.iso();
    for (const message of conversation.messages.slice(fromSeq, toSeq)) {
      if (message.readAt) continue;
      const everyone = conversation.members.every(
        (m) => m.userId === message.senderId || m.lastReadSeq >= message.seq,
      );
      if (everyone) message.readAt = at;
    }
  }
}
