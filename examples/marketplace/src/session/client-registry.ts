import type { ChatClient } from '@causette/core';
import { createDemoClient } from './chat-client';
import type { Session } from './session';

// One client per page for the signed-in user, kept outside React so that StrictMode's double
// mount, or a remount, never opens a second connection and outbox for the same person.
let current: { userId: string; client: ChatClient } | undefined;

/** The signed-in user's client, made on first use. Another user's client is destroyed first. */
export function clientFor(session: Session): ChatClient {
  if (current?.userId !== session.userId) {
    current?.client.destroy();
    current = { userId: session.userId, client: createDemoClient(session) };
  }
  return current.client;
}

/** Signs the page out of the chat: the connection, timers and IndexedDB handle go. */
export function releaseClient(): void {
  current?.client.destroy();
  current = undefined;
}
