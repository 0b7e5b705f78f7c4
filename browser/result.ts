import type { ResponseStatus } from 'rx-realtime';

/**
 * What the page found, published as `window.rxRealtimeResult` and logged to the console. Shared
 * by the page (browser/page.ts) and its runner (browser/run.ts).
 *
 * @example
 * ```ts
 * import type { PageResult } from './result.js';
 * const passed = (r: PageResult): boolean => r.response?.status === 'completed';
 * ```
 */
export interface PageResult {
  /** The assembled response, when one finished. */
  readonly response?: {
    readonly status: ResponseStatus;
    /** The text of every assistant message part, joined. */
    readonly text: string;
  };
  /** Why the whole exchange failed, when it did. */
  readonly error?: string;
  /** How the socket ended with a key the simulator does not know (a `TransportError` reason). */
  readonly wrongKey: string;
  /** How the socket ended with a standard `sk-` key (the browser guard should refuse it). */
  readonly standardKey: string;
  /** From opening the socket to the finished response, in ms (`performance.now()`). */
  readonly elapsedMs: number;
}

declare global {
  interface Window {
    /** Set by the page once it is done. */
    rxRealtimeResult?: PageResult;
  }
}
