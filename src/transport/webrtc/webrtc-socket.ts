// The WebRTC flavour of the Realtime socket: the same subject, states, errors, wire tap,
// redaction and event ids as the WebSocket one (it is a `RealtimeSocket`), with the events on
// the `oai-events` data channel of a call, the microphone and the assistant's voice as media
// tracks, and the call id from the offer's answer. It never reconnects: a call that ends is over.
import { ReplaySubject, type Observable } from 'rxjs';
import { EncodeError, type ClientEvent } from '../../protocol/index.js';
import { BROWSER_KEY_REFUSAL, refusesBrowserKey } from '../browser-guard.js';
import type { ConnectionHandlers, Link } from '../connection.js';
import type { ConnectionPlan } from '../connection-plan.js';
import { RealtimeSocket } from '../realtime-socket.js';
import type { WebRtcSocketOptions } from './options.js';
import { WebRtcLink } from './webrtc-link.js';

/**
 * A {@link RealtimeSocket} over WebRTC; {@link webrtcSocket} makes one.
 *
 * @example
 * ```ts
 * import { webrtcSocket } from 'rx-realtime';
 * const socket = webrtcSocket({ clientSecret: 'ek_...' });
 * socket.remoteAudio$.subscribe((stream) => console.log(stream.id));
 * socket.callId$.subscribe((id) => console.log('call', id));
 * ```
 */
export class WebRtcRealtimeSocket extends RealtimeSocket {
  override readonly transport = 'webrtc' as const;
  /** The assistant's voice: the remote audio stream of each call, for an `<audio>` element. */
  readonly remoteAudio$: Observable<MediaStream>;
  /** The id of each call, from the `Location` of the offer's answer. */
  readonly callId$: Observable<string>;
  private readonly remoteAudio = new ReplaySubject<MediaStream>(1);
  private readonly callIds = new ReplaySubject<string>(1);
  private lastCallId: string | undefined;

  constructor(private readonly rtc: WebRtcSocketOptions) {
    super({ ...rtc, apiKey: rtc.clientSecret, dialect: 'ga', reconnect: false });
    this.remoteAudio$ = this.remoteAudio.asObservable();
    this.callId$ = this.callIds.asObservable();
  }

  /** The id of the current (or last) call, once the service answered the offer. */
  get callId(): string | undefined {
    return this.lastCallId;
  }

  protected override createLink(
    credential: string | undefined,
    _bearer: boolean,
    handlers: ConnectionHandlers,
  ): Link | Extract<ConnectionPlan, { kind: 'refused' }> {
    if (refusesBrowserKey(this.rtc, 'browser', credential))
      return {
        kind: 'refused',
        reason: 'browser_key_refused',
        message: BROWSER_KEY_REFUSAL,
        code: 1008,
      };
    if (credential === undefined)
      return {
        kind: 'refused',
        reason: 'auth_unavailable',
        message: 'no client secret',
        code: 1008,
      };
    return new WebRtcLink(this.rtc, credential, handlers, {
      onRemoteAudio: (stream) => this.remoteAudio.next(stream),
      onCallId: (callId) => {
        this.lastCallId = callId;
        this.callIds.next(callId);
      },
    });
  }

  /** Audio travels on the microphone track: appending it as events has no meaning here. */
  protected override refuse(event: ClientEvent): EncodeError | undefined {
    if (event.type !== 'input_audio_buffer.append') return undefined;
    return new EncodeError(
      event.type,
      '.type',
      'is not sent over WebRTC: the microphone track carries the audio (pass `microphone` to webrtcSocket)',
      { type: event.type, event_id: event.event_id },
    );
  }
}

/**
 * Creates a {@link WebRtcRealtimeSocket}: a `RealtimeSocket` over a WebRTC call (browser).
 * Nothing connects until the first subscription or `connect()`. It does not reconnect; `state$`
 * reports the end of the call.
 *
 * @example
 * ```ts
 * import { createRealtimeSession, webrtcSocket } from 'rx-realtime';
 * const socket = webrtcSocket({
 *   clientSecret: () => fetch('/api/realtime-key').then((r) => r.text()),
 *   microphone: () => navigator.mediaDevices.getUserMedia({ audio: true }),
 * });
 * socket.remoteAudio$.subscribe((stream) => {
 *   const audio = document.querySelector('audio');
 *   if (audio) audio.srcObject = stream;
 * });
 * const session = createRealtimeSession(socket);
 * session.responses$.subscribe((r) => console.log(r.status));
 * ```
 */
export function webrtcSocket(options: WebRtcSocketOptions): WebRtcRealtimeSocket {
  return new WebRtcRealtimeSocket(options);
}
