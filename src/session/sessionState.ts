import type { EncodeError, ServerEventOf } from '../protocol/index.js';
import type { ServerError } from '../transport/index.js';

/** The session object a `session.updated` carries. */
export type EffectiveSession = ServerEventOf<'session.updated'>['session'];

/**
 * Why a session ended.
 *
 * - `closed`: the app called `close()`.
 * - `handshake_failed`: the configuration was refused: by the encoder before sending
 *   (`EncodeError`) or by the server (`ServerError` correlated to the handshake).
 * - `transport_failed`: the socket failed for good (auth refused, reconnection exhausted...).
 * - `session_expired`: the service ended the session at its maximum duration.
 * - `socket_ended`: the socket closed without error and will not reconnect.
 * - `unit_failed`: one of the session's units raised an exception while handling an event (a
 *   bug, or input no decoder should have let through); the session stops rather than go on
 *   with a part of it missing.
 *
 * @example
 * ```ts
 * import type { SessionEnd } from 'rx-realtime';
 * declare const end: SessionEnd;
 * if (end.kind === 'handshake_failed') console.error(end.error.message);
 * ```
 */
export type SessionEnd =
  | {
      /** The app called `close()`. */
      readonly kind: 'closed';
    }
  | {
      /** The configuration was refused. */
      readonly kind: 'handshake_failed';
      /** The encoder's or the server's refusal. */
      readonly error: EncodeError | ServerError;
    }
  | {
      /** The socket failed for good. */
      readonly kind: 'transport_failed';
      /** The socket's fatal error (a `TransportError` for a `RealtimeSocket`). */
      readonly error: Error;
    }
  | {
      /** The service ended the session at its maximum duration. */
      readonly kind: 'session_expired';
      /** The server's `session_expired` error. */
      readonly error: ServerError;
    }
  | {
      /** The socket closed without error and will not reconnect. */
      readonly kind: 'socket_ended';
    }
  | {
      /** A unit of the session failed. */
      readonly kind: 'unit_failed';
      /** Which one: `lifecycle`, `conversation`, `sequencer`, `interruption`, `tools`, `recycling`. */
      readonly unit: string;
      /** What it raised. */
      readonly error: Error;
    };

/**
 * Where a session is in its lifecycle:
 *
 * `idle` (lazy, not started) -> `connecting` -> `configuring` (the handshake's
 * `session.update` was sent) -> `ready`; at a dropped connection `reconnecting` ->
 * `configuring` -> `replaying` (the conversation is re-created) -> `ready`; and finally
 * `closed` with the reason. Requests made before `ready` wait and are sent in call order once
 * it is reached.
 *
 * @example
 * ```ts
 * import type { SessionState } from 'rx-realtime';
 * const label = (s: SessionState): string => (s.kind === 'closed' ? `closed: ${s.end.kind}` : s.kind);
 * ```
 */
export type SessionState =
  | {
      /** Created with `lazy: true`; nothing connected yet. */
      readonly kind: 'idle';
    }
  | {
      /** Waiting for the connection and the server's `session.created`. */
      readonly kind: 'connecting';
    }
  | {
      /** The handshake's `session.update` was sent; waiting for `session.updated`. */
      readonly kind: 'configuring';
      /** Whether this follows a reconnection (the conversation is replayed next). */
      readonly reconnected: boolean;
    }
  | {
      /** Re-creating the conversation on the new connection. */
      readonly kind: 'replaying';
    }
  | {
      /** Configured: requests are sent as they come. */
      readonly kind: 'ready';
      /** The session as the server confirmed it. */
      readonly session: EffectiveSession;
    }
  | {
      /** The connection dropped; the socket is reconnecting. */
      readonly kind: 'reconnecting';
    }
  | {
      /** Ended for good; no connection is opened again. */
      readonly kind: 'closed';
      /** Why. */
      readonly end: SessionEnd;
    };

/** Says in words why a session ended, for `ConfirmationLostError` messages. */
export function describeEnd(end: SessionEnd): string {
  switch (end.kind) {
    case 'closed':
      return 'the session was closed';
    case 'handshake_failed':
      return `the session configuration was refused (${end.error.message})`;
    case 'transport_failed':
      return `the connection failed (${end.error.message})`;
    case 'session_expired':
      return 'the session expired';
    case 'socket_ended':
      return 'the connection was closed';
    case 'unit_failed':
      return `the session stopped: its ${end.unit} failed (${end.error.message})`;
  }
}
