import WebSocket from 'ws';
import type { WebSocketCtor } from '../../transport/index.js';

/**
 * A `WebSocket` constructor built on `ws` that sends the given headers with the handshake,
 * for the `headerWebSocketCtor` option (or as a `WebSocketCtor`).
 *
 * @example
 * ```ts
 * import { realtimeSocket } from 'rx-realtime';
 * import { wsCtorWithHeaders } from 'rx-realtime/node';
 * realtimeSocket({ url: 'ws://127.0.0.1:8080/realtime', WebSocketCtor: wsCtorWithHeaders({ Authorization: 'Bearer sk-...' }) });
 * ```
 */
export function wsCtorWithHeaders(headers: Readonly<Record<string, string>>): WebSocketCtor {
  class HeaderWebSocket extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols ?? [], { headers: { ...headers } });
    }
  }
  return HeaderWebSocket as unknown as WebSocketCtor;
}
