// Reconnection settings and the backoff between attempts. The socket reads them only when a
// retryable close happens, so they stay plain data and one pure delay function that tests (and
// users planning timeouts) can call with their own random source.

/**
 * Exponential backoff settings. Delay n = min(maxDelayMs, initialDelayMs * 2^(n-1)) * (1 ± jitter).
 * `maxAttempts` counts consecutive failed or short-lived connections (see `stableAfterMs`).
 *
 * @example
 * ```ts
 * import { realtimeSocket } from 'rx-realtime';
 * realtimeSocket({ model: 'gpt-realtime', apiKey: 'ek_...', reconnect: { maxAttempts: 3, initialDelayMs: 250 } });
 * ```
 */
export interface ReconnectOptions {
  /** Reconnection attempts before giving up. Default 5. */
  readonly maxAttempts?: number;
  /** Delay before the first attempt. Default 500 ms. */
  readonly initialDelayMs?: number;
  /** Upper bound of a delay. Default 10 000 ms. */
  readonly maxDelayMs?: number;
  /** Random spread as a fraction of the delay, 0..1. Default 0.2. */
  readonly jitter?: number;
  /**
   * How long a connection must stay up after its session is configured (`session.updated`, or
   * `session.created` when the socket never sends a `session.update`) before the attempts are
   * counted from zero again. Default 5 000 ms. Connections that drop sooner use up the budget.
   */
  readonly stableAfterMs?: number;
}

const DEFAULT_RECONNECT = {
  maxAttempts: 5,
  initialDelayMs: 500,
  maxDelayMs: 10_000,
  jitter: 0.2,
  stableAfterMs: 5_000,
};

/** The effective settings of the `reconnect` option, or `undefined` when reconnection is off. */
export function resolveReconnect(
  reconnect: boolean | ReconnectOptions | undefined,
): Required<ReconnectOptions> | undefined {
  if (!reconnect) return undefined;
  return reconnect === true ? DEFAULT_RECONNECT : { ...DEFAULT_RECONNECT, ...reconnect };
}

/**
 * The backoff delay before reconnection attempt `attempt` (1-based).
 *
 * @example
 * ```ts
 * import { backoffDelay } from 'rx-realtime';
 * backoffDelay(3, { initialDelayMs: 100, maxDelayMs: 1000, jitter: 0 }, () => 0.5); // 400
 * ```
 */
export function backoffDelay(
  attempt: number,
  options: ReconnectOptions,
  random: () => number,
): number {
  const initial = options.initialDelayMs ?? DEFAULT_RECONNECT.initialDelayMs;
  const max = options.maxDelayMs ?? DEFAULT_RECONNECT.maxDelayMs;
  const jitter = Math.min(1, Math.max(0, options.jitter ?? DEFAULT_RECONNECT.jitter));
  const base = Math.min(max, initial * 2 ** Math.max(0, attempt - 1));
  const spread = 1 + jitter * (2 * random() - 1);
  return Math.round(Math.min(max, Math.max(0, base * spread)));
}
