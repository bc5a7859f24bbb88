import type { Conversation, Message } from '@causette/protocol';
import type { ConnectionSnapshot } from '../connection/types';
import type { ChatError } from '../errors';

/** A message from someone else the user is not looking at (other conversation or hidden tab). */
export interface ChatNotification {
  message: Message;
  /** The conversation, when known. */
  conversation?: Conversation;
  /** Whether the tab was hidden (a browser notification is then in order). */
  hidden: boolean;
}

/** Events of a ChatClient: `client.on(name, listener)`. */
export interface ChatClientEvents {
  /** Every new stored message seen live (`message:new` and own acks). */
  message: (message: Message) => void;
  /** A new message from someone else, outside the conversation in view. */
  notification: (notification: ChatNotification) => void;
  /** The connection state changed. */
  connection: (state: ConnectionSnapshot) => void;
  /** Something failed in the background (a send marked failed, a sync, storage). */
  error: (error: ChatError) => void;
  /** A message failed for good (`retryMessage` or `discardMessage` it). */
  'message:failed': (clientId: string, error: ChatError) => void;
}

/** Names of the events a ChatClient emits. */
export type ChatClientEventName = keyof ChatClientEvents;
