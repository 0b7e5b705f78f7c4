// The options of `realtimeSocket` and the WebSocket constructor shape it accepts: the whole
// configuration surface of the transport in one place, shared by the socket and the small parts
// it is composed of (credentials, environment, browser guard).
import type { SchedulerLike } from 'rxjs';
import type { Dialect, Endpoint } from '../protocol/index.js';
import type { RealtimeSocketError } from './errors.js';
import type { ReconnectOptions } from './reconnect.js';
import type { AzureOptions } from './target.js';

/** A constructor with the shape of the DOM `WebSocket` (the global one, `ws`, or a mock). *
 * @example
 * ```ts
 * import { realtimeSocket, type WebSocketCtor } from 'rx-realtime';
 * import WebSocket from 'ws';
 * realtimeSocket({ url: 'ws://127.0.0.1:8080/realtime', WebSocketCtor: WebSocket as unknown as WebSocketCtor });
 * ```
 */
export type WebSocketCtor = new (url: string, protocols?: string | string[]) => WebSocket;

/** Options of {@link realtimeSocket}. *
 * @example
 * ```ts
 * import { realtimeSocket, type RealtimeSocketOptions } from 'rx-realtime';
 * const options: RealtimeSocketOptions = { model: 'gpt-realtime', apiKey: 'ek_...', queueLimit: 100 };
 * realtimeSocket(options);
 * ```
 */
export interface RealtimeSocketOptions {
  /** Full URL; overrides `baseURL`, `model` and `callId`. */
  readonly url?: string;
  /** Base URL. Default `wss://api.openai.com/v1`; the socket opens `${baseURL}/realtime?model=...`. */
  readonly baseURL?: string;
  /** The model, such as `gpt-realtime`. Not together with `callId`. */
  readonly model?: string;
  /**
   * Attach to an existing call (SIP, or a WebRTC call a browser placed) instead of opening a new
   * session: the URL gets `?call_id=` instead of `?model=`. This "sideband" socket receives the
   * call's server events and its client events steer the call. Not together with `model`.
   */
  readonly callId?: string;
  /** Wire dialect. Default `ga`, or `beta` for Azure with an `apiVersion`. */
  readonly dialect?: Dialect;
  /**
   * `translations` for a speech translation session (`/v1/realtime/translations`, its own
   * events, GA only); default `realtime`. With `url`, the URL must name the endpoint itself.
   */
  readonly endpoint?: Endpoint;
  /** API key or ephemeral `ek_` key, or a function resolving one (called for every connection). */
  readonly apiKey?: string | (() => Promise<string>);
  /** Azure OpenAI instead of api.openai.com. */
  readonly azure?: AzureOptions;
  /** The WebSocket constructor. Default the global `WebSocket`. Auth goes in subprotocols. */
  readonly WebSocketCtor?: WebSocketCtor;
  /**
   * A constructor factory that can send headers (the Node flavour sets it). When present, auth
   * goes in headers and `WebSocketCtor` is ignored.
   */
  readonly headerWebSocketCtor?: (headers: Readonly<Record<string, string>>) => WebSocketCtor;
  /** Reconnect on retryable closes. Default off; `true` uses the {@link ReconnectOptions} defaults. */
  readonly reconnect?: boolean | ReconnectOptions;
  /** Clock and timers for backoff and `wire$` times. Default `asyncScheduler`. */
  readonly scheduler?: SchedulerLike;
  /** Events kept while not connected; the oldest is dropped beyond it. Default 1000. */
  readonly queueLimit?: number;
  /** Sent events remembered to correlate server errors. Default 256, audio appends apart (see `sentAudioLimit`). */
  readonly sentEventLimit?: number;
  /**
   * Audio appends remembered to correlate server errors, in a window of their own. Default 16
   * (about 15 KB per session at 20 ms chunks: appends made by `appendAudio` are kept as their PCM,
   * in buffers reused in turn); 0 remembers none.
   */
  readonly sentAudioLimit?: number;
  /** Allow a standard API key in a browser. Default false: only `ek_` keys. */
  readonly dangerouslyAllowBrowser?: boolean;
  /** Overrides environment detection (tests). Default: detected through `globalThis`. */
  readonly environment?: 'browser' | 'server';
  /** Generates missing client `event_id`s. Default `evt_<counter>_<random>`. */
  readonly idGenerator?: () => string;
  /** Random source for jitter, 0..1. Default `Math.random`. */
  readonly random?: () => number;
  /**
   * Told about an error that `errors$` would carry while nothing subscribes to it, so no
   * refused event or server error vanishes unseen: once per kind of error (its class plus the
   * transport `reason`, the server `code`, or the event type), secrets redacted. Any `errors$`
   * subscriber silences it, and a fatal error that the event stream delivers to a subscriber
   * is not repeated here. Default: `console.warn` with the error's name and message; pass
   * `() => {}` to stay silent.
   */
  readonly onUnobservedError?: (error: RealtimeSocketError) => void;
  /**
   * Sends what the catalogue does not know yet instead of refusing it with an `EncodeError`:
   * `true` for every unknown field, or JSON paths (`.session.audio.input.foo`, `[]` for any
   * index) under which fields, enum values and item types are sent unchecked, exactly as given.
   * Default: refuse. Known fields keep their checks; GA-only settings stay refused for beta.
   */
  readonly allowUnknownFields?: boolean | readonly string[];
}
