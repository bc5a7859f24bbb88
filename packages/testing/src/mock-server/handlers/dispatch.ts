// Validation, faults injected by tests, and the one place every request gets its answer.
import {
  type Ack,
  type AckError,
  type RequestEventName,
  type RequestPayload,
  ackError,
  ackOk,
  isRequestEvent,
} from '@causette/protocol';
import { notificationSchemas, parseClientEvent, requestSchemas } from '@causette/protocol/schemas';
import { MockServiceError } from '../state/errors';
import { chatHandlers, relayTyping } from './chat';
import type { RequestContext, RequestHandler, RequestHandlers } from './context';
import { conversationHandlers } from './conversations';
import { presencePushHandlers } from './presence-push';

const handlers: RequestHandlers = {
  ...chatHandlers,
  ...conversationHandlers,
  ...presencePushHandlers,
};

interface Fault {
  event: RequestEventName | undefined;
  remaining: number;
  error?: AckError;
}

/** Faults armed by `dropNextAck` and `failNext`, consumed by the requests they match. */
export class Faults {
  private drops: Fault[] = [];
  private fails: Fault[] = [];

  dropAcks(event: RequestEventName | undefined, count: number): void {
    this.drops.push({ event, remaining: count });
  }

  fail(event: RequestEventName, error: AckError, count: number): void {
    this.fails.push({ event, remaining: count, error });
  }

  /** Whether this request's ack is to be lost (consumes one). */
  takeDrop(event: RequestEventName): boolean {
    return this.take(this.drops, event) !== undefined;
  }

  /** The error to answer instead of processing (consumes one). */
  takeFail(event: RequestEventName): AckError | undefined {
    return this.take(this.fails, event)?.error;
  }

  clear(): void {
    this.drops = [];
    this.fails = [];
  }

  private take(list: Fault[], event: RequestEventName): Fault | undefined {
    const fault = list.find((f) => f.event === undefined || f.event === event);
    if (!fault) return undefined;
    fault.remaining -= 1;
    if (fault.remaining <= 0) list.splice(list.indexOf(fault), 1);
    return fault;
  }
}

function errorAck(error: unknown): Ack<never> {
  if (error instanceof MockServiceError) return ackError(error.code, error.message);
  const detail = error instanceof Error ? error.message : String(error);
  return ackError('INTERNAL', `internal error: ${detail}`);
}

/** Runs a request as the user of `ctx`, validated like the reference server; never throws. */
export function runRequest<E extends RequestEventName>(
  ctx: RequestContext,
  event: E,
  payload: unknown,
): Ack<unknown> {
  try {
    const parsed = parseClientEvent(requestSchemas[event], payload);
    if (!parsed.ok) return ackError('INVALID', parsed.message);
    const handler = handlers[event] as RequestHandler<E>;
    return ackOk(handler(ctx, parsed.data as RequestPayload<E>));
  } catch (error) {
    return errorAck(error);
  }
}

/**
 * Answers one client event: typing is relayed, requests are validated, faulted or run, unknown
 * events with an ack get INVALID. `reply` is absent when the client asked for no answer.
 */
export function dispatchClientEvent(
  ctx: RequestContext,
  faults: Faults,
  event: unknown,
  payload: unknown,
  reply?: (response: Ack<unknown>) => void,
): void {
  if (event === 'typing:start' || event === 'typing:stop') {
    const parsed = parseClientEvent(notificationSchemas[event], payload);
    if (!parsed.ok) return reply?.(ackError('INVALID', parsed.message));
    relayTyping(ctx, parsed.data.conversationId, event === 'typing:start');
    return reply?.(ackOk({}));
  }
  if (typeof event !== 'string' || !isRequestEvent(event)) {
    reply?.(ackError('INVALID', `unknown event ${String(event).slice(0, 64)}`));
    return;
  }
  const failure = faults.takeFail(event);
  if (failure) {
    reply?.({ ok: false, error: failure });
    return;
  }
  const response = runRequest(ctx, event, payload);
  if (faults.takeDrop(event)) return;
  reply?.(response);
}
