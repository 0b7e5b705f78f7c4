/**
 * The one place that says how the page reaches the Realtime API. The service asks the
 * `VOICE_TRANSPORT` token for a connection; `app.config.ts` provides the transport, so
 * switching between WebSocket and WebRTC is one provider.
 */
import { InjectionToken } from '@angular/core';
import { EMPTY, type Observable } from 'rxjs';
import {
  realtimeSocket,
  webrtcSocket,
  type RealtimeSocket,
  type SessionSettings,
} from 'rx-realtime';
import { microphonePcm } from './microphone-pcm';
import { pcmSpeaker } from './pcm-speaker';

/** What a transport needs to connect one call. */
export interface VoiceCallOptions {
  /** Returns an ephemeral `ek_` key from the app's server (called again per connection). */
  readonly clientSecret: () => Promise<string>;
  /** The user's microphone. */
  readonly microphone: MediaStream;
  /** The session configuration (WebRTC sends it with the offer; the session sends it too). */
  readonly session: SessionSettings;
}

/** One connected call. */
export interface VoiceCall {
  readonly socket: RealtimeSocket;
  /** The assistant's voice as a media stream for an `<audio>` element (WebRTC). */
  readonly remoteAudio$: Observable<MediaStream>;
  /** Microphone samples the session must append itself (WebSocket; WebRTC sends a track). */
  readonly microphonePcm$: Observable<Float32Array>;
}

/** Connects a call. */
export type VoiceTransport = (options: VoiceCallOptions) => VoiceCall;

/** The transport the service uses; provided in `app.config.ts`. */
export const VOICE_TRANSPORT = new InjectionToken<VoiceTransport>('rx-realtime voice transport');

/** The session's input rate: PCM16 at 24 kHz, what the WebSocket transport streams. */
export const INPUT_SAMPLE_RATE = 24_000;

/** The session's output rate: PCM16 at 24 kHz. */
export const OUTPUT_SAMPLE_RATE = 24_000;

/**
 * The browser WebSocket (`ek_` key in a subprotocol): the microphone goes as
 * `input_audio_buffer.append` events, and the assistant's audio deltas are played into a media
 * stream for the `<audio>` element (over WebRTC both are media tracks instead).
 */
export function websocketTransport(url: string): VoiceTransport {
  return ({ clientSecret, microphone }) => {
    const socket = realtimeSocket({ url, apiKey: clientSecret });
    return {
      socket,
      remoteAudio$: pcmSpeaker(socket, OUTPUT_SAMPLE_RATE),
      microphonePcm$: microphonePcm(microphone, INPUT_SAMPLE_RATE),
    };
  };
}

/**
 * WebRTC (what OpenAI recommends in browsers): the microphone track goes to the service and the
 * assistant's voice comes back as a remote track for the `<audio>` element; the events travel
 * on the `oai-events` data channel. The offer goes to `${baseUrl}/realtime/calls` with the
 * `ek_` key.
 */
export function webrtcTransport(baseUrl: string): VoiceTransport {
  return ({ clientSecret, microphone, session }) => {
    const socket = webrtcSocket({ baseUrl, clientSecret, microphone, session: { ...session } });
    return { socket, remoteAudio$: socket.remoteAudio$, microphonePcm$: EMPTY };
  };
}
