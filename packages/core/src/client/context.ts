import { ChatError } from '../errors';
import type { Connection } from '../connection/connection';
import type { Logger } from '../connection/types';
import type { EventHub } from '../events/event-hub';
import type { ChatClientEvents } from '../events/types';
import { toChatError } from '../outbox/to-chat-error';
import type { Store } from '../store/create-store';
import type { ChatState } from '../store/types';
import type { RequestFn } from '../sync/synchronizer';

/** What every wiring module of the client shares. */
export interface ClientContext {
  readonly store: Store<ChatState>;
  readonly connection: Connection;
  readonly emitter: EventHub<ChatClientEvents>;
  readonly request: RequestFn;
  readonly logger?: Logger;
  /** The signed-in user's id, once known from the token. */
  userId(): string | undefined;
}

/** Reports a background failure: logged, and emitted as an `error` event. */
export function report(ctx: ClientContext, error: unknown, what: string): void {
  const chatError = toChatError(error);
  ctx.logger?.warn(`causette: ${what} failed: ${chatError.message}`, chatError);
  ctx.emitter.emit('error', chatError);
}

/** Throws ChatError('INVALID') unless `value` is a non-empty string. */
export function requireId(value: unknown, name: string): asserts value is string {
  if (typeof value !== 'string' || value === '') {
    throw new ChatError('INVALID', `${name} must be a non-empty string`);
  }
}
