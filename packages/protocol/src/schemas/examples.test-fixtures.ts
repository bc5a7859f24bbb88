// Wire examples shaped as PROTOCOL.md describes them, shared by the schema tests.
import type { Conversation, ImageAttachment, Message } from '../types';

export const attachment: ImageAttachment = {
  url: 'https://res.cloudinary.com/demo/image/upload/v1712345678/causette/kitchen.jpg',
  publicId: 'causette/kitchen',
  width: 1600,
  height: 1200,
  bytes: 245_112,
  format: 'jpg',
};

export const textMessage: Message = {
  id: '0192f3a4-7b1c-7cc2-9a4e-2b0f6f1d3e55',
  clientId: '5b0e2f1c-3a4d-4e8f-9b2a-1c2d3e4f5a6b',
  conversationId: 'c-1',
  seq: 1,
  senderId: 'u-alice',
  type: 'TEXT',
  content: 'Bonjour, le T2 est-il toujours disponible ?',
  createdAt: '2026-11-25T09:30:00.000Z',
  readAt: null,
};

export const imageMessage: Message = {
  ...textMessage,
  id: '0192f3a4-7b1c-7cc2-9a4e-2b0f6f1d3e56',
  clientId: '6b0e2f1c-3a4d-4e8f-9b2a-1c2d3e4f5a6c',
  seq: 2,
  type: 'IMAGE',
  content: 'La cuisine',
  attachment,
  readAt: '2026-11-25T09:31:00.000Z',
};

export const systemMessage: Message = {
  ...textMessage,
  id: '0192f3a4-7b1c-7cc2-9a4e-2b0f6f1d3e57',
  clientId: '',
  seq: 3,
  senderId: '',
  type: 'SYSTEM',
  content: 'Bruno a rejoint la conversation',
};

export const conversation: Conversation = {
  id: 'c-1',
  subject: { type: 'listing', id: 'L-42', title: 'T2 Lyon' },
  members: [
    { userId: 'u-alice', displayName: 'Alice', role: 'advertiser', lastReadSeq: 2 },
    {
      userId: 'u-bruno',
      displayName: 'Bruno',
      avatarUrl: 'https://example.com/b.png',
      role: 'owner',
      lastReadSeq: 0,
    },
  ],
  lastMessage: imageMessage,
  lastSeq: 2,
  lastMessageAt: imageMessage.createdAt,
  unreadCount: 0,
  markedUnread: false,
};
