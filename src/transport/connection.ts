// One WebSocket connection: the RxJS `webSocket` subject with its text (de)serialisation, the
// decoder of its dialect, and whether it is open. Each reconnection makes a new one, so the
// socket can tell a late event of an old connection from a current one by identity and ignore it.
import type { Subscription } from 'rxjs';
import { webSocket, type WebSocketSubject } from 'rxjs/webSocket';
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

/** One WebSocket connection; {@link Connection.start} opens it. */
export class Connection implements Link {
  /** The decoder of this connection's frames (it keeps per-connection state). */
  readonly decoder: ServerEventDecoder;
  /** The URL with secrets redacted, for messages. */
  readonly url: string;
  /** Whether the WebSocket is open. */
  open = false;
  /** The last error the WebSocket reported (ws puts a refused upgrade's HTTP status there). */
  lastError: unknown = undefined;
  private readonly subject: WebSocketSubject<string>;
  private sub: Subscription | undefined = undefined;

  constructor(
    target: ConnectionSetup,
    private readonly handlers: ConnectionHandlers,
  ) {
    this.subject = webSocket<string>({
      url: target.url,
      protocol: target.protocols.length > 0 ? [...target.protocols] : undefined,
      WebSocketCtor: target.ctor,
      deserializer: (e: MessageEvent) => (typeof e.data === 'string' ? e.data : String(e.data)),
      serializer: (text: string) => text,
      openObserver: { next: () => handlers.onOpen(this) },
      closeObserver: {
        next: (e: CloseEvent) => handlers.onClose(this, e.code, String(e.reason ?? ''), e.wasClean),
      },
    });
    this.decoder = createServerEventDecoder({
      dialect: target.dialect,
      endpoint: target.endpoint,
      onNotice: (notice) => handlers.onNotice(this, notice),
    });
    this.url = redactUrl(target.url);
  }

  /** Opens the WebSocket. */
  start(): void {
    this.sub = this.subject.subscribe({
      next: (text) => this.handlers.onFrame(this, text),
      error: (err: unknown) => {
        this.lastError = err;
        // A constructor that throws never produces a close event.
        if (err instanceof Error && !this.open)
          this.handlers.onClose(this, 1006, 'could not create the socket', false);
      },
    });
  }

  /** Sends one text frame. */
  send(text: string): void {
    this.subject.next(text);
  }

  /** Starts the closing handshake with this code and reason. */
  close(code: number, reason: string): void {
    this.subject.error({ code, reason });
  }

  /** Stops listening to the WebSocket. */
  dispose(): void {
    this.sub?.unsubscribe();
  }
}
