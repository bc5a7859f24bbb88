import type { Message } from '@causette/protocol';
import { messages } from '../db/schema';

/** The message columns the wire needs (never the search vector). */
export const messageColumns = {
  id: messages.id,
  clientId: messages.clientId,
  conversationId: messages.conversationId,
  seq: messages.seq,
  senderId: messages.senderId,
  type: messages.type,
  content: messages.content,
  attachment: messages.attachment,
  createdAt: messages.createdAt,
  readAt: messages.readAt,
};

export type MessageRow = {
  id: string;
  clientId: string;
  conversationId: string;
  seq: number;
  senderId: string;
  type: Message['type'];
  content: string;
  attachment: Message['attachment'] | null;
  createdAt: Date;
  readAt: Date | null;
};

/** A stored message as PROTOCOL.md shapes it. */
export function toMessage(row: MessageRow): Message {
  const message: Message = {
    id: row.id,
    clientId: row.clientId,
    conversationId: row.conversationId,
    seq: row.seq,
    senderId: row.senderId,
    type: row.type,
    content: row.content,
    createdAt: new Date(row.createdAt).toISOString(),
    readAt: row.readAt ? new Date(row.readAt).toISOString() : null,
  };
  if (row.attachment) message.attachment = row.attachment;
  return message;
}
