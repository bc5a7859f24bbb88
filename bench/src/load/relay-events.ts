// The plain relay's little protocol, shared by the relay and the generator.

/** What a sender gives the relay: the peer's id (its room) and an opaque payload. */
export interface RelaySend {
  to: string;
  payload: RelayPayload;
}

export interface RelayPayload {
  key: string;
  content: string;
}

/** Shaped like the chat server's acks, so both sides parse the same answer. */
export type RelayAck = { ok: true; data: Record<string, never> };

export interface RelayClientToServer {
  send: (message: RelaySend, ack: (answer: RelayAck) => void) => void;
}

export interface RelayServerToClient {
  receive: (payload: RelayPayload) => void;
}

/** The first IPC message of the relay process: where it listens. */
export interface RelayListening {
  type: 'listening';
  port: number;
}
