import type {
  ClientEvent,
  DecodeError,
  DecodeNotice,
  EncodeError,
  ServerEventOf,
} from '../protocol/index.js';

/**
 * A server `error` event as an `Error` value, emitted on `errors$`. The socket stays open:
 * the Realtime API reports most mistakes this way and keeps the session.
 *
 * @example
 * ```ts
 * import { ServerError, realtimeSocket } from 'rx-realtime';
 * const socket = realtimeSocket({ model: 'gpt-realtime', apiKey: 'ek_...' });
 * socket.errors$.subscribe((e) => {
 *   if (e instanceof ServerError) console.log(e.code, e.clientEvent?.type);
 * });
 * ```
 */
export class ServerError extends Error {
  /** Always `ServerError`, so the error is recognisable after serialisation or across realms. */
  override readonly name = 'ServerError';
  /** The server's error code, such as `conversation_already_has_active_response`. */
  readonly code: string | undefined;
  /** The server's error type, such as `invalid_request_error`. */
  readonly errorType: string;
  /** The offending parameter when the server named one. */
  readonly param: string | undefined;
  /** The `event_id` of the client event that caused the error, when the server named it. */
  readonly eventId: string | undefined;
  constructor(
    /** The server event as decoded. */
    readonly event: ServerEventOf<'error'>,
    /** The client event sent with {@link ServerError.eventId}, if it is still remembered. */
    readonly clientEvent: ClientEvent | undefined,
    /** The message; default the server's (the transport passes it with secrets redacted). */
    message: string = event.error.message,
  ) {
    super(message);
    this.code = event.error.code ?? undefined;
    this.errorType = event.error.type;
    this.param = event.error.param ?? undefined;
    this.eventId = event.error.event_id ?? undefined;
  }
}

/**
 * Why the transport failed or dropped something.
 *
 * - `queue_overflow`: the outgoing queue was full while not connected; the oldest event was dropped (recoverable).
 * - `send_failed`: the socket refused a frame (recoverable).
 * - `connection_failed`: the first connection could not be opened and reconnection is off (fatal).
 * - `auth_refused`: the server refused the credentials (fatal, never retried).
 * - `upgrade_refused`: the server answered the WebSocket upgrade with an HTTP 4xx other than 401/403, such as 404 for a wrong URL (fatal, never retried; `status` says which).
 * - `auth_unavailable`: the key or token provider failed (fatal; its error is the `cause`).
 * - `browser_key_refused`: a standard API key in a browser without `dangerouslyAllowBrowser` (fatal).
 * - `reconnect_exhausted`: every reconnection attempt failed (fatal).
 * - `beta_dialect_refused`: the service no longer serves the beta dialect
 *   (`beta_api_shape_disabled`, api.openai.com since 2026-05); connect with `dialect: 'ga'` (fatal, never retried).
 *
 * @example
 * ```ts
 * import type { TransportErrorReason } from 'rx-realtime';
 * const retryLater: readonly TransportErrorReason[] = ['connection_failed', 'reconnect_exhausted'];
 * ```
 */
export type TransportErrorReason =
  | 'queue_overflow'
  | 'send_failed'
  | 'connection_failed'
  | 'auth_refused'
  | 'upgrade_refused'
  | 'auth_unavailable'
  | 'browser_key_refused'
  | 'reconnect_exhausted'
  | 'beta_dialect_refused';

/**
 * A transport failure. Fatal ones also end the event stream with an error; recoverable ones
 * only appear on `errors$`. Messages never contain credentials.
 *
 * @example
 * ```ts
 * import { TransportError, realtimeSocket } from 'rx-realtime';
 * realtimeSocket({ model: 'gpt-realtime', apiKey: 'ek_...' }).subscribe({
 *   error: (e: unknown) => {
 *     if (e instanceof TransportError && e.reason === 'auth_refused') console.log('check the key');
 *   },
 * });
 * ```
 */
export class TransportError extends Error {
  /** Always `TransportError`, so the error is recognisable after serialisation or across realms. */
  override readonly name = 'TransportError';
  /**
   * The HTTP status of a refused WebSocket upgrade (`auth_refused`, `upgrade_refused`, or the
   * last attempt of `reconnect_exhausted`), when the runtime reports one: Node's `ws` does,
   * browsers do not.
   */
  readonly status: number | undefined;
  constructor(
    /** What went wrong. */
    readonly reason: TransportErrorReason,
    message: string,
    /** Whether the event stream ended because of it. */
    readonly fatal: boolean,
    /** The close code, when a close caused it. */
    readonly closeCode?: number,
    /** The HTTP status and the underlying error (such as what a key provider threw), if any. */
    details: TransportErrorDetails = {},
  ) {
    super(message, 'cause' in details ? { cause: details.cause } : undefined);
    this.status = details.status;
  }
}

/**
 * What a {@link TransportError} may carry besides its message.
 *
 * @example
 * ```ts
 * import { TransportError, type TransportErrorDetails } from 'rx-realtime';
 * const details: TransportErrorDetails = { status: 404 };
 * new TransportError('upgrade_refused', 'HTTP 404', true, 1006, details).status; // 404
 * ```
 */
export interface TransportErrorDetails {
  /** The HTTP status of a refused upgrade. */
  readonly status?: number;
  /** The underlying error, kept as the error's `cause`. */
  readonly cause?: unknown;
}

/**
 * Everything `errors$` carries: what went wrong, and {@link DecodeNotice}s (a server event
 * decoded although part of it is newer than this version; the event is still delivered).
 *
 * @example
 * ```ts
 * import { realtimeSocket, type RealtimeSocketError } from 'rx-realtime';
 * realtimeSocket({ model: 'gpt-realtime', apiKey: 'ek_...' }).errors$.subscribe((e: RealtimeSocketError) =>
 *   console.log(e.name, e.message),
 * );
 * ```
 */
export type RealtimeSocketError =
  DecodeError | DecodeNotice | EncodeError | ServerError | TransportError;
