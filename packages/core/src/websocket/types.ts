/**
 * The part of a WebSocket the WebSocket-only transport uses: the browser's and the `ws` package's
 * both fit.
 */
export interface WebSocketLike {
  readonly readyState: number;
  binaryType: string;
  send(data: string): void;
  close(): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
  addEventListener(type: 'close' | 'error', listener: () => void): void;
}

/** A WebSocket constructor (the browser's, or e.g. the `ws` package's on Node 20). */
export type WebSocketConstructor = new (url: string) => WebSocketLike;

/** Options of {@link webSocketTransport}. */
export interface WebSocketTransportOptions {
  /**
   * The constructor. Default: `globalThis.WebSocket`, looked up at every attempt (browsers,
   * Node 22+); on Node 20 pass the `ws` package's.
   */
  WebSocket?: WebSocketConstructor;
}
