import type { Db } from '../db/connection';
import { type ConversationsService, createConversationsService } from './conversations.service';
import { type MessagesService, createMessagesService } from './messages.service';
import { type PresenceService, createPresenceService } from './presence.service';
import { type PushService, createPushService } from './push.service';
import { type ReadStateService, createReadStateService } from './read-state.service';
import { type SearchService, createSearchService } from './search.service';
import { type UsersService, createUsersService } from './users.service';

/** Every domain service over one database: what the socket layer works with. */
export interface Store {
  users: UsersService;
  conversations: ConversationsService;
  messages: MessagesService;
  readState: ReadStateService;
  search: SearchService;
  presence: PresenceService;
  push: PushService;
}

/** How the services use the database: what suits its kind. */
export interface StoreOptions {
  /**
   * Statements storing messages at once (`MESSAGE_WRITER_CONCURRENCY` of message-writer.ts);
   * 1 by default.
   */
  messageWriterConcurrency?: number;
}

export function createStore(db: Db, options: StoreOptions = {}): Store {
  const users = createUsersService(db);
  const conversations = createConversationsService(db, users);
  return {
    users,
    conversations,
    messages: createMessagesService(db, conversations, {
      writerConcurrency: options.messageWriterConcurrency,
    }),
    readState: createReadStateService(db),
    search: createSearchService(db, conversations),
    presence: createPresenceService(db),
    push: createPushService(db),
  };
}
