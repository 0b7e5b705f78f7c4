// The Realtime socket: one RxJS subject per connection lifecycle, composed of small parts.
// `resolveCredential` and `planConnection` decide how to connect; `Connection` wraps one
// WebSocket; `closeOutcome` decides what a close means; `Outbox` sends, queues and remembers
// client events; `WireTap` and `Secrets` publish frames without credentials. This file wires
// them together and owns the order in which states, events and errors are emitted.
import {
  asyncScheduler,
  BehaviorSubject,
  Observable,
  Subject,
  timer,
  type Observer,
  type SchedulerLike,
} from 'rxjs';
import { either } from 'fp-ts';
import { bytesToBase64 } from '../audio/index.js';
import {
  DecodeNotice,
  EncodeError,
  encodeClientEvent,
  type ClientEvent,
  type Dialect,
  type ServerEvent,
} from '../protocol/index.js';
import {
  betaTargetWarning,
  closeOutcome,
  fatalServerError,
  type CloseOutcome,
} from './close-policy.js';
import { Connection, type ConnectionHandlers, type Link } from './connection.js';
import { planConnection, type ConnectionPlan } from './connection-plan.js';
import { checkConnectionTarget } from './target.js';
import { resolveReconnect } from './reconnect.js';
import { resolveCredential, staticSecrets } from './credentials.js';
import {
  ServerError,
  TransportError,
  type RealtimeSocketError,
  type TransportErrorDetails,
  type TransportErrorReason,
} from './errors.js';
import { eventIdGenerator } from './event-ids.js';
import { createLifecycle, type Lifecycle } from './lifecycle.js';
import type { RealtimeSocketOptions } from './options.js';
import { Outbox } from './outbox.js';
import { Secrets } from './secrets.js';
import type { SocketState } from './socket-state.js';
import { UnobservedErrors, warnUnobserved } from './unobserved-errors.js';
import { WireTap, type WireFrame } from './wire-tap.js';

/**
 * The Realtime socket as an RxJS subject: `next()` sends a canonical client event (validated,
 * given an `event_id` when missing, translated for the dialect), subscribing yields decoded
 * canonical server events. All subscribers share one connection.
 *
 * The connection opens on the first `subscribe()` or on `connect()`, and closes on `close()`
 * or when the last subscriber leaves (unless `connect()` holds it). Subscribing again after
 * that opens a new connection.
 *
 * The event stream completes on a clean close, and errors with a {@link TransportError} only on
 * a fatal failure: auth refused, upgrade refused (HTTP 4xx), reconnection exhausted, first
 * connection failed.
 *
 * @example
 * ```ts
 * import { realtimeSocket } from 'rx-realtime';
 * const socket = realtimeSocket({ model: 'gpt-realtime', apiKey: 'ek_...' });
 * socket.subscribe((event) => console.log(event.type));
 * socket.next({ type: 'response.create' });
 * ```
 */
export class RealtimeSocket extends Observable<ServerEvent> implements Observer<ClientEvent> {
  /** Connection state, replaying the current one. */
  readonly state$: Observable<SocketState>;
  /**
   * Recoverable and fatal errors as values. While nothing subscribes, each error goes to the
   * `onUnobservedError` option instead, once per kind (default: a console warning).
   */
  readonly errors$: Observable<RealtimeSocketError>;
  /** Every raw frame in and out, secrets redacted. */
  readonly wire$: Observable<WireFrame>;
  /** The dialect on the wire. */
  readonly dialect: Dialect;
  /** What carries the events: a WebSocket, or a WebRTC data channel (`webrtcSocket`). */
  readonly transport: 'websocket' | 'webrtc' = 'websocket';
  /** The last `session.update` sent is sent again, first, on every reconnection. */
  readonly replaysSessionUpdate = true;

  private readonly stateSubject = new BehaviorSubject<SocketState>({ kind: 'idle' });
  private readonly errorsSubject = new Subject<RealtimeSocketError>();
  private readonly scheduler: SchedulerLike;
  private readonly secrets: Secrets;
  private readonly wire: WireTap;
  private readonly outbox: Outbox;
  private readonly unobserved: UnobservedErrors;
  private readonly nextId: () => string;
  private life: Lifecycle | undefined;
  private warnedBeta = false;

  constructor(private readonly options: RealtimeSocketOptions = {}) {
    super((subscriber) => {
      const existing = this.life;
      const life = existing ?? this.newLifecycle();
      life.refCount += 1;
      const sub = life.events.subscribe(subscriber);
      if (!existing) this.connectNow(life);
      return () => {
        sub.unsubscribe();
        life.refCount -= 1;
        if (life.refCount === 0 && !life.held && !life.ended) this.shutdown(life, 1000, 'OK');
      };
    });
    checkConnectionTarget(options);
    this.scheduler = options.scheduler ?? asyncScheduler;
    this.dialect = options.dialect ?? (options.azure?.apiVersion ? 'beta' : 'ga');
    this.secrets = new Secrets(staticSecrets(options));
    this.wire = new WireTap(this.scheduler, this.secrets);
    this.outbox = new Outbox(options, this.wire, (error) => this.report(error));
    this.nextId = options.idGenerator ?? eventIdGenerator();
    this.unobserved = new UnobservedErrors(options.onUnobservedError ?? warnUnobserved);
    this.state$ = this.stateSubject.asObservable();
    this.errors$ = this.errorsSubject.asObservable();
    this.wire$ = this.wire.frames$;
  }

  /** The current state. */
  get state(): SocketState {
    return this.stateSubject.value;
  }

  /**
   * Sends a client event: assigns `event_id` when missing, validates and translates it. An
   * invalid event goes to `errors$` as an `EncodeError` and is not sent. While not open, the
   * event is queued (bounded by `queueLimit`) and sent in order on open. Never throws: a value
   * that is not an event object is an `EncodeError` on `errors$` too.
   */
  next(event: ClientEvent): void {
    // JavaScript callers can pass anything: what is not an event object is refused by the encoder.
    const given: unknown = event;
    const isEvent = typeof given === 'object' && given !== null && !Array.isArray(given);
    const withId: ClientEvent =
      !isEvent || event.event_id ? event : { ...event, event_id: this.nextId() };
    const encoded = this.encode(withId);
    if (encoded._tag === 'Left') {
      this.report(encoded.left);
      return;
    }
    this.outbox.submit({ text: JSON.stringify(encoded.right), event: withId }, this.life?.conn);
  }

  /**
   * Sends audio for the input buffer: `input_audio_buffer.append` with these bytes (PCM16
   * little-endian, or G.711, as the session's input format says), base64-encoded here. The
   * same as `next()` with that event, for the path a voice app takes fifty times a second: the
   * base64 is made here, so the frame is written without `JSON.stringify` scanning it, and
   * nothing else is checked but that `bytes` is a non-empty `Uint8Array` and that the transport
   * carries appends (WebRTC does not: its microphone track does); else an `EncodeError` on
   * `errors$`, and nothing is sent.
   *
   * @example
   * ```ts
   * import { realtimeSocket } from 'rx-realtime';
   * const socket = realtimeSocket({ model: 'gpt-realtime', apiKey: 'ek_...' });
   * socket.appendAudio(new Uint8Array(960)); // 20 ms of pcm16 silence at 24 kHz
   * ```
   */
  appendAudio(bytes: Uint8Array, eventId: string = this.nextId()): void {
    const type =
      this.options.endpoint === 'translations'
        ? 'session.input_audio_buffer.append'
        : 'input_audio_buffer.append';
    const refused =
      typeof eventId !== 'string'
        ? new EncodeError(type, '.event_id', 'expected string', eventId)
        : !(bytes instanceof Uint8Array) || bytes.byteLength === 0
          ? new EncodeError(type, '.audio', 'expected non-empty audio bytes', bytes)
          : this.refuse({ type, event_id: eventId, audio: '' } as ClientEvent);
    if (refused) return this.report(refused);
    const audio = bytesToBase64(bytes);
    // Base64 needs no escaping in a JSON string; the id is escaped in case it does.
    const text = `{"type":"${type}","event_id":${JSON.stringify(eventId)},"audio":"${audio}"}`;
    this.outbox.submit(
      { text, event: { type, event_id: eventId, audio } as ClientEvent, pcm: bytes },
      this.life?.conn,
    );
  }

  /**
   * Checks a client event as `next()` would (dialect, endpoint, `allowUnknownFields`) without
   * sending it: the `EncodeError` that would refuse it, or `undefined`. A session uses it to fail
   * a request at once instead of queueing what the socket will refuse.
   */
  validate(event: ClientEvent): EncodeError | undefined {
    const encoded = this.encode(event);
    return encoded._tag === 'Left' ? encoded.left : undefined;
  }

  /**
   * Refuses what this transport cannot carry, before it is encoded; `undefined` for nothing.
   *
   * @hidden
   */
  protected refuse(_event: ClientEvent): EncodeError | undefined {
    return undefined;
  }

  private encode(event: ClientEvent): either.Either<EncodeError, unknown> {
    const refused = this.refuse(event);
    if (refused) return either.left(refused);
    return encodeClientEvent(event, {
      dialect: this.dialect,
      endpoint: this.options.endpoint,
      allowUnknownFields: this.options.allowUnknownFields,
    });
  }

  /** Closes the connection cleanly (same as `close()`), like `Subject.error` ends a subject. */
  error(_err: unknown): void {
    this.close();
  }

  /** Closes the connection cleanly (same as `close()`). */
  complete(): void {
    this.close();
  }

  /** Opens the connection without subscribing; it stays open until `close()`. */
  connect(): void {
    const existing = this.life;
    const life = existing ?? this.newLifecycle();
    life.held = true;
    if (!existing) this.connectNow(life);
  }

  /**
   * Replaces the open connection by a new one at once, as a reconnection that uses none of the
   * reconnection budget: `local.connection_lost` (with `willReconnect`), `reconnecting` with no
   * delay, then a new connection (the last `session.update` is sent again first). A session
   * uses it to renew a server session before its maximum duration. Does nothing unless open.
   */
  recycle(): void {
    const life = this.life;
    const conn = life?.conn;
    if (!life || life.ended || !conn?.open) return;
    life.recycling = true;
    conn.close(1000, 'recycling the connection');
    if (life.conn === conn) this.onClose(life, conn, 1000, 'recycling the connection', true);
  }

  /** Closes the connection (default code 1000, reason `OK`); the event stream completes. */
  close(code = 1000, reason = 'OK'): void {
    if (this.life && !this.life.ended) this.shutdown(this.life, code, reason);
  }

  /**
   * The value with every secret this socket knows (configured keys, every token a provider
   * returned) replaced by `[REDACTED]` in every string inside it (see `redactSecrets`).
   * For values built from what the socket emitted, such as an error wrapping a `ServerError`.
   *
   * @example
   * ```ts
   * import { realtimeSocket } from 'rx-realtime';
   * const socket = realtimeSocket({ model: 'gpt-realtime', apiKey: 'ek_123456' });
   * socket.redact(new Error('rejected ek_123456')).message; // 'rejected [REDACTED]'
   * ```
   */
  redact<T>(value: T): T {
    return this.secrets.redact(value);
  }

  /**
   * Every value on `errors$` passes here, so none carries a secret and none goes unseen
   * (`delivered`: it also reaches a subscriber of the event stream, as a fatal error does).
   */
  private report(error: RealtimeSocketError, delivered = false): void {
    const clean = this.secrets.redact(error);
    if (this.errorsSubject.observed) this.errorsSubject.next(clean);
    else if (!delivered) this.unobserved.unobserved(clean);
  }

  /** Every value on `state$` passes here, so none carries a secret. */
  private setState(state: SocketState): void {
    this.stateSubject.next(this.secrets.redact(state));
  }

  private newLifecycle(): Lifecycle {
    const life = createLifecycle();
    this.life = life;
    return life;
  }

  private connectNow(life: Lifecycle): void {
    this.setState({ kind: 'connecting', attempt: life.attempt });
    resolveCredential(
      this.options,
      () => this.life === life && !life.ended,
      (credential, bearer) => this.open(life, credential, bearer),
      (message, cause) => this.fail(life, 'auth_unavailable', message, 1006, { cause }),
    );
  }

  /**
   * The connection to open with a resolved credential, or why none may be opened. A WebSocket
   * here; the WebRTC socket opens a data channel instead.
   *
   * @hidden
   */
  protected createLink(
    credential: string | undefined,
    bearer: boolean,
    handlers: ConnectionHandlers,
  ): Link | Extract<ConnectionPlan, { kind: 'refused' }> {
    const plan = planConnection(this.options, this.dialect, credential, bearer);
    if (plan.kind === 'refused') return plan;
    const warning = betaTargetWarning(plan.setup.url, plan.setup.dialect);
    if (warning && !this.warnedBeta) {
      this.warnedBeta = true;
      console.warn(warning);
    }
    return new Connection(plan.setup, handlers);
  }

  private open(life: Lifecycle, credential: string | undefined, bearer: boolean): void {
    this.secrets.remember(credential);
    const conn = this.createLink(credential, bearer, {
      onOpen: (current) => this.onOpen(life, current),
      onFrame: (current, text) => this.onFrame(life, current, text),
      onNotice: (current, notice) => {
        if (life.conn !== current || life.ended) return;
        // The unknown value is the server's; were it to echo a credential, it must not show.
        const value = this.secrets.redact(notice.value);
        this.errorsSubject.next(
          value === notice.value
            ? notice
            : new DecodeNotice(notice.eventType, notice.path, notice.kind, value, notice.known),
        );
      },
      onClose: (current, code, reason, wasClean) =>
        this.onClose(life, current, code, reason, wasClean),
    });
    if ('kind' in conn) {
      this.fail(life, conn.reason, conn.message, conn.code);
      return;
    }
    life.conn = conn;
    conn.start();
  }

  private onOpen(life: Lifecycle, conn: Link): void {
    if (life.conn !== conn || life.ended) return;
    conn.open = true;
    const reconnected = life.everOpened;
    life.everOpened = true;
    this.setState({ kind: 'open' });
    this.outbox.flush(conn, reconnected, () => life.conn === conn);
  }

  private onFrame(life: Lifecycle, conn: Link, text: string): void {
    if (life.conn !== conn || life.ended) return;
    this.wire.record('in', text);
    // A frame that mentions a secret is decoded redacted, so no message quotes a piece of it;
    // its events are walked too, in case a secret was spelt with escapes.
    const suspect = this.secrets.mayBeIn(text);
    const decoded = conn.decoder.decodeFrame(suspect ? this.secrets.redact(text) : text);
    if (decoded._tag === 'Left') {
      this.report(decoded.left);
      return;
    }
    const events = suspect ? this.secrets.redact(decoded.right) : decoded.right;
    for (const event of events) {
      if (this.showsSessionConfigured(event)) this.trustAfterStable(life, conn);
      life.events.next(event);
      if (event.type === 'error') {
        this.report(new ServerError(event, this.outbox.sentEvent(event.error.event_id)));
        const fatal = fatalServerError(event, this.dialect);
        if (fatal) {
          conn.close(1000, 'OK');
          this.fail(life, fatal.reason, fatal.message, 4000);
          return;
        }
      }
    }
  }

  private onClose(
    life: Lifecycle,
    conn: Link,
    code: number,
    reason: string,
    wasClean: boolean,
  ): void {
    if (life.conn !== conn || life.ended) return;
    life.conn = undefined;
    const wasOpen = conn.open;
    conn.open = false;
    conn.dispose();
    life.stable?.unsubscribe();
    life.stable = undefined;
    reason = this.secrets.redact(reason);
    const outcome: CloseOutcome = life.recycling
      ? { kind: 'retry', attempt: life.attempt, delayMs: 0 }
      : closeOutcome({ code, reason, conn, life, options: this.options });
    life.recycling = false;
    // Whatever streamed on this connection will never see its `.done` events: say so on the
    // event stream itself, so operators can finish what was cut.
    if (wasOpen && !life.userClosing)
      life.events.next({
        type: 'local.connection_lost',
        code,
        reason,
        willReconnect: outcome.kind === 'retry',
      });
    if (outcome.kind === 'retry') {
      const { attempt, delayMs } = outcome;
      life.attempt = attempt;
      this.setState({ kind: 'reconnecting', attempt, delayMs });
      life.retry = timer(delayMs, this.scheduler).subscribe(() => {
        life.retry = undefined;
        if (this.life === life && !life.ended) this.connectNow(life);
      });
      return;
    }
    this.setState({ kind: 'closed', code, reason, wasClean });
    if (outcome.kind === 'fail') this.fail(life, outcome.reason, outcome.message, code, outcome);
    else this.end(life);
  }

  /**
   * Whether the session on this connection is configured: its `session.updated`, or its
   * `session.created` when this socket never sends a `session.update`.
   */
  private showsSessionConfigured(event: ServerEvent): boolean {
    return (
      event.type === 'session.updated' ||
      (event.type === 'session.created' && !this.outbox.sendsSessionUpdates())
    );
  }

  /**
   * A connection earns back the reconnection budget only once its session is configured and it
   * stayed up `stableAfterMs`, so a server that accepts and drops every connection exhausts it.
   */
  private trustAfterStable(life: Lifecycle, conn: Link): void {
    const reconnect = resolveReconnect(this.options.reconnect);
    if (!reconnect || life.stable || life.attempt === 0) return;
    life.stable = timer(reconnect.stableAfterMs, this.scheduler).subscribe(() => {
      if (life.conn === conn) life.attempt = 0;
    });
  }

  private shutdown(life: Lifecycle, code: number, reason: string): void {
    life.userClosing = true;
    life.held = false;
    life.retry?.unsubscribe();
    life.retry = undefined;
    const conn = life.conn;
    if (conn?.open) {
      conn.close(code, reason);
      // close() takes effect at once instead of waiting for the closing handshake; late
      // events from this socket are ignored.
      if (life.conn === conn) this.onClose(life, conn, code, reason, true);
      return;
    }
    life.conn = undefined;
    conn?.dispose();
    this.setState({ kind: 'closed', code, reason, wasClean: true });
    this.end(life);
  }

  private end(life: Lifecycle, error?: TransportError): void {
    if (life.ended) return;
    life.ended = true;
    life.retry?.unsubscribe();
    life.stable?.unsubscribe();
    if (this.life === life) this.life = undefined;
    this.outbox.clear();
    if (error) life.events.error(error);
    else life.events.complete();
  }

  private fail(
    life: Lifecycle,
    reason: TransportErrorReason,
    message: string,
    code: number,
    details: TransportErrorDetails = {},
  ): void {
    const error = this.secrets.redact(new TransportError(reason, message, true, code, details));
    if (this.stateSubject.value.kind !== 'closed')
      this.setState({ kind: 'closed', code, reason: error.message, wasClean: false });
    const conn = life.conn;
    life.conn = undefined;
    conn?.dispose();
    this.report(error, life.events.observed);
    this.end(life, error);
  }
}

/**
 * Creates a {@link RealtimeSocket}. Nothing connects until the first subscription or
 * `connect()`.
 *
 * @example
 * ```ts
 * import { realtimeSocket } from 'rx-realtime';
 * const socket = realtimeSocket({ model: 'gpt-realtime', apiKey: 'ek_...', reconnect: true });
 * socket.state$.subscribe((s) => console.log(s.kind));
 * socket.subscribe((event) => console.log(event.type));
 * ```
 */
export function realtimeSocket(options: RealtimeSocketOptions = {}): RealtimeSocket {
  return new RealtimeSocket(options);
}
