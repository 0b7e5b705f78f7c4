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
import {
  DecodeNotice,
  encodeClientEvent,
  type ClientEvent,
  type Dialect,
  type ServerEvent,
} from '../protocol/index.js';
import { betaTargetWarning, closeOutcome, fatalServerError } from './close-policy.js';
import { Connection } from './connection.js';
import { planConnection } from './connection-plan.js';
import { resolveCredential, staticSecrets } from './credentials.js';
import {
  ServerError,
  TransportError,
  type RealtimeSocketError,
  type TransportErrorReason,
} from './errors.js';
import { eventIdGenerator } from './event-ids.js';
import { createLifecycle, type Lifecycle } from './lifecycle.js';
import type { RealtimeSocketOptions } from './options.js';
import { Outbox } from './outbox.js';
import { Secrets } from './secrets.js';
import type { SocketState } from './socket-state.js';
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
 * a fatal failure: auth refused, reconnection exhausted, first connection failed.
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
  /** Recoverable and fatal errors as values. */
  readonly errors$: Observable<RealtimeSocketError>;
  /** Every raw frame in and out, secrets redacted. */
  readonly wire$: Observable<WireFrame>;
  /** The dialect on the wire. */
  readonly dialect: Dialect;

  private readonly stateSubject = new BehaviorSubject<SocketState>({ kind: 'idle' });
  private readonly errorsSubject = new Subject<RealtimeSocketError>();
  private readonly scheduler: SchedulerLike;
  private readonly secrets: Secrets;
  private readonly wire: WireTap;
  private readonly outbox: Outbox;
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
    this.scheduler = options.scheduler ?? asyncScheduler;
    this.dialect = options.dialect ?? (options.azure?.apiVersion ? 'beta' : 'ga');
    this.secrets = new Secrets(staticSecrets(options));
    this.wire = new WireTap(this.scheduler, this.secrets);
    this.outbox = new Outbox(options, this.wire, (error) => this.errorsSubject.next(error));
    this.nextId = options.idGenerator ?? eventIdGenerator();
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
   * event is queued (bounded by `queueLimit`) and sent in order on open.
   */
  next(event: ClientEvent): void {
    const withId: ClientEvent = event.event_id ? event : { ...event, event_id: this.nextId() };
    const encoded = encodeClientEvent(withId, {
      dialect: this.dialect,
      endpoint: this.options.endpoint,
      allowUnknownFields: this.options.allowUnknownFields,
    });
    if (encoded._tag === 'Left') {
      this.errorsSubject.next(encoded.left);
      return;
    }
    this.outbox.submit({ text: JSON.stringify(encoded.right), event: withId }, this.life?.conn);
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

  /** Closes the connection (default code 1000, reason `OK`); the event stream completes. */
  close(code = 1000, reason = 'OK'): void {
    if (this.life && !this.life.ended) this.shutdown(this.life, code, reason);
  }

  private newLifecycle(): Lifecycle {
    const life = createLifecycle();
    this.life = life;
    return life;
  }

  private connectNow(life: Lifecycle): void {
    this.stateSubject.next({ kind: 'connecting', attempt: life.attempt });
    resolveCredential(
      this.options,
      () => this.life === life && !life.ended,
      (credential, bearer) => this.open(life, credential, bearer),
      (message) => this.fail(life, 'auth_unavailable', message, 1006),
    );
  }

  private open(life: Lifecycle, credential: string | undefined, bearer: boolean): void {
    this.secrets.remember(credential);
    const plan = planConnection(this.options, this.dialect, credential, bearer);
    if (plan.kind === 'refused') {
      this.fail(life, plan.reason, plan.message, plan.code);
      return;
    }
    const warning = betaTargetWarning(plan.setup.url, plan.setup.dialect);
    if (warning && !this.warnedBeta) {
      this.warnedBeta = true;
      console.warn(warning);
    }
    const conn = new Connection(plan.setup, {
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
    life.conn = conn;
    conn.start();
  }

  private onOpen(life: Lifecycle, conn: Connection): void {
    if (life.conn !== conn || life.ended) return;
    conn.open = true;
    const reconnected = life.everOpened;
    life.everOpened = true;
    life.attempt = 0;
    this.stateSubject.next({ kind: 'open' });
    this.outbox.flush(conn, reconnected, () => life.conn === conn);
  }

  private onFrame(life: Lifecycle, conn: Connection, text: string): void {
    if (life.conn !== conn || life.ended) return;
    this.wire.record('in', text);
    const decoded = conn.decoder.decodeFrame(text);
    if (decoded._tag === 'Left') {
      this.errorsSubject.next(this.secrets.redactDecodeError(decoded.left, text));
      return;
    }
    for (const event of decoded.right) {
      life.events.next(event);
      if (event.type === 'error') {
        const clientEvent = this.outbox.sentEvent(event.error.event_id);
        const message = this.secrets.redact(event.error.message);
        this.errorsSubject.next(new ServerError(event, clientEvent, message));
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
    conn: Connection,
    code: number,
    reason: string,
    wasClean: boolean,
  ): void {
    if (life.conn !== conn || life.ended) return;
    life.conn = undefined;
    conn.open = false;
    conn.dispose();
    reason = this.secrets.redact(reason);
    const outcome = closeOutcome({ code, reason, conn, life, options: this.options });
    if (outcome.kind === 'retry') {
      const { attempt, delayMs } = outcome;
      life.attempt = attempt;
      this.stateSubject.next({ kind: 'reconnecting', attempt, delayMs });
      life.retry = timer(delayMs, this.scheduler).subscribe(() => {
        life.retry = undefined;
        if (this.life === life && !life.ended) this.connectNow(life);
      });
      return;
    }
    this.stateSubject.next({ kind: 'closed', code, reason, wasClean });
    if (outcome.kind === 'fail') this.fail(life, outcome.reason, outcome.message, code);
    else this.end(life);
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
    this.stateSubject.next({ kind: 'closed', code, reason, wasClean: true });
    this.end(life);
  }

  private end(life: Lifecycle, error?: TransportError): void {
    if (life.ended) return;
    life.ended = true;
    life.retry?.unsubscribe();
    if (this.life === life) this.life = undefined;
    this.outbox.clear();
    if (error) life.events.error(error);
    else life.events.complete();
  }

  private fail(life: Lifecycle, reason: TransportErrorReason, message: string, code: number): void {
    const error = new TransportError(reason, this.secrets.redact(message), true, code);
    if (this.stateSubject.value.kind !== 'closed')
      this.stateSubject.next({ kind: 'closed', code, reason: error.message, wasClean: false });
    const conn = life.conn;
    life.conn = undefined;
    conn?.dispose();
    this.errorsSubject.next(error);
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
