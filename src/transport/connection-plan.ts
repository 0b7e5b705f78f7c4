// Everything decided before a WebSocket is created: whether the browser guard refuses the
// credential, which URL, subprotocols and headers carry it (`connectionTarget`), and which
// constructor opens it. Returned as a plan or a refusal so the socket only has to act on it.
import type { Dialect } from '../protocol/index.js';
import { BROWSER_KEY_REFUSAL, refusesBrowserKey } from './browser-guard.js';
import type { ConnectionSetup } from './connection.js';
import { webSocketCtorFor } from './environment.js';
import type { TransportErrorReason } from './errors.js';
import type { RealtimeSocketOptions } from './options.js';
import { connectionTarget } from './target.js';

/** How to open the next connection, or why it must not be opened. */
export type ConnectionPlan =
  | {
      /** Open it with this setup. */
      readonly kind: 'ready';
      /** URL, subprotocols, constructor and dialect. */
      readonly setup: ConnectionSetup;
    }
  | {
      /** Fail the socket instead. */
      readonly kind: 'refused';
      /** The fatal reason. */
      readonly reason: TransportErrorReason;
      /** The error message. */
      readonly message: string;
      /** The close code reported. */
      readonly code: number;
    };

/** Plans the next connection with a resolved credential. */
export function planConnection(
  options: RealtimeSocketOptions,
  dialect: Dialect,
  credential: string | undefined,
  bearer: boolean,
): ConnectionPlan {
  const auth = options.headerWebSocketCtor ? 'headers' : 'browser';
  if (refusesBrowserKey(options, auth, credential)) {
    return {
      kind: 'refused',
      reason: 'browser_key_refused',
      message: BROWSER_KEY_REFUSAL,
      code: 1008,
    };
  }
  const target = connectionTarget({
    url: options.url,
    baseURL: options.baseURL,
    model: options.model,
    callId: options.callId,
    endpoint: options.endpoint,
    dialect,
    azure: options.azure,
    credential,
    bearer,
    auth,
  });
  const ctor = webSocketCtorFor(options, target.headers);
  if (!ctor) {
    const message = 'no WebSocket constructor available';
    return { kind: 'refused', reason: 'connection_failed', message, code: 1006 };
  }
  const endpoint = options.endpoint ?? 'realtime';
  const setup = { url: target.url, protocols: target.protocols, ctor, dialect, endpoint };
  return { kind: 'ready', setup };
}
