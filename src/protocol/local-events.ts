// Events the library itself puts on the event stream, next to the decoded wire events. They
// never come from the service: their `type`s start with `local.`, a prefix the wire does not
// use, so a `switch` over `event.type` tells them apart and the wire vocabulary stays the GA one.

/**
 * Emitted by the socket when an open connection ends without the app closing it (a drop, or a
 * close by the server), before the socket reconnects or ends. Whatever was streaming on that
 * connection will never get its `.done` events: `finishCutResponses()` and the operators built
 * on it end the responses that were in progress.
 *
 * @example
 * ```ts
 * import { filter, type Observable } from 'rxjs';
 * import { isEvent, type ServerEvent } from 'rx-realtime';
 * declare const events$: Observable<ServerEvent>;
 * events$
 *   .pipe(filter(isEvent('local.connection_lost')))
 *   .subscribe((e) => console.log(`connection lost (close ${e.code}), reconnecting: ${e.willReconnect}`));
 * ```
 */
export interface ConnectionLostEvent {
  /** Marks the library-local event: the connection the events came over is gone. */
  readonly type: 'local.connection_lost';
  /** The WebSocket close code (1006 for a connection that dropped without a close frame). */
  readonly code: number;
  /** The close reason, secrets redacted. */
  readonly reason: string;
  /** Whether the socket is about to reconnect. */
  readonly willReconnect: boolean;
}
