// The options of `webrtcSocket`: the key, the session sent with the offer, the microphone, and
// the injectable browser pieces (peer connection, fetch) that tests replace.
import type { RealtimeSocketOptions } from '../options.js';

/**
 * Options of {@link webrtcSocket}.
 *
 * @example
 * ```ts
 * import { webrtcSocket, type WebRtcSocketOptions } from 'rx-realtime';
 * const options: WebRtcSocketOptions = {
 *   clientSecret: 'ek_...',
 *   session: { type: 'realtime', model: 'gpt-realtime', instructions: 'Be brief.' },
 * };
 * webrtcSocket(options);
 * ```
 */
export interface WebRtcSocketOptions extends Pick<
  RealtimeSocketOptions,
  | 'scheduler'
  | 'queueLimit'
  | 'sentEventLimit'
  | 'idGenerator'
  | 'onUnobservedError'
  | 'allowUnknownFields'
  | 'dangerouslyAllowBrowser'
  | 'environment'
> {
  /**
   * An ephemeral `ek_` key, or a function resolving one (called for every connection). A
   * standard API key is refused in a browser unless `dangerouslyAllowBrowser` is set.
   */
  readonly clientSecret: string | (() => Promise<string>);
  /** The model, sent in the session configuration of the offer. */
  readonly model?: string;
  /**
   * The GA session configuration sent with the SDP offer (a multipart form, as the openai SDK's
   * `realtime.calls.create` sends it). Default: none (the key's session applies).
   */
  readonly session?: Readonly<Record<string, unknown>>;
  /**
   * The microphone. A stream given as is stays the app's; a stream from a function is stopped
   * when the socket closes. Default: none (the call only listens: a `recvonly` audio track).
   */
  readonly microphone?: MediaStream | (() => Promise<MediaStream>);
  /** Default `https://api.openai.com/v1`; the offer goes to `${baseUrl}/realtime/calls`. */
  readonly baseUrl?: string;
  /** Makes the peer connection. Default `new RTCPeerConnection()`. */
  readonly peerConnection?: () => RTCPeerConnection;
  /** The fetch used for the offer. Default the global `fetch`. */
  readonly fetch?: typeof fetch;
}
