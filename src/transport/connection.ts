// One WebSocket connection: the WebSocket with its text frames, the decoder of its dialect, and
// whether it is open. Each reconnection makes a new one, so the socket can tell a late event of
// an old connection from a current one by identity and ignore it.
import {
  createServerEventDecoder,
  type DecodeNotice,
  type Dialect,
  type Endpoint,
  type ServerEventDecoder,
} from '../protocol/index.js';
import type { WebSocketCtor } from './options.js';
import { redactUrl } from './redact.js';

/** Where and with what one {@link Connection} opens. */
export interface ConnectionSetup {
  /** The URL, possibly with a secret in the query string. */
  readonly url: string;
  /** WebSocket subprotocols; none when empty. */
  readonly protocols: readonly string[];
  /** The constructor to open it with. */
  readonly ctor: WebSocketCtor;
  /** The dialect to decode frames in. */
  readonly dialect: Dialect;
  /** The endpoint whose events the frames carry. */
  readonly endpoint: Endpoint;
}

/**
 * One connection of a socket, whatever carries it (a WebSocket, or a WebRTC data channel):
 * what the socket, its outbox and its close policy use.
 */
export interface Link {
  /** The decoder of this connection's frames (it keeps per-connection state). */
  readonly decoder: ServerEventDecoder;
  /** Where it connects, secrets redacted, for messages. */
  readonly url: string;
  /** Whether frames flow. */
  open: boolean;
  /**
   * The last error reported; a fatal `TransportError` here says why the connection failed and
   * is what the socket fails with.
   */
  lastError: unknown;
  /** Opens it. */
  start(): void;
  /** Sends one text frame. */
  send(text: string): void;
  /** Closes it with this code and reason. */
  close(code: number, reason: string): void;
  /** Stops listening to it. */
  dispose(): void;
}

/** What a {@link Link} reports to its owner. */
export interface ConnectionHandlers {
  /** The connection opened. */
  readonly onOpen: (conn: Link) => void;
  /** A text frame arrived. */
  readonly onFrame: (conn: Link, text: string) => void;
  /** A frame decoded with parts newer than the catalogue (reported before its events). */
  readonly onNotice: (conn: Link, notice: DecodeNotice) => void;
  /** The connection closed (or could not be created). */
  readonly onClose: (conn: Link, code: number, reason: string, wasClean: boolean) => void;
}

/** The `ws` flavour of a WebSocket: also an event emitter, whose `message` gives the data. */
interface NodeEmitter {
  on(type: 'message', listener: (data: unknown) => void): void;
}

/**
 * One WebSocket connection; {@link Connection.start} opens it. It listens through the standard
 * `on…` handlers of the WebSocket API (the same in `ws`, undici and browsers): every frame of
 * every session passes here, so it hands each one on in one call.
 */
export class Connection implements Link {
  /** The decoder of this connection's frames (it keeps per-connection state). */
  readonly decoder: ServerEventDecoder;
  /** The URL with secrets redacted, for messages. */
  readonly url: string;
  /** Whether the WebSocket is open. */
  open = false;
  /** The last error the WebSocket reported (ws puts a refused upgrade's HTTP status there). */
  lastError: unknown = undefined;
  private socket: WebSocket | undefined = undefined;
  private disposed = false;

  constructor(
    private readonly target: ConnectionSetup,
    private readonly handlers: ConnectionHandlers,
  ) {
    this.decoder = createServerEventDecoder({
      dialect: target.dialect,
      endpoint: target.endpoint,
      onNotice: (notice) => handlers.onNotice(this, notice),
    });
    this.url = redactUrl(target.url);
  }

  /** Opens the WebSocket. */
  start(): void {
    const { url, protocols, ctor } = this.target;
    let socket: WebSocket;
    try {
      socket = protocols.length > 0 ? new ctor(url, [...protocols]) : new ctor(url);
    } catch (err) {
      // A constructor that throws never produces a close event.
      this.lastError = err;
      this.handlers.onClose(this, 1006, 'could not create the socket', false);
      return;
    }
    this.socket = socket;
    // The handlers stay attached after dispose(): `ws` throws an `error` event nobody listens to.
    socket.onopen = () => {
      if (!this.disposed) this.handlers.onOpen(this);
    };
    // `ws` emits each message's data itself besides the standard handler, which wraps it in a
    // MessageEvent first: one object less per frame, for every frame of every session.
    const emitter = socket as unknown as Partial<NodeEmitter>;
    if (typeof emitter.on === 'function')
      emitter.on('message', (data) => {
        if (!this.disposed) this.handlers.onFrame(this, String(data));
      });
    else
      socket.onmessage = (e: MessageEvent) => {
        if (!this.disposed)
          this.handlers.onFrame(this, typeof e.data === 'string' ? e.data : String(e.data));
      };
    socket.onerror = (e: Event) => {
      this.lastError = e;
    };
    socket.onclose = (e: CloseEvent) => {
      if (!this.disposed) this.handlers.onClose(this, e.code, String(e.reason ?? ''), e.wasClean);
    };
  }

  /** Sends one text frame (dropped unless open, as the socket only sends while open). */
  send(text: string): void {
    if (this.socket?.readyState !== 1) return;
    try {
      this.socket.send(text);
    } catch (err) {
      this.lastError = err;
    }
  }

  /** Starts the closing handshake with this code and reason. */
  close(code: number, reason: string): void {
    try {
      this.socket?.close(code, reason);
    } catch (err) {
      this.lastError = err;
    }
  }

  /** Stops listening to the WebSocket, closing it if it is still open or opening. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    const socket = this.socket;
    if (socket && (socket.readyState === 0 || socket.readyState === 1)) socket.close();
  }
}
