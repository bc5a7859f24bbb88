import type {
  RequestEventName,
  RequestPayload,
  RequestResult,
  ServerEventName,
  ServerEventPayloads,
} from '@causette/protocol';
import type { MockConnection } from '../connection';
import type { PresenceTracker } from '../presence';
import type { ChatStore } from '../state/store';

/** What every handler works with. */
export interface HandlerContext {
  store: ChatStore;
  presence: PresenceTracker;
  /** Sends `event` to every connected socket of `userIds`, except `except`. */
  emitToUsers<E extends ServerEventName>(
    userIds: Iterable<string>,
    event: E,
    payload: ServerEventPayloads[E],
    except?: MockConnection,
  ): void;
}

/** A handler's view of one request: who sent it, on which socket. */
export interface RequestContext extends HandlerContext {
  userId: string;
  /** `null` when a test control acts as the user (`sendAs`). */
  connection: MockConnection | null;
}

/** A request handler: validated input in, ack data out; throws MockServiceError to refuse. */
export type RequestHandler<E extends RequestEventName> = (
  ctx: RequestContext,
  input: RequestPayload<E>,
) => RequestResult<E>;

/** One handler per request event. */
export type RequestHandlers = { [E in RequestEventName]: RequestHandler<E> };

/** Sends each user their unread total with this conversation's count, on all their sockets. */
export function pushUnreadCounts(
  ctx: HandlerContext,
  conversationId: string,
  userIds: readonly string[],
): void {
  const conversation = ctx.store.conversations.get(conversationId);
  if (!conversation) return;
  for (const userId of userIds) {
    ctx.emitToUsers([userId], 'unread:count', {
      count: ctx.store.totalUnread(userId),
      conversationId,
      conversationUnread: ctx.store.unreadOf(conversation, userId),
    });
  }
}
