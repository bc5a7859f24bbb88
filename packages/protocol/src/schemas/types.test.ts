// The hand-written types in the main entry (zod-free) and the schemas must describe the same wire.
import { describe, expectTypeOf, it } from 'vitest';
import type { z } from 'zod';
import type { RequestPayload, RequestResult, ServerEventPayloads } from '../events';
import type { Conversation, Message, Presence } from '../types';
import type { conversationSchema, messageSchema, presenceSchema } from './objects';
import type {
  notificationSchemas,
  requestSchemas,
  resultSchemas,
  serverEventSchemas,
} from './index';

describe('types match schemas', () => {
  it('objects', () => {
    expectTypeOf<z.output<typeof messageSchema>>().toEqualTypeOf<Message>();
    expectTypeOf<z.output<typeof conversationSchema>>().toEqualTypeOf<Conversation>();
    expectTypeOf<z.output<typeof presenceSchema>>().toEqualTypeOf<Presence>();
  });

  it('requests: what a client may send is what the server accepts', () => {
    expectTypeOf<z.input<(typeof requestSchemas)['message:send']>>().toEqualTypeOf<
      RequestPayload<'message:send'>
    >();
    expectTypeOf<z.input<(typeof requestSchemas)['message:history']>>().toEqualTypeOf<
      RequestPayload<'message:history'>
    >();
    expectTypeOf<z.input<(typeof requestSchemas)['message:search']>>().toEqualTypeOf<
      RequestPayload<'message:search'>
    >();
    expectTypeOf<z.input<(typeof requestSchemas)['conversation:open']>>().toEqualTypeOf<
      RequestPayload<'conversation:open'>
    >();
    expectTypeOf<z.input<(typeof requestSchemas)['sync']>>().toEqualTypeOf<
      RequestPayload<'sync'>
    >();
    expectTypeOf<z.input<(typeof requestSchemas)['push:subscribe']>>().toEqualTypeOf<
      RequestPayload<'push:subscribe'>
    >();
    expectTypeOf<z.input<(typeof notificationSchemas)['typing:start']>>().toEqualTypeOf<{
      conversationId: string;
    }>();
  });

  it('results and server events', () => {
    expectTypeOf<z.output<(typeof resultSchemas)['sync']>>().toEqualTypeOf<RequestResult<'sync'>>();
    expectTypeOf<z.output<(typeof resultSchemas)['message:history']>>().toEqualTypeOf<
      RequestResult<'message:history'>
    >();
    expectTypeOf<z.output<(typeof resultSchemas)['conversation:list']>>().toEqualTypeOf<
      RequestResult<'conversation:list'>
    >();
    expectTypeOf<z.output<(typeof serverEventSchemas)['unread:count']>>().toEqualTypeOf<
      ServerEventPayloads['unread:count']
    >();
    expectTypeOf<z.output<(typeof serverEventSchemas)['receipt:read']>>().toEqualTypeOf<
      ServerEventPayloads['receipt:read']
    >();
  });
});
