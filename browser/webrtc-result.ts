/**
 * What the WebRTC page found, published as `window.rxRealtimeWebRtcResult`. Shared by the page
 * (browser/webrtc-page.ts) and its runner (browser/webrtc.ts).
 *
 * @example
 * ```ts
 * import type { WebRtcPageResult } from './webrtc-result.js';
 * const heard = (r: WebRtcPageResult): boolean => r.maxLevel > 0.01;
 * ```
 */
export interface WebRtcPageResult {
  /** The server events in order (types only). */
  readonly events: readonly string[];
  /** The call id from the offer's answer. */
  readonly callId: string | undefined;
  /** The loudest RMS level (0..1) an analyser measured on the remote track. */
  readonly maxLevel: number;
  /** The assistant transcript of the first completed response. */
  readonly transcript: string | undefined;
  /** The final transcript the service sent for it. */
  readonly transcriptDone: string | undefined;
  /** Statuses of the responses that ended. */
  readonly statuses: readonly string[];
  /** What `interrupted$` reported. */
  readonly interruptions: readonly {
    readonly truncatedBy?: string;
    readonly audioEndMs?: number;
  }[];
  /** Client events the session sent (types only). */
  readonly sent: readonly string[];
  /** Why the page failed, when it did. */
  readonly error?: string;
}

declare global {
  interface Window {
    /** Set by the WebRTC page once it is done. */
    rxRealtimeWebRtcResult?: WebRtcPageResult;
  }
}
