// What the flooder sends. Invalid payloads cover what a careless or hostile client can put in a
// `message:send`: wrong types, missing or extra fields, strings far over the limits (yet under
// the packet cap, so the socket stays up), ids that are no ids, and no object at all.
import { MAX_ID_LENGTH, MAX_PACKET_BYTES, MAX_TEXT_LENGTH } from '@causette/protocol';

/** Far over MAX_TEXT_LENGTH, well under MAX_PACKET_BYTES: refused by the schema, not the socket. */
export const HUGE_CONTENT_LENGTH = 40_000;

if (HUGE_CONTENT_LENGTH <= MAX_TEXT_LENGTH || HUGE_CONTENT_LENGTH >= MAX_PACKET_BYTES / 1.2) {
  throw new Error('HUGE_CONTENT_LENGTH must sit between the text limit and the packet cap');
}

const huge = 'x'.repeat(HUGE_CONTENT_LENGTH);

/** One kind of bad payload: its name and how to make the n-th one. */
interface InvalidShape {
  name: string;
  make(clientId: string, conversationId: string): unknown;
}

const text = 'flood';

export const INVALID_SHAPES: readonly InvalidShape[] = [
  {
    name: 'wrong-type',
    make: (_clientId, conversationId) => ({
      clientId: 42,
      conversationId,
      type: 'TEXT',
      content: text,
    }),
  },
  {
    name: 'missing-field',
    make: (clientId) => ({ clientId, type: 'TEXT', content: text }),
  },
  {
    name: 'huge-content',
    make: (clientId, conversationId) => ({ clientId, conversationId, type: 'TEXT', content: huge }),
  },
  {
    // Within the schema's id length, so it reaches the handler: a malformed id the database meets.
    name: 'malformed-id',
    make: (clientId) => ({ clientId, conversationId: 'not-a-uuid', type: 'TEXT', content: text }),
  },
  {
    name: 'overlong-id',
    make: (_clientId, conversationId) => ({
      clientId: 'i'.repeat(MAX_ID_LENGTH + 1),
      conversationId,
      type: 'TEXT',
      content: text,
    }),
  },
  {
    name: 'unknown-type',
    make: (clientId, conversationId) => ({
      clientId,
      conversationId,
      type: 'VIDEO',
      content: text,
    }),
  },
  {
    name: 'extra-key',
    make: (clientId, conversationId) => ({
      clientId,
      conversationId,
      type: 'TEXT',
      content: text,
      senderId: 'someone-else',
    }),
  },
  { name: 'not-an-object', make: () => 'message:send' },
  { name: 'null', make: () => null },
];

export interface FloodPayload {
  /** The shape's name (`valid` for a well-formed send), to count answers by. */
  shape: string;
  payload: unknown;
}

/** The n-th invalid payload: the shapes in turn, each with a clientId of its own. */
export function invalidPayload(n: number, conversationId: string, runTag: string): FloodPayload {
  const shape = INVALID_SHAPES[n % INVALID_SHAPES.length] as InvalidShape;
  return { shape: shape.name, payload: shape.make(`${runTag}-x${n}`, conversationId) };
}

/** The n-th valid send: a short TEXT with a unique clientId, as a real client would send. */
export function validPayload(n: number, conversationId: string, runTag: string): FloodPayload {
  return {
    shape: 'valid',
    payload: { clientId: `${runTag}-v${n}`, conversationId, type: 'TEXT', content: `flood ${n}` },
  };
}
