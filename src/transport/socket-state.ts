// The connection states `state$` reports. The socket moves through them as it connects, opens,
// waits to reconnect and closes; sessions and UIs read them to show progress and to recover.

/** Connection state. `attempt` is 0 for the first connection, n for the n-th reconnection. *
 * @example
 * ```ts
 * import { realtimeSocket, type SocketState } from 'rx-realtime';
 * realtimeSocket({ model: 'gpt-realtime', apiKey: 'ek_...' }).state$.subscribe((s: SocketState) => {
 *   if (s.kind === 'closed') console.log(s.code, s.reason);
 * });
 * ```
 */
export type SocketState =
  | {
      /** No connection yet (nothing subscribed, `connect()` not called). */
      readonly kind: 'idle';
    }
  | {
      /** Opening the WebSocket. */
      readonly kind: 'connecting';
      /** 0 for the first connection, n for the n-th reconnection. */
      readonly attempt: number;
    }
  | {
      /** Connected: frames flow. */
      readonly kind: 'open';
    }
  | {
      /** The connection dropped with a retryable code; waiting before the next attempt. */
      readonly kind: 'reconnecting';
      /** The attempt about to be made. */
      readonly attempt: number;
      /** The backoff delay before it, in milliseconds. */
      readonly delayMs: number;
    }
  | {
      /** Closed for good (by `close()`, a clean close, or a fatal failure). */
      readonly kind: 'closed';
      /** The WebSocket close code. */
      readonly code: number;
      /** The close reason, secrets redacted. */
      readonly reason: string;
      /** Whether the closing handshake completed. */
      readonly wasClean: boolean;
    };
