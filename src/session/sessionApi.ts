// The public shape of a session: what it needs from a socket, its options, and what it offers.
// `createRealtimeSession` builds one; these types are all an app or a test double needs.
import type { Observable, SchedulerLike } from 'rxjs';
import type { McpCallUpdate, ResponseSnapshot } from '../operators/index.js';
import type {
  ClientEvent,
  Dialect,
  EncodeError,
  ServerEvent,
  ServerEventOf,
} from '../protocol/index.js';
import type { RealtimeSocketError, SocketState } from '../transport/index.js';
import type { ConversationState } from './conversationState.js';
import type { Interruption, InterruptionDeps } from './interruption.js';
import type { ResponseMetrics } from './metrics.js';
import type { Recovery } from './recovery.js';
import type { EffectiveSession, SessionEnd, SessionState } from './sessionState.js';
import type { Tool } from './toolLoop.js';
import type { ToolCallUpdate } from './toolRun.js';
import type { ResponseParams, SessionSettings } from './types.js';

/**
 * What a session needs from a socket: the server events and `next` to send; the rest is
 * optional. A `RealtimeSocket` has all of it.
 *
 * @example
 * ```ts
 * import { realtimeSocket, type SessionSocket } from 'rx-realtime';
 * const socket: SessionSocket = realtimeSocket({ model: 'gpt-realtime', apiKey: 'ek_...' });
 * ```
 */
export type SessionSocket = Observable<ServerEvent> & {
  /** Sends a canonical client event. */
  next(event: ClientEvent): void;
  /** Closes the connection; called when the session ends. */
  close?(): void;
  /** Connection state; a `reconnecting` starts the session's recovery. */
  readonly state$?: Observable<Pick<SocketState, 'kind'>>;
  /** The socket's errors; the session's `errors$` includes them. */
  readonly errors$?: Observable<RealtimeSocketError>;
  /** The wire dialect: requests are validated for it before they are queued. Default `ga`. */
  readonly dialect?: Dialect;
  /**
   * Checks an event as `next()` would, without sending it (a `RealtimeSocket` has it, with its
   * `allowUnknownFields`); the session then fails a refused request at once. Without it, the
   * session checks with `encodeClientEvent` for `dialect`.
   */
  validate?(event: ClientEvent): EncodeError | undefined;
  /**
   * Whether the socket itself sends the last `session.update` again after a reconnection (a
   * `RealtimeSocket` does); the session then expects one more `session.updated`.
   */
  readonly replaysSessionUpdate?: boolean;
  /** Replaces the connection by a new one (`recycleBeforeExpiryMs` needs it). */
  recycle?(): void;
  /**
   * Sends `input_audio_buffer.append` with these bytes (a `RealtimeSocket` has it, its fast
   * path); without it, the session encodes the base64 and sends the event with `next`.
   */
  appendAudio?(bytes: Uint8Array, eventId: string): void;
  /** Removes the socket's secrets from a value; the session applies it to the errors it builds. */
  redact?<T>(value: T): T;
  /**
   * What carries the events. On `webrtc` the service truncates on a barge-in by itself, so the
   * interruption unit sends nothing and reports the service's truncation. Default `websocket`.
   */
  readonly transport?: 'websocket' | 'webrtc';
};

/**
 * Options of {@link createRealtimeSession}.
 *
 * @example
 * ```ts
 * import type { RealtimeSessionOptions } from 'rx-realtime';
 * const options: RealtimeSessionOptions = { session: { instructions: 'Be brief.' }, tools: [], lazy: true };
 * ```
 */
export interface RealtimeSessionOptions {
  /** Settings sent by the handshake. Default `{}`. */
  readonly session?: SessionSettings;
  /**
   * Tools: declared in the handshake's `session.update` and run by the tool loop. Checked at
   * creation: a tool without `name`, `handler` or `codec` throws a `TypeError`. Default none.
   */
  readonly tools?: readonly Tool[];
  /**
   * Whether `responses$` keeps the decoded audio in its snapshots (`assembleResponses`'s
   * `retainAudio`). Default `true`. An app that plays audio from `responseStreams()` can say
   * `false`, so that a session's memory is its conversation, not its audio.
   */
  readonly retainAudio?: boolean;
  /** Options of the interruption unit. Default `{}`. */
  readonly interruption?: InterruptionDeps;
  /** Replay the conversation after a reconnect. Default `true`. */
  readonly recover?: boolean;
  /**
   * Create the session without connecting: it connects on `start()` or on the first request.
   * Default `false` (connects at once).
   */
  readonly lazy?: boolean;
  /**
   * With server VAD that creates responses, how long a `createResponse()` waits after
   * `speech_stopped` for the response the server starts itself. Default 1 500 ms.
   */
  readonly serverResponseGraceMs?: number;
  /**
   * Renew the server session this long before its maximum duration (`expires_at` of
   * `session.created`): at the first moment after that when no response is active and the user
   * is not speaking, the socket's connection is replaced (`socket.recycle()`), the new session
   * configured and the conversation replayed, as after a dropped connection. Default off: the
   * service then ends the session at the cap (`session_expired`).
   */
  readonly recycleBeforeExpiryMs?: number;
  /** Scheduler of tool timeouts, interruption timing, metrics and grace periods. Default `asyncScheduler`. */
  readonly scheduler?: SchedulerLike;
  /** `event_id` of the handshake's `session.update`. Default `evt_session_handshake` (`HANDSHAKE_EVENT_ID`). */
  readonly handshakeEventId?: string;
  /** Makes the `event_id`s and item ids of the requests the session sends. Default: a counter. */
  readonly idGenerator?: () => string;
}

/**
 * What a request returns: the server's confirming event, then completion; or the request's own
 * failure: its `EncodeError` (refused before sending), the `ServerError` correlated to it
 * through its `event_id`, or `ConfirmationLostError` naming why it can no longer be confirmed.
 * It replays, and the request is made whether or not anyone subscribes.
 */
export type Confirmation<K extends ServerEvent['type']> = Observable<ServerEventOf<K>>;

/** PCM16 as bytes, `Int16Array` samples, or `Float32Array` samples in [-1, 1]; or G.711 bytes. */
export type AudioInput = Uint8Array | Int16Array | Float32Array;

/**
 * How the handshake ended: `ready` with the session as configured; `failed` with the encoder's
 * refusal, the server's correlated error, or the socket's fatal error; `closed` when the session
 * ended first.
 *
 * @example
 * ```ts
 * import type { SessionReady } from 'rx-realtime';
 * declare const ready: SessionReady;
 * if (ready.kind === 'failed') console.error(ready.error.message);
 * ```
 */
export type SessionReady =
  | {
      /** The server accepted the settings. */
      readonly kind: 'ready';
      /** The session as `session.updated` reported it. */
      readonly session: EffectiveSession;
    }
  | {
      /** The settings were refused, or the connection failed for good before the session was ready. */
      readonly kind: 'failed';
      /** An `EncodeError`, the correlated `ServerError`, or the socket's fatal error. */
      readonly error: Error;
    }
  | {
      /** The session ended before the handshake finished. */
      readonly kind: 'closed';
      /** Why. */
      readonly end: SessionEnd;
    };

/**
 * A Realtime session wired to one socket. See {@link createRealtimeSession}.
 *
 * @example
 * ```ts
 * import type { RealtimeSession } from 'rx-realtime';
 * declare const session: RealtimeSession;
 * session.sendText('Hello');
 * session.createResponse();
 * ```
 */
export interface RealtimeSession {
  /** The lifecycle, replaying the current state; completes after `closed`. */
  readonly state$: Observable<SessionState>;
  /** One value when the handshake settles (replayed), then completes. */
  readonly ready$: Observable<SessionReady>;
  /** Resolves with the handshake's outcome (never rejects: errors are values). */
  ready(): Promise<SessionReady>;
  /** The socket's errors and the session's own (audio appended after the end...). Hot. */
  readonly errors$: Observable<Error>;
  /** The conversation, replaying the current state. */
  readonly conversation$: Observable<ConversationState>;
  /** Responses assembled from deltas (hot: subscribe before requesting one). */
  readonly responses$: Observable<ResponseSnapshot>;
  /** Each time the user talked over playing assistant audio. */
  readonly interrupted$: Observable<Interruption>;
  /**
   * One value per replay after a reconnect: the items re-created, what could not be
   * (audio without transcript...), and the input audio the dropped connection lost. Hot.
   */
  readonly recovery$: Observable<Recovery>;
  /**
   * One value per step of every tool call the session runs: `started` (name, call id, parsed
   * arguments), then `completed` (output, duration on the scheduler) or `failed` (reason:
   * `bad_arguments`, `unknown_tool`, `threw`, `timed_out`, `cancelled`). Hot.
   */
  readonly toolCalls$: Observable<ToolCallUpdate>;
  /** The progress of MCP tools the service runs itself (`type: 'mcp'` tools). Hot. */
  readonly mcpCalls$: Observable<McpCallUpdate>;
  /** Timing and usage of each response, on the scheduler's clock. Hot. */
  readonly metrics$: Observable<ResponseMetrics>;
  /** Connects a `lazy` session (requests do it too). Does nothing once started or closed. */
  start(): void;
  /**
   * Push-to-talk (with `turn_detection: null`): the user starts a turn; clears the input audio
   * buffer so nothing said before counts.
   */
  startTalking(): Confirmation<'input_audio_buffer.cleared'>;
  /**
   * Push-to-talk: the user ends the turn; commits the input audio buffer and requests a
   * response (through the sequencer). Confirmed by the response's `response.created`.
   */
  stopTalking(overrides?: ResponseParams): Confirmation<'response.created'>;
  /**
   * Adds a user text message to the conversation (does not request a response). Confirmed
   * by the `conversation.item.added` of the item (its id is chosen here, so it is sent again
   * safely if the connection drops first).
   */
  sendText(text: string): Confirmation<'conversation.item.added'>;
  /**
   * Sends a user turn: adds the text message and requests one response (through the sequencer).
   * Confirmed by that response's `response.created`; fails with the item's own error when the
   * message is refused.
   */
  sendMessage(text: string, overrides?: ResponseParams): Confirmation<'response.created'>;
  /**
   * Requests a response, through the sequencer: it is sent once no other response is active.
   * Confirmed by the `response.created` of the response that answers it; requests merged while
   * waiting share it.
   */
  createResponse(overrides?: ResponseParams): Confirmation<'response.created'>;
  /**
   * Changes session settings later (a partial update, like the handshake's; it is also applied
   * to any later connection). Confirmed by the next `session.updated`.
   */
  update(settings: SessionSettings): Confirmation<'session.updated'>;
  /** Cancels the active response. Confirmed by its `response.done` (`cancelled`). */
  cancelResponse(): Confirmation<'response.done'>;
  /** Deletes an item. Confirmed by `conversation.item.deleted`. */
  deleteItem(itemId: string): Confirmation<'conversation.item.deleted'>;
  /**
   * Appends audio to the input buffer (samples are converted to PCM16 little-endian bytes;
   * bytes are sent as they are, in the session's input format). The service acknowledges
   * appends with nothing, so this returns nothing; audio appended before the session is ready
   * waits for it. A chunk that is empty, not bytes, or splits a sample (an odd number of PCM16
   * bytes) is refused with an `AudioChunkError` on `errors$`, as is audio appended after the end.
   */
  appendAudio(audio: AudioInput): void;
  /** Commits the input audio buffer. Confirmed by `input_audio_buffer.committed`. */
  commit(): Confirmation<'input_audio_buffer.committed'>;
  /** Throws away the buffered input audio. Confirmed by `input_audio_buffer.cleared`. */
  clearAudio(): Confirmation<'input_audio_buffer.cleared'>;
  /** Ends the session: every request still waiting fails, the socket is closed. */
  close(): void;
}
