// The simulator's WebRTC endpoint runs on a pure-JavaScript stack: werift for ICE, DTLS, SCTP
// and RTP, opusscript (emscripten) for Opus. Both are optional packages, loaded only when a
// client offers a call, so a simulator without them still serves WebSocket sessions.
import type OpusScript from 'opusscript';

/** The werift module. */
export type Werift = typeof import('werift');

/** What the endpoint needs from the optional packages. */
export interface WebRtcStack {
  readonly werift: Werift;
  readonly OpusScript: typeof OpusScript;
}

/** Why the endpoint cannot answer offers: the optional packages are missing. */
export const MISSING_STACK =
  "The simulator's WebRTC endpoint needs the optional packages werift and opusscript " +
  '(pure JavaScript, no binary download): npm install --save-dev werift opusscript';

let loading: Promise<WebRtcStack> | undefined;

/** Loads werift and opusscript once; rejects with {@link MISSING_STACK} when either is missing. */
export function loadWebRtcStack(): Promise<WebRtcStack> {
  loading ??= Promise.all([import('werift'), import('opusscript')]).then(
    ([werift, opus]) => ({ werift, OpusScript: opus.default }),
    (cause: unknown) => {
      loading = undefined;
      throw new Error(MISSING_STACK, { cause });
    },
  );
  return loading;
}
