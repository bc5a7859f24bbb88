import type { MessageRow } from './mappers';

/**
 * A `messages` row as raw SQL returns it (snake_case; PGlite and `pg` differ on dates, bigints and
 * jsonb), for the queries drizzle's builder cannot express.
 */
export interface RawMessageRow {
  id: string;
  client_id: string;
  conversation_id: string;
  seq: number;
  sender_id: string;
  type: MessageRow['type'];
  content: string;
  attachment: MessageRow['attachment'];
  created_at: Date | string;
  read_at: Date | string | null;
}

/** The row in the shape drizzle's typed queries return. */
export function fromRawMessage(row: RawMessageRow): MessageRow {
  return {
    id: row.id,
    clientId: row.client_id,
    conversationId: row.conversation_id,
    seq: Number(row.seq),
    senderId: row.sender_id,
    type: row.type,
    content: row.content,
    attachment: typeof row.attachment === 'string' ? JSON.parse(row.attachment) : row.attachment,
    createdAt: new Date(row.created_at),
    readAt: row.read_at === null ? null : new Date(row.read_at),
  };
}
