// What a WebSocket close means for the socket: end quietly, fail for good, or wait and try
// again. Kept as one pure decision over the facts of the close so the rules (auth refusals and
// other 4xx upgrade answers are never retried, only retryable codes reconnect, a first connection that never opened is a
// failure) read in one place and the socket only carries out the outcome.
import type { Dialect, ServerEventOf } from '../protocol/index.js';
import type { Link } from './connection.js';
import { TransportError, type TransportErrorReason } from './errors.js';
import type { Lifecycle } from './lifecycle.js';
import type { RealtimeSocketOptions } from './options.js';
import { backoffDelay, resolveReconnect } from './reconnect.js';

/** What the socket does after a close. */
export type CloseOutcome =
  | {
      /** Closed for good without error: the event stream completes. */
      readonly kind: 'end';
    }
  | {
      /** Closed for good with a fatal {@link TransportErrorReason}. */
      readonly kind: 'fail';
      /** Why. */
      readonly reason: TransportErrorReason;
      /** The error message (the socket redacts secrets in it). */
      readonly message: string;
      /** The HTTP status of a refused upgrade, when the runtime reported one. */
      readonly status?: number;
      /** What the WebSocket threw, when that is why it failed. */
      readonly cause?: Error;
    }
  | {
      /** Reconnect after a delay. */
      readonly kind: 'retry';
      /** The attempt about to be made (1-based). */
      readonly attempt: number;
      /** The backoff delay before it, in milliseconds. */
      readonly delayMs: number;
    };

/** What {@link closeOutcome} decides from. */
export interface CloseFacts {
  /** The WebSocket close code. */
  readonly code: number;
  /** The close reason, secrets redacted. */
  readonly reason: string;
  /** The connection that closed: its redacted URL and last reported error. */
  readonly conn: Pick<Link, 'url' | 'lastError'>;
  /** Its lifecycle: whether the user is closing, whether it ever opened, attempts so far. */
  readonly life: Pick<Lifecycle, 'userClosing' | 'everOpened' | 'attempt'>;
  /** The `reconnect` setting and the jitter's random source. */
  readonly options: Pick<RealtimeSocketOptions, 'reconnect' | 'random'>;
}

const RETRYABLE = new Set([1001, 1006, 1011, 1012, 1013, 1014]);
const AUTH_CODES = new Set([1008, 4001, 4003]);

/** Decides what a close means; see {@link CloseOutcome}. */
export function closeOutcome(facts: CloseFacts): CloseOutcome {
  const { code, reason, life } = facts;
  const { url, lastError } = facts.conn;
  if (life.userClosing) return { kind: 'end' };
  // A connection that knows why it failed (a refused WebRTC offer, a failed peer connection).
  if (lastError instanceof TransportError && lastError.fatal)
    return {
      kind: 'fail',
      reason: lastError.reason,
      message: lastError.message,
      ...(lastError.status === undefined ? {} : { status: lastError.status }),
      ...(lastError.cause instanceof Error ? { cause: lastError.cause } : {}),
    };
  const status = upgradeStatus(lastError);
  const http = status === undefined ? '' : `, HTTP ${status}`;
  if (AUTH_CODES.has(code) || status === 401 || status === 403) {
    return {
      kind: 'fail',
      reason: 'auth_refused',
      message: `the server refused the credentials for ${url} (close ${code}${reason ? ` ${reason}` : ''}${http})`,
      status,
    };
  }
  // Any other 4xx (a wrong path, model or API version) will not change by trying again.
  if (status !== undefined && status >= 400 && status < 500) {
    return {
      kind: 'fail',
      reason: 'upgrade_refused',
      message: `the server refused the WebSocket upgrade to ${url} with HTTP ${status}`,
      status,
    };
  }
  const reconnect = resolveReconnect(facts.options.reconnect);
  if (reconnect && RETRYABLE.has(code)) {
    const attempt = life.attempt + 1;
    if (attempt > reconnect.maxAttempts) {
      return {
        kind: 'fail',
        reason: 'reconnect_exhausted',
        message: `gave up after ${reconnect.maxAttempts} reconnection attempts to ${url} (last close ${code}${http})`,
        status,
      };
    }
    return {
      kind: 'retry',
      attempt,
      delayMs: backoffDelay(attempt, reconnect, facts.options.random ?? Math.random),
    };
  }
  if (!life.everOpened) {
    return {
      kind: 'fail',
      reason: 'connection_failed',
      message: `could not connect to ${url} (close ${code}${reason ? ` ${reason}` : ''})`,
      // A constructor that throws reports an Error; a network failure only an event.
      ...(lastError instanceof Error ? { cause: lastError } : {}),
    };
  }
  return { kind: 'end' };
}

/**
 * A server `error` that ends the socket for good: since 2026-05 api.openai.com answers a beta
 * connection with `beta_api_shape_disabled` and closes with 4000. Retrying cannot help, so the
 * socket fails at once (the close that follows is then ignored) with a reason that says what to do.
 */
export function fatalServerError(
  event: ServerEventOf<'error'>,
  dialect: Dialect,
): Extract<CloseOutcome, { kind: 'fail' }> | undefined {
  if (event.error.code !== 'beta_api_shape_disabled') return undefined;
  return {
    kind: 'fail',
    reason: 'beta_dialect_refused',
    message: `the service no longer accepts the beta dialect${dialect === 'beta' ? '' : ' (it took this connection for beta)'}: connect with dialect: 'ga' (beta remains only for Azure OpenAI preview deployments and recorded streams)`,
  };
}

/**
 * The warning for a beta connection to api.openai.com, which refuses beta since 2026-05;
 * `undefined` for anything else (Azure preview deployments still serve beta).
 */
export function betaTargetWarning(url: string, dialect: Dialect): string | undefined {
  if (dialect !== 'beta') return undefined;
  let host: string;
  try {
    host = new URL(url).hostname;
  } catch {
    return undefined;
  }
  return host === 'api.openai.com'
    ? "rx-realtime: api.openai.com refuses the beta dialect since 2026-05 (beta_api_shape_disabled); use dialect: 'ga'. Beta remains for Azure OpenAI preview deployments."
    : undefined;
}

/** ws reports a refused upgrade as an error event with `Unexpected server response: 401`. */
function upgradeStatus(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null || !('message' in error)) return undefined;
  const message = (error as { readonly message: unknown }).message;
  const match =
    typeof message === 'string' ? /Unexpected server response: (\d{3})/.exec(message) : null;
  return match ? Number(match[1]) : undefined;
}
