import { filter, map, take, type Observable } from 'rxjs';
import {
  isEvent,
  type ClientEvent,
  type ServerEvent,
  type ServerEventOf,
} from '../protocol/index.js';
import type { SessionSettings } from './types.js';

/** Default `event_id` of the handshake's `session.update`. */
export const HANDSHAKE_EVENT_ID = 'evt_session_handshake';

/**
 * Dependencies of {@link handshake} and {@link handshakeResult}.
 *
 * @example
 * ```ts
 * import type { HandshakeDeps } from 'rx-realtime';
 * const deps: HandshakeDeps = { session: { instructions: 'Be brief.' } };
 * ```
 */
export interface HandshakeDeps {
  /** The settings to apply once the session exists. */
  readonly session: SessionSettings;
  /** `event_id` given to the `session.update`, used to correlate an `error`. Default {@link HANDSHAKE_EVENT_ID}. */
  readonly eventId?: string;
}

/**
 * How the handshake ended: the session as the server confirmed it, or the correlated `error`.
 *
 * @example
 * ```ts
 * import type { HandshakeResult } from 'rx-realtime';
 * declare const result: HandshakeResult;
 * if (result.kind === 'failed') console.log(result.error.error.message);
 * ```
 */
export type HandshakeResult =
  | {
      /** The server accepted the settings. */
      readonly kind: 'ready';
      /** The session as `session.updated` reported it. */
      readonly session: ServerEventOf<'session.updated'>['session'];
    }
  | {
      /** The server refused the settings. */
      readonly kind: 'failed';
      /** The `error` event it answered with. */
      readonly error: ServerEventOf<'error'>;
    };

/**
 * Session unit: waits for `session.created`, then emits one `session.update` (GA shape,
 * `type: 'realtime'`) built from `deps.session`, with the `event_id` the caller chose.
 *
 * @example
 * ```ts
 * import type { Observable } from 'rxjs';
 * import { handshake, type ServerEvent } from 'rx-realtime';
 * declare const events$: Observable<ServerEvent>;
 * handshake(events$, { session: { instructions: 'Be brief.' } }).subscribe((e) => console.log(e));
 * ```
 */
export function handshake(
  events$: Observable<ServerEvent>,
  deps: HandshakeDeps,
): Observable<ClientEvent> {
  return events$.pipe(
    filter(isEvent('session.created')),
    take(1),
    map((): ClientEvent => ({
      type: 'session.update',
      event_id: deps.eventId ?? HANDSHAKE_EVENT_ID,
      session: { ...deps.session, type: 'realtime' },
    })),
  );
}

/**
 * The outcome of {@link handshake}: one value, then completes. `session.updated` carries no
 * client `event_id`, so the first `session.updated` is taken as the answer (the server answers
 * in order); an `error` is only taken when its `event_id` is the handshake's.
 *
 * @example
 * ```ts
 * import type { Observable } from 'rxjs';
 * import { handshakeResult, type ServerEvent } from 'rx-realtime';
 * declare const events$: Observable<ServerEvent>;
 * handshakeResult(events$, { session: {} }).subscribe((r) => console.log(r.kind));
 * ```
 */
export function handshakeResult(
  events$: Observable<ServerEvent>,
  deps: HandshakeDeps,
): Observable<HandshakeResult> {
  const id = deps.eventId ?? HANDSHAKE_EVENT_ID;
  return events$.pipe(
    filter(
      (e): e is ServerEventOf<'session.updated'> | ServerEventOf<'error'> =>
        e.type === 'session.updated' || (e.type === 'error' && e.error.event_id === id),
    ),
    take(1),
    map((e): HandshakeResult =>
      e.type === 'session.updated'
        ? { kind: 'ready', session: e.session }
        : { kind: 'failed', error: e },
    ),
  );
}
