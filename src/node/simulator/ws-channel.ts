import type { WebSocket } from 'ws';
import type { EventChannel } from './connection.js';

/** A `ws` socket as the {@link EventChannel} of a simulated session. */
export function webSocketChannel(ws: WebSocket): EventChannel {
  return {
    get open() {
      return ws.readyState === ws.OPEN;
    },
    send: (text) => ws.send(text),
    // 1005/1006 cannot be sent in a close frame: an abnormal close is a dropped socket.
    close: (code, reason) =>
      code === 1006 || code === 1005 ? ws.terminate() : ws.close(code, reason),
  };
}
