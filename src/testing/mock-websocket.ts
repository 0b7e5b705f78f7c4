import type { WebSocketCtor } from '../transport/index.js';

/** A minimal event shape the mock passes to handlers (what `WebSocketSubject` reads). */
interface MockEvent {
  readonly type: string;
  readonly data?: unknown;
  readonly code?: number;
  readonly reason?: string;
  readonly wasClean?: boolean;
}

type Handler = ((event: MockEvent) => void) | null;

/**
 * A synchronous in-memory WebSocket for unit and marble tests; {@link mockWebSocket} gives its
 * constructor as the `WebSocketCtor` of `realtimeSocket` and the sockets it made. Nothing
 * happens by itself: the test calls {@link MockWebSocket.open},
 * {@link MockWebSocket.triggerMessage} and {@link MockWebSocket.triggerClose}. `close()` from
 * the client closes at once (a clean close event is delivered synchronously).
 *
 * @example
 * ```ts
 * import { realtimeSocket } from 'rx-realtime';
 * import { mockWebSocket, serverEvent } from 'rx-realtime/testing';
 * const mock = mockWebSocket();
 * const socket = realtimeSocket({ url: 'wss://x/realtime', WebSocketCtor: mock.WebSocketCtor });
 * socket.subscribe();
 * const server: MockWebSocket = mock.last();
 * server.open();
 * server.triggerMessage(serverEvent('session.created'));
 * ```
 */
export class MockWebSocket {
  /** `readyState` before {@link MockWebSocket.open}, as on a real WebSocket. */
  static readonly CONNECTING = 0;
  /** `readyState` once open. */
  static readonly OPEN = 1;
  /** `readyState` while closing (the mock closes at once, so it never reports it). */
  static readonly CLOSING = 2;
  /** `readyState` once closed. */
  static readonly CLOSED = 3;

  /** The connection state, one of the constants above. */
  readyState = MockWebSocket.CONNECTING;
  /** Accepted for compatibility; the mock only carries text frames. */
  binaryType = 'blob';
  /** The negotiated subprotocol (the first requested one once open). */
  protocol = '';
  /** Frames the client sent, as text. */
  readonly sent: string[] = [];
  /** The protocols given to the constructor. */
  readonly protocols: readonly string[];
  /** The code and reason of the client's `close()` call, if any. */
  closedWith:
    | {
        /** The close code given, if any. */
        readonly code?: number;
        /** The close reason given, if any. */
        readonly reason?: string;
      }
    | undefined;
  /** Set by the client; called by {@link MockWebSocket.open}. */
  onopen: Handler = null;
  /** Set by the client; called by {@link MockWebSocket.triggerMessage}. */
  onmessage: Handler = null;
  /** Set by the client; called by {@link MockWebSocket.triggerError}. */
  onerror: Handler = null;
  /** Set by the client; called by {@link MockWebSocket.triggerClose} and `close()`. */
  onclose: Handler = null;

  constructor(
    /** The URL the client connected to, for asserting on the query and path. */
    readonly url: string,
    protocols?: string | string[],
  ) {
    this.protocols =
      protocols === undefined ? [] : typeof protocols === 'string' ? [protocols] : [...protocols];
  }

  /** The sent frames parsed as JSON. */
  get sentJson(): unknown[] {
    return this.sent.map((text) => JSON.parse(text) as unknown);
  }

  /** The sent frames parsed as JSON, as event objects with a `type`. */
  get sentEvents(): Array<{
    /** The client event type, such as `response.create`. */
    readonly type: string;
    readonly [key: string]: unknown;
  }> {
    return this.sentJson as Array<{ readonly type: string; readonly [key: string]: unknown }>;
  }

  /** Records a frame from the client in {@link MockWebSocket.sent}; throws unless open, as a real socket would. */
  send(data: string): void {
    if (this.readyState !== MockWebSocket.OPEN) throw new Error('MockWebSocket is not open');
    this.sent.push(data);
  }

  /** Closes at once with a clean close event and records the arguments in {@link MockWebSocket.closedWith}. */
  close(code?: number, reason?: string): void {
    if (this.readyState === MockWebSocket.CLOSED) return;
    this.closedWith = { code, reason };
    this.triggerClose(code ?? 1005, reason ?? '', true);
  }

  /** Simulates the handshake completing. */
  open(): void {
    this.readyState = MockWebSocket.OPEN;
    this.protocol = this.protocols[0] ?? '';
    this.onopen?.({ type: 'open' });
  }

  /** Simulates a frame from the server; objects are JSON-encoded. */
  triggerMessage(data: string | object): void {
    this.onmessage?.({
      type: 'message',
      data: typeof data === 'string' ? data : JSON.stringify(data),
    });
  }

  /** Simulates an error event (no close; call {@link MockWebSocket.triggerClose} after it). */
  triggerError(message = 'mock error'): void {
    this.onerror?.({ type: 'error', data: message });
  }

  /** Simulates the connection closing. Default: abnormal close 1006. */
  triggerClose(code = 1006, reason = '', wasClean = code === 1000): void {
    if (this.readyState === MockWebSocket.CLOSED) return;
    this.readyState = MockWebSocket.CLOSED;
    this.onclose?.({ type: 'close', code, reason, wasClean });
  }
}

/**
 * What {@link mockWebSocket} returns: a constructor for the socket and what it made.
 *
 * @example
 * ```ts
 * import { mockWebSocket, type MockWebSockets } from 'rx-realtime/testing';
 * const mock: MockWebSockets = mockWebSocket();
 * ```
 */
export interface MockWebSockets {
  /** Give this to `realtimeSocket({ WebSocketCtor })`; each connection attempt makes a socket. */
  readonly WebSocketCtor: WebSocketCtor;
  /** Every socket made so far, oldest first (one per connection attempt). */
  readonly sockets: readonly MockWebSocket[];
  /** The most recent socket; throws when none was made yet. */
  last(): MockWebSocket;
}

/**
 * A fresh {@link MockWebSocket} constructor with its own list of sockets: nothing is shared
 * between tests, so there is nothing to reset.
 *
 * @example
 * ```ts
 * import { realtimeSocket } from 'rx-realtime';
 * import { mockWebSocket } from 'rx-realtime/testing';
 * const mock = mockWebSocket();
 * realtimeSocket({ url: 'wss://example.test/v1/realtime', WebSocketCtor: mock.WebSocketCtor }).subscribe();
 * mock.last().open();
 * mock.sockets.length; // 1
 * ```
 */
export function mockWebSocket(): MockWebSockets {
  const sockets: MockWebSocket[] = [];
  class TrackedMockWebSocket extends MockWebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols);
      sockets.push(this);
    }
  }
  return {
    // The mock has the part of the DOM WebSocket that rxjs's WebSocketSubject uses (handlers,
    // send, close, readyState, protocol, binaryType), not its whole interface.
    WebSocketCtor: TrackedMockWebSocket as unknown as WebSocketCtor,
    sockets,
    last: () => {
      const socket = sockets[sockets.length - 1];
      if (!socket) throw new Error('mockWebSocket: no socket was created yet');
      return socket;
    },
  };
}
