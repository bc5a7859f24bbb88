import {
  type Ack,
  type ClientNotifications,
  type RequestEventName,
  type RequestResult,
  ackError,
  ackOk,
} from '@causette/protocol';
import { notificationSchemas, parseClientEvent, requestSchemas } from '@causette/protocol/schemas';
import type { z } from 'zod';
import { ServiceError } from '../../services/errors';
import type { ChatServer, ChatSocket, RateRules, ResolvedDeps } from '../types';

/** What every handler works with for one connected socket. */
export interface HandlerContext {
  io: ChatServer;
  socket: ChatSocket;
  userId: string;
  deps: ResolvedDeps;
  /** Keeps a promise in the server's in-flight set, so `close()` lets it finish. */
  track(work: Promise<unknown>): void;
}

type RequestInput<E extends RequestEventName> = z.output<(typeof requestSchemas)[E]>;
type NotificationName = keyof ClientNotifications;
type NotificationInput<E extends NotificationName> = z.output<(typeof notificationSchemas)[E]>;
type RawListener = (...args: unknown[]) => void;

/** Socket.io's typed `on` cannot take our validating listener (args are unknown until parsed). */
function listen(socket: ChatSocket, event: string, listener: RawListener): void {
  (socket as unknown as { on(event: string, listener: RawListener): void }).on(event, listener);
}

/** Splits socket.io listener args into payload and ack, whatever the client sent. */
export function splitArgs(args: unknown[]): {
  payload: unknown;
  ack?: (response: unknown) => void;
} {
  const last = args.at(-1);
  const ack = typeof last === 'function' ? (last as (response: unknown) => void) : undefined;
  const payload = args.length > 0 && typeof args[0] !== 'function' ? args[0] : undefined;
  return { payload, ack };
}

function reply(ack: ((response: unknown) => void) | undefined, response: Ack<unknown>): void {
  if (!ack) return;
  try {
    ack(response);
  } catch {
    // An ack on a socket that just went away: nothing left to tell.
  }
}

/** Answers a thrown error: refusals as they are, anything else as INTERNAL (logged). */
export function errorAck(ctx: HandlerContext, event: string, error: unknown): Ack<never> {
  if (error instanceof ServiceError) return ackError(error.code, error.message, error.retryAfterMs);
  ctx.deps.logger.error({ err: error, event, userId: ctx.userId }, 'handler failed');
  return ackError('INTERNAL', 'internal error');
}

/**
 * Registers a request handler: validates with the protocol schema (INVALID naming the field),
 * spends the user's rate budget (RATE_LIMITED with retryAfterMs), runs it, and always acks.
 */
export function onRequest<E extends RequestEventName>(
  ctx: HandlerContext,
  event: E,
  handler: (input: RequestInput<E>) => Promise<RequestResult<E>>,
  budget: keyof RateRules = 'requests',
): void {
  listen(ctx.socket, event, (...args) => {
    const { payload, ack } = splitArgs(args);
    const run = async (): Promise<Ack<RequestResult<E>>> => {
      try {
        const parsed = parseClientEvent(requestSchemas[event], payload);
        if (!parsed.ok) return ackError('INVALID', parsed.message);
        const decision = await ctx.deps.rateLimiter.consume(
          `${budget}:${ctx.userId}`,
          ctx.deps.rateRules[budget],
        );
        if (!decision.ok)
          return ackError('RATE_LIMITED', `too many ${budget}, retry later`, decision.retryAfterMs);
        const input = parsed.data as RequestInput<E>;
        return ackOk(await ctx.deps.admission.run(() => handler(input)));
      } catch (error) {
        return errorAck(ctx, event, error);
      }
    };
    ctx.track(run().then((response) => reply(ack, response)));
  });
}

/** Registers a volatile notification (no answer expected): invalid or over-budget ones are dropped. */
export function onNotification<E extends NotificationName>(
  ctx: HandlerContext,
  event: E,
  handler: (input: NotificationInput<E>) => Promise<void>,
): void {
  listen(ctx.socket, event, (...args) => {
    const { payload, ack } = splitArgs(args);
    const run = async (): Promise<Ack<Record<string, never>>> => {
      try {
        const parsed = parseClientEvent(notificationSchemas[event], payload);
        if (!parsed.ok) return ackError('INVALID', parsed.message);
        const decision = await ctx.deps.rateLimiter.consume(
          `typing:${ctx.userId}`,
          ctx.deps.rateRules.typing,
        );
        if (decision.ok) await handler(parsed.data as NotificationInput<E>);
        return ackOk({});
      } catch (error) {
        return errorAck(ctx, event, error);
      }
    };
    ctx.track(run().then((response) => reply(ack, response)));
  });
}

/** Known event names; anything else that asks for an answer gets INVALID. */
const KNOWN = new Set<string>([
  ...Object.keys(requestSchemas),
  ...Object.keys(notificationSchemas),
]);

export function answerUnknownEvents(ctx: HandlerContext): void {
  ctx.socket.onAny((event: unknown, ...args: unknown[]) => {
    if (typeof event === 'string' && KNOWN.has(event)) return;
    const { ack } = splitArgs(args);
    reply(ack, ackError('INVALID', `unknown event ${String(event).slice(0, 64)}`));
  });
}
