import { filter, map, type OperatorFunction } from 'rxjs';
import { isEvent, type ServerEvent } from '../protocol/index.js';

/**
 * One rate-limit counter.
 *
 * @example
 * ```ts
 * import type { RateLimitInfo } from 'rx-realtime';
 * const info: RateLimitInfo = { limit: 50000, remaining: 49000, resetSeconds: 1.5 };
 * ```
 */
export interface RateLimitInfo {
  /** The maximum allowed in the window. */
  readonly limit?: number;
  /** What is left in the window. */
  readonly remaining?: number;
  /** Seconds until the window resets. */
  readonly resetSeconds?: number;
}

/**
 * The latest rate limits, emitted by {@link rateLimits}.
 *
 * @example
 * ```ts
 * import type { RateLimits } from 'rx-realtime';
 * const low = (l: RateLimits): boolean => (l.tokens?.remaining ?? Infinity) < 1000;
 * ```
 */
export interface RateLimits {
  /** The request limit, when the server reported one. */
  readonly requests?: RateLimitInfo;
  /** The token limit, when the server reported one. */
  readonly tokens?: RateLimitInfo;
}

const COUNTERS = ['requests', 'tokens'] as const;

/**
 * The latest rate limits, one value per `rate_limits.updated` (sent once per response,
 * with output tokens reserved up front). Do not rely on its position relative to the
 * response events: it moved between protocol versions.
 *
 * @example
 * ```ts
 * import { type Observable } from 'rxjs';
 * import { rateLimits, type ServerEvent } from 'rx-realtime';
 * declare const events$: Observable<ServerEvent>;
 * events$.pipe(rateLimits()).subscribe((l) => console.log(`${l.tokens?.remaining} tokens left`));
 * ```
 */
export function rateLimits(): OperatorFunction<ServerEvent, RateLimits> {
  return (source) =>
    source.pipe(
      filter(isEvent('rate_limits.updated')),
      map((e) => {
        const out: { requests?: RateLimitInfo; tokens?: RateLimitInfo } = {};
        for (const l of e.rate_limits) {
          // Counters newer than this version (decoded with a notice) have no field here.
          const name = COUNTERS.find((n) => n === l.name);
          if (name === undefined) continue;
          const info: { limit?: number; remaining?: number; resetSeconds?: number } = {};
          if (l.limit !== undefined) info.limit = l.limit;
          if (l.remaining !== undefined) info.remaining = l.remaining;
          if (l.reset_seconds !== undefined) info.resetSeconds = l.reset_seconds;
          out[name] = Object.freeze(info);
        }
        return Object.freeze(out);
      }),
    );
}
