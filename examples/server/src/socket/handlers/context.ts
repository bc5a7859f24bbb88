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
import { summarizeError } from '../../logger';
import { ServiceError } from '../../services/errors';
import type { RateDecision } from '../rate-limiter';
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
  // A summary, not the error: its message, stack header and fields (a failed query's params,
  // PostgreSQL's `detail`) can quote the user's input.
  ctx.deps.logger.error(
    { err: summarizeError(error), event, userId: ctx.userId },
    'handler failed',
  );
  return ackError('INTERNAL', 'internal error');
}

type AckCallback = (response: unknown) => void;
type Answer = Ack<unknown> | Promise<Ack<unknown>>;

/**
 * Counts the answer in the metrics, then acks it. A module function, not one more closure made
 * per request: in a micro-benchmark of this path that closure cost more than the metrics did.
 */
function answer(
  ctx: HandlerContext,
  event: string,
  startedAt: number,
  ack: AckCallback | undefined,
  response: Ack<unknown>,
): void {
  ctx.deps.metrics.answered(event, startedAt, response);
  reply(ack, response);
}

/**
 * Spends one unit of the user's `budget`, then answers with `work`. The budget is charged before
 * the payload is read: every request costs, invalid and unknown ones too, so a flood of garbage
 * is refused like a flood of valid requests. A refusal does no work and writes no log; with a
 * limiter that decides synchronously it costs no promise either. Every answer is counted in the
 * metrics (latency by event, error codes, refusals by budget).
 */
function charged(
  ctx: HandlerContext,
  event: string,
  budget: keyof RateRules,
  ack: AckCallback | undefined,
  work: () => Answer,
): void {
  const startedAt = performance.now();
  const fail = (error: unknown) => answer(ctx, event, startedAt, ack, errorAck(ctx, event, error));
  const settle = (decision: RateDecision): void => {
    if (!decision.ok) {
      ctx.deps.metrics.rateLimited(budget);
      const refusal = ackError(
        'RATE_LIMITED',
        `too many ${budget}, retry later`,
        decision.retryAfterMs,
      );
      answer(ctx, event, startedAt, ack, refusal);
      return;
    }
    let response: Answer;
    try {
      response = work();
    } catch (error) {
      response = errorAck(ctx, event, error);
    }
    if (response instanceof Promise) {
      ctx.track(response.then((settled) => answer(ctx, event, startedAt, ack, settled)));
    } else {
      answer(ctx, event, startedAt, ack, response);
    }
  };
  let decision: RateDecision | Promise<RateDecision>;
  try {
    decision = ctx.deps.rateLimiter.consume(`${budget}:${ctx.userId}`, ctx.deps.rateRules[budget]);
  } catch (error) {
    fail(error);
    return;
  }
  if (decision instanceof Promise) ctx.track(decision.then(settle, fail));
  else settle(decision);
}

/** A request's handler, in a table made once for the server (see {@link serveEvents}). */
export interface RequestHandler<E extends RequestEventName> {
  /** The rate budget a request spends; `requests` when unset. */
  budget?: keyof RateRules;
  run(ctx: HandlerContext, input: RequestInput<E>): Promise<RequestResult<E>>;
}

/** A volatile notification's handler; notifications spend the `typing` budget. */
export type NotificationHandler<E extends NotificationName> = (
  ctx: HandlerContext,
  input: NotificationInput<E>,
) => Promise<void>;

/** A handler for every event of the protocol: the compiler says which one is missing. */
export interface EventHandlers {
  requests: { [E in RequestEventName]: RequestHandler<E> };
  notifications: { [E in NotificationName]: NotificationHandler<E> };
}

/**
 * Serves `socket`'s events with `handlers`, through one listener per socket rather than one per
 * event: the handlers are the server's, not closures made for each connection (a socket held
 * ~25 listeners, a good part of its heap). Every request spends the user's rate budget
 * (RATE_LIMITED with retryAfterMs), is validated with the protocol schema (INVALID naming the
 * field), runs within admission and is always acked. A notification is dropped when invalid or
 * over budget (answered only if the client sent an ack). An unknown event is answered INVALID.
 */
export function serveEvents(ctx: HandlerContext, handlers: EventHandlers): void {
  ctx.socket.onAny((event: unknown, ...args: unknown[]) => dispatch(ctx, handlers, event, args));
}

function dispatch(
  ctx: HandlerContext,
  handlers: EventHandlers,
  event: unknown,
  args: unknown[],
): void {
  const { payload, ack } = splitArgs(args);
  // Own properties only: an event named `constructor` or `__proto__` is unknown, not a lookup.
  if (typeof event === 'string' && Object.hasOwn(handlers.requests, event)) {
    const name = event as RequestEventName;
    const handler = handlers.requests[name] as RequestHandler<RequestEventName>;
    charged(ctx, name, handler.budget ?? 'requests', ack, () => {
      const parsed = parseClientEvent(requestSchemas[name], payload);
      if (!parsed.ok) return ackError('INVALID', parsed.message);
      const input = parsed.data as RequestInput<RequestEventName>;
      return ctx.deps.admission
        .run(() => handler.run(ctx, input))
        .then(
          (result) => ackOk(result),
          (error: unknown) => errorAck(ctx, name, error),
        );
    });
    return;
  }
  if (typeof event === 'string' && Object.hasOwn(handlers.notifications, event)) {
    const name = event as NotificationName;
    const handler = handlers.notifications[name] as NotificationHandler<NotificationName>;
    charged(ctx, name, 'typing', ack, () => {
      const parsed = parseClientEvent(notificationSchemas[name], payload);
      if (!parsed.ok) return ackError('INVALID', parsed.message);
      return handler(ctx, parsed.data as NotificationInput<NotificationName>).then(
        () => ackOk({}),
        (error: unknown) => errorAck(ctx, name, error),
      );
    });
    return;
  }
  // The name is the client's: it goes back in the answer, never into a log line.
  charged(ctx, 'unknown event', 'requests', ack, () =>
    ackError('INVALID', `unknown event ${String(event).slice(0, 64)}`),
  );
}
