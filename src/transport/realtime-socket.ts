import {
  asyncScheduler,
  BehaviorSubject,
  Observable,
  Subject,
  timer,
  type Observer,
  type SchedulerLike,
  type Subscription,
} from 'rxjs';
import { webSocket, type WebSocketSubject } from 'rxjs/webSocket';
import {
  createServerEventDecoder,
  encodeClientEvent,
  DecodeError,
  type ClientEvent,
  type Dialect,
  type EncodeError,
  type ServerEvent,
  type ServerEventDecoder,
  type ServerEventOf,
} from '../protocol/index.js';
import { ServerError, TransportError } from './errors.js';
import { redactSecrets, redactUrl } from './redact.js';
import { connectionTarget, type AzureOptions } from './target.js';

/** A constructor with the shape of the DOM `WebSocket` (the global one, `ws`, or a mock). *
 * @example
 * ```ts
 * import { realtimeSocket, type WebSocketCtor } from 'rx-realtime';
 * import WebSocket from 'ws';
 * realtimeSocket({ url: 'ws://127.0.0.1:8080/realtime', WebSocketCtor: WebSocket as unknown as WebSocketCtor });
 * ```
 */
export type WebSocketCtor = new (url: string, protocols?: string | string[]) => WebSocket;

/** Exponential backoff settings. Delay n = min(maxDelayMs, initialDelayMs * 2^(n-1)) * (1 ± jitter). *
 * @example
 * ```ts
 * import { realtimeSocket } from 'rx-realtime';
 * realtimeSocket({ model: 'gpt-realtime', apiKey: 'ek_...', reconnect: { maxAttempts: 3, initialDelayMs: 250 } });
 * ```
 */
export interface ReconnectOptions {
  /** Reconnection attempts before giving up. Default 5. */
  readonly maxAttempts?: number;
  /** Delay before the first attempt. Default 500 ms. */
  readonly initialDelayMs?: number;
  /** Upper bound of a delay. Default 10 000 ms. */
  readonly maxDelayMs?: number;
  /** Random spread as a fraction of the delay, 0..1. Default 0.2. */
  readonly jitter?: number;
}

/** Options of {@link realtimeSocket}. *
 * @example
 * ```ts
 * import { realtimeSocket, type RealtimeSocketOptions } from 'rx-realtime';
 * const options: RealtimeSocketOptions = { model: 'gpt-realtime', apiKey: 'ek_...', queueLimit: 100 };
 * realtimeSocket(options);
 * ```
 */
export interface RealtimeSocketOptions {
  /** Full URL; overrides `baseURL` and `model`. */
  readonly url?: string;
  /** Base URL. Default `wss://api.openai.com/v1`; the socket opens `${baseURL}/realtime?model=...`. */
  readonly baseURL?: string;
  /** The model, such as `gpt-realtime`. */
  readonly model?: string;
  /** Wire dialect. Default `ga`, or `beta` for Azure with an `apiVersion`. */
  readonly dialect?: Dialect;
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
  /** Sent events remembered to correlate server errors. Default 256. */
  readonly sentEventLimit?: number;
  /** Allow a standard API key in a browser. Default false: only `ek_` keys. */
  readonly dangerouslyAllowBrowser?: boolean;
  /** Overrides environment detection (tests). Default: detected through `globalThis`. */
  readonly environment?: 'browser' | 'server';
  /** Generates missing client `event_id`s. Default `evt_<counter>_<random>`. */
  readonly idGenerator?: () => string;
  /** Random source for jitter, 0..1. Default `Math.random`. */
  readonly random?: () => number;
}

/** Connection state. `attempt` is 0 for the first connection, n for the n-th reconnection. *
 * @example
 * ```ts
 * import { realtimeSocket, type SocketState } from 'rx-realtime';
 * realtimeSocket({ model: 'gpt-realtime', apiKey: 'ek_...' }).state$.subscribe((s: SocketState) => {
 *   if (s.kind === 'closed') console.log(s.code, s.reason);
 * });
 * ```
 */
export type SocketState =
  | {
      /** No connection yet (nothing subscribed, `connect()` not called). */
      readonly kind: 'idle';
    }
  | {
      /** Opening the WebSocket. */
      readonly kind: 'connecting';
      /** 0 for the first connection, n for the n-th reconnection. */
      readonly attempt: number;
    }
  | {
      /** Connected: frames flow. */
      readonly kind: 'open';
    }
  | {
      /** The connection dropped with a retryable code; waiting before the next attempt. */
      readonly kind: 'reconnecting';
      /** The attempt about to be made. */
      readonly attempt: number;
      /** The backoff delay before it, in milliseconds. */
      readonly delayMs: number;
    }
  | {
      /** Closed for good (by `close()`, a clean close, or a fatal failure). */
      readonly kind: 'closed';
      /** The WebSocket close code. */
      readonly code: number;
      /** The close reason, secrets redacted. */
      readonly reason: string;
      /** Whether the closing handshake completed. */
      readonly wasClean: boolean;
    };

/** One raw frame, secrets redacted. `time` is `scheduler.now()`. *
 * @example
 * ```ts
 * import { realtimeSocket, type WireFrame } from 'rx-realtime';
 * realtimeSocket({ model: 'gpt-realtime', apiKey: 'ek_...' }).wire$.subscribe((f: WireFrame) =>
 *   console.log(f.time, f.direction, f.text.slice(0, 80)),
 * );
 * ```
 */
export interface WireFrame {
  /** `in` from the server, `out` to the server. */
  readonly direction: 'in' | 'out';
  /** The frame as sent or received, secrets redacted. */
  readonly text: string;
  /** `scheduler.now()` when the frame passed. */
  readonly time: number;
}

/** Everything `errors$` carries. *
 * @example
 * ```ts
 * import { realtimeSocket, type RealtimeSocketError } from 'rx-realtime';
 * realtimeSocket({ model: 'gpt-realtime', apiKey: 'ek_...' }).errors$.subscribe((e: RealtimeSocketError) =>
 *   console.log(e.name, e.message),
 * );
 * ```
 */
export type RealtimeSocketError = DecodeError | EncodeError | ServerError | TransportError;

interface Outgoing {
  readonly text: string;
  readonly event: ClientEvent;
}

interface Lifecycle {
  readonly events: Subject<ServerEvent>;
  refCount: number;
  held: boolean;
  ended: boolean;
  userClosing: boolean;
  everOpened: boolean;
  attempt: number;
  retry: Subscription | undefined;
  conn: Connection | undefined;
}

interface Connection {
  readonly subject: WebSocketSubject<string>;
  readonly decoder: ServerEventDecoder;
  readonly url: string;
  sub: Subscription | undefined;
  open: boolean;
  lastError: unknown;
}

const RETRYABLE = new Set([1001, 1006, 1011, 1012, 1013, 1014]);
const AUTH_CODES = new Set([1008, 4001, 4003]);
const DEFAULT_RECONNECT = { maxAttempts: 5, initialDelayMs: 500, maxDelayMs: 10_000, jitter: 0.2 };

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
  private readonly wireSubject = new Subject<WireFrame>();
  private readonly scheduler: SchedulerLike;
  private readonly queue: Outgoing[] = [];
  private readonly sent = new Map<string, ClientEvent>();
  private readonly secrets: string[] = [];
  private readonly nextId: () => string;
  private lastSessionUpdate: Outgoing | undefined;
  private life: Lifecycle | undefined;

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
    if (typeof options.apiKey === 'string') this.secrets.push(options.apiKey);
    if (options.azure?.apiKey) this.secrets.push(options.azure.apiKey);
    let counter = 0;
    this.nextId =
      options.idGenerator ??
      (() => `evt_${(++counter).toString(36)}_${Math.random().toString(36).slice(2, 8)}`);
    this.state$ = this.stateSubject.asObservable();
    this.errors$ = this.errorsSubject.asObservable();
    this.wire$ = this.wireSubject.asObservable();
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
    const encoded = encodeClientEvent(withId, this.dialect);
    if (encoded._tag === 'Left') {
      this.errorsSubject.next(encoded.left);
      return;
    }
    const out: Outgoing = { text: JSON.stringify(encoded.right), event: withId };
    const conn = this.life?.conn;
    if (conn?.open) {
      this.send(conn, out);
      return;
    }
    this.queue.push(out);
    const limit = this.options.queueLimit ?? 1000;
    while (this.queue.length > limit) {
      const dropped = this.queue.shift();
      this.errorsSubject.next(
        new TransportError(
          'queue_overflow',
          `send queue full (${limit}): dropped ${dropped?.event.type} ${dropped?.event.event_id ?? ''}`.trim(),
          false,
        ),
      );
    }
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
    const life: Lifecycle = {
      events: new Subject<ServerEvent>(),
      refCount: 0,
      held: false,
      ended: false,
      userClosing: false,
      everOpened: false,
      attempt: 0,
      retry: undefined,
      conn: undefined,
    };
    this.life = life;
    return life;
  }

  private connectNow(life: Lifecycle): void {
    this.stateSubject.next({ kind: 'connecting', attempt: life.attempt });
    const { options } = this;
    const azure = options.azure;
    let credential: string | undefined | Promise<string>;
    let bearer = true;
    try {
      if (azure) {
        if (azure.tokenProvider) credential = azure.tokenProvider();
        else {
          credential = azure.apiKey;
          bearer = false;
        }
      } else {
        credential = typeof options.apiKey === 'function' ? options.apiKey() : options.apiKey;
      }
    } catch {
      this.fail(life, 'auth_unavailable', 'the key or token provider threw', 1006);
      return;
    }
    if (credential instanceof Promise) {
      credential.then(
        (value) => {
          if (this.life === life && !life.ended) this.open(life, value, bearer);
        },
        () => {
          if (this.life === life && !life.ended)
            this.fail(life, 'auth_unavailable', 'the key or token provider failed', 1006);
        },
      );
    } else {
      this.open(life, credential, bearer);
    }
  }

  private open(life: Lifecycle, credential: string | undefined, bearer: boolean): void {
    const { options } = this;
    if (credential !== undefined && !this.secrets.includes(credential))
      this.secrets.push(credential);
    const auth = options.headerWebSocketCtor ? 'headers' : 'browser';
    const browser = (options.environment ?? detectEnvironment()) === 'browser';
    const isKey = !(options.azure?.tokenProvider !== undefined);
    if (
      browser &&
      auth === 'browser' &&
      isKey &&
      credential !== undefined &&
      !credential.startsWith('ek_') &&
      !options.dangerouslyAllowBrowser
    ) {
      this.fail(
        life,
        'browser_key_refused',
        'Refusing to send a standard API key from a browser: it would be exposed to every user. ' +
          'Create an ephemeral key on your server with POST /v1/realtime/client_secrets and pass its ' +
          '`ek_...` value as apiKey, or set dangerouslyAllowBrowser: true if you know what you are doing.',
        1008,
      );
      return;
    }
    const target = connectionTarget({
      url: options.url,
      baseURL: options.baseURL,
      model: options.model,
      dialect: this.dialect,
      azure: options.azure,
      credential,
      bearer,
      auth,
    });
    const ctor: WebSocketCtor | undefined = options.headerWebSocketCtor
      ? options.headerWebSocketCtor(target.headers)
      : (options.WebSocketCtor ?? globalWebSocket());
    if (!ctor) {
      this.fail(life, 'connection_failed', 'no WebSocket constructor available', 1006);
      return;
    }
    const safeUrl = redactUrl(target.url);
    let conn: Connection | undefined = undefined;
    const subject = webSocket<string>({
      url: target.url,
      protocol: target.protocols.length > 0 ? [...target.protocols] : undefined,
      WebSocketCtor: ctor,
      deserializer: (e: MessageEvent) => (typeof e.data === 'string' ? e.data : String(e.data)),
      serializer: (text: string) => text,
      openObserver: { next: () => conn && this.onOpen(life, conn) },
      closeObserver: {
        next: (e: CloseEvent) =>
          conn && this.onClose(life, conn, e.code, String(e.reason ?? ''), e.wasClean),
      },
    });
    conn = {
      subject,
      decoder: createServerEventDecoder(this.dialect),
      url: safeUrl,
      sub: undefined,
      open: false,
      lastError: undefined,
    };
    life.conn = conn;
    const current = conn;
    current.sub = subject.subscribe({
      next: (text) => this.onFrame(life, current, text),
      error: (err: unknown) => {
        current.lastError = err;
        // A constructor that throws never produces a close event.
        if (err instanceof Error && !current.open)
          this.onClose(life, current, 1006, 'could not create the socket', false);
      },
    });
  }

  private onOpen(life: Lifecycle, conn: Connection): void {
    if (life.conn !== conn || life.ended) return;
    conn.open = true;
    const reconnected = life.everOpened;
    life.everOpened = true;
    life.attempt = 0;
    this.stateSubject.next({ kind: 'open' });
    if (reconnected && this.lastSessionUpdate) this.send(conn, this.lastSessionUpdate);
    while (this.queue.length > 0 && life.conn === conn) {
      const out = this.queue.shift();
      if (out) this.send(conn, out);
    }
  }

  private send(conn: Connection, out: Outgoing): void {
    conn.subject.next(out.text);
    this.wireSubject.next({
      direction: 'out',
      text: redactSecrets(out.text, this.secrets),
      time: this.scheduler.now(),
    });
    const id = out.event.event_id;
    if (id) {
      this.sent.delete(id);
      this.sent.set(id, out.event);
      const limit = this.options.sentEventLimit ?? 256;
      while (this.sent.size > limit) {
        const oldest = this.sent.keys().next();
        if (oldest.done) break;
        this.sent.delete(oldest.value);
      }
    }
    if (out.event.type === 'session.update') this.lastSessionUpdate = out;
  }

  private onFrame(life: Lifecycle, conn: Connection, text: string): void {
    if (life.conn !== conn || life.ended) return;
    this.wireSubject.next({
      direction: 'in',
      text: redactSecrets(text, this.secrets),
      time: this.scheduler.now(),
    });
    const decoded = conn.decoder.decodeFrame(text);
    if (decoded._tag === 'Left') {
      this.errorsSubject.next(this.redactDecodeError(decoded.left, text));
      return;
    }
    for (const event of decoded.right) {
      life.events.next(event);
      if (isErrorEvent(event)) {
        const id = event.error.event_id ?? undefined;
        this.errorsSubject.next(
          new ServerError(
            event,
            id !== undefined ? this.sent.get(id) : undefined,
            redactSecrets(event.error.message, this.secrets),
          ),
        );
      }
    }
  }

  /** A frame that echoes a secret must not carry it into `errors$`. */
  private redactDecodeError(error: DecodeError, text: string): DecodeError {
    if (redactSecrets(text, this.secrets) === text) return error;
    const clean = (value: unknown): unknown =>
      typeof value === 'string' ? redactSecrets(value, this.secrets) : value;
    return new DecodeError(
      error.eventType,
      error.path,
      error.expected,
      clean(error.actual),
      redactSecrets(text, this.secrets),
      redactSecrets(error.message, this.secrets),
    );
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
    conn.sub?.unsubscribe();
    reason = redactSecrets(reason, this.secrets);
    const closed: SocketState = { kind: 'closed', code, reason, wasClean };
    if (life.userClosing) {
      this.stateSubject.next(closed);
      this.end(life);
      return;
    }
    if (AUTH_CODES.has(code) || isAuthRejection(conn.lastError)) {
      this.stateSubject.next(closed);
      this.fail(
        life,
        'auth_refused',
        `the server refused the credentials for ${conn.url} (close ${code}${reason ? ` ${reason}` : ''}${statusOf(conn.lastError)})`,
        code,
      );
      return;
    }
    const reconnect = this.reconnectOptions();
    if (reconnect && RETRYABLE.has(code)) {
      life.attempt += 1;
      if (life.attempt > reconnect.maxAttempts) {
        this.stateSubject.next(closed);
        this.fail(
          life,
          'reconnect_exhausted',
          `gave up after ${reconnect.maxAttempts} reconnection attempts to ${conn.url} (last close ${code})`,
          code,
        );
        return;
      }
      const delayMs = backoffDelay(life.attempt, reconnect, this.options.random ?? Math.random);
      this.stateSubject.next({ kind: 'reconnecting', attempt: life.attempt, delayMs });
      life.retry = timer(delayMs, this.scheduler).subscribe(() => {
        life.retry = undefined;
        if (this.life === life && !life.ended) this.connectNow(life);
      });
      return;
    }
    this.stateSubject.next(closed);
    if (!life.everOpened) {
      this.fail(
        life,
        'connection_failed',
        `could not connect to ${conn.url} (close ${code}${reason ? ` ${reason}` : ''})`,
        code,
      );
      return;
    }
    this.end(life);
  }

  private reconnectOptions(): Required<ReconnectOptions> | undefined {
    const r = this.options.reconnect;
    if (!r) return undefined;
    return r === true ? DEFAULT_RECONNECT : { ...DEFAULT_RECONNECT, ...r };
  }

  private shutdown(life: Lifecycle, code: number, reason: string): void {
    life.userClosing = true;
    life.held = false;
    life.retry?.unsubscribe();
    life.retry = undefined;
    const conn = life.conn;
    if (conn?.open) {
      conn.subject.error({ code, reason });
      // close() takes effect at once instead of waiting for the closing handshake; late
      // events from this socket are ignored.
      if (life.conn === conn) this.onClose(life, conn, code, reason, true);
      return;
    }
    life.conn = undefined;
    conn?.sub?.unsubscribe();
    this.stateSubject.next({ kind: 'closed', code, reason, wasClean: true });
    this.end(life);
  }

  private end(life: Lifecycle, error?: TransportError): void {
    if (life.ended) return;
    life.ended = true;
    life.retry?.unsubscribe();
    if (this.life === life) this.life = undefined;
    this.queue.length = 0;
    if (error) life.events.error(error);
    else life.events.complete();
  }

  private fail(
    life: Lifecycle,
    reason: TransportError['reason'],
    message: string,
    code: number,
  ): void {
    const error = new TransportError(reason, redactSecrets(message, this.secrets), true, code);
    if (this.stateSubject.value.kind !== 'closed')
      this.stateSubject.next({ kind: 'closed', code, reason: error.message, wasClean: false });
    const conn = life.conn;
    life.conn = undefined;
    conn?.sub?.unsubscribe();
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

/**
 * The backoff delay before reconnection attempt `attempt` (1-based).
 *
 * @example
 * ```ts
 * import { backoffDelay } from 'rx-realtime';
 * backoffDelay(3, { initialDelayMs: 100, maxDelayMs: 1000, jitter: 0 }, () => 0.5); // 400
 * ```
 */
export function backoffDelay(
  attempt: number,
  options: ReconnectOptions,
  random: () => number,
): number {
  const initial = options.initialDelayMs ?? DEFAULT_RECONNECT.initialDelayMs;
  const max = options.maxDelayMs ?? DEFAULT_RECONNECT.maxDelayMs;
  const jitter = Math.min(1, Math.max(0, options.jitter ?? DEFAULT_RECONNECT.jitter));
  const base = Math.min(max, initial * 2 ** Math.max(0, attempt - 1));
  const spread = 1 + jitter * (2 * random() - 1);
  return Math.round(Math.min(max, Math.max(0, base * spread)));
}

function isErrorEvent(event: ServerEvent): event is ServerEventOf<'error'> {
  return event.type === 'error';
}

function isAuthRejection(error: unknown): boolean {
  return /\b(401|403)\b/.test(statusOf(error));
}

/** ws reports a refused upgrade as an error event with `Unexpected server response: 401`. */
function statusOf(error: unknown): string {
  if (typeof error !== 'object' || error === null || !('message' in error)) return '';
  const message = (error as { readonly message: unknown }).message;
  const match =
    typeof message === 'string' ? /Unexpected server response: (\d+)/.exec(message) : null;
  return match ? `, HTTP ${match[1]}` : '';
}

interface MaybeBrowserGlobals {
  readonly window?: unknown;
  readonly document?: unknown;
  readonly process?: { readonly versions?: { readonly node?: string } };
  readonly WebSocket?: WebSocketCtor;
}

function detectEnvironment(): 'browser' | 'server' {
  const g = globalThis as MaybeBrowserGlobals;
  const browserLike = g.window !== undefined && g.document !== undefined;
  return browserLike && !g.process?.versions?.node ? 'browser' : 'server';
}

function globalWebSocket(): WebSocketCtor | undefined {
  return (globalThis as MaybeBrowserGlobals).WebSocket;
}
