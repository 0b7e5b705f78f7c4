// A real `ws` server on 127.0.0.1 for the transport tests, and small helpers to watch a socket.
import type { IncomingHttpHeaders } from 'node:http';
import { filter, firstValueFrom, timeout, type Observable } from 'rxjs';
import type WebSocket from 'ws';
import { WebSocketServer } from 'ws';
import type { ServerEvent } from '../../src/protocol/index.js';
import type {
  RealtimeSocket,
  RealtimeSocketError,
  SocketState,
} from '../../src/transport/index.js';
import { sample } from './helpers.js';

export interface Connection {
  readonly ws: WebSocket;
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly protocol: string;
  readonly received: string[];
}

export interface TestServer {
  readonly port: number;
  readonly connections: Connection[];
  attempts: number;
  nextConnection(): Promise<Connection>;
  nextMessage(conn: Connection, count?: number): Promise<string[]>;
  close(): Promise<void>;
}

export const WAIT = 5000;
const servers: TestServer[] = [];
const sockets: RealtimeSocket[] = [];

/** What a {@link startServer} server does besides recording. */
export interface ServerOptions {
  /** Refuse every upgrade with this HTTP status. */
  readonly reject?: number;
  /** Called for every accepted connection (0-based index), e.g. to script what the server sends. */
  readonly onConnection?: (conn: Connection, index: number) => void;
}

/** A `ws` server on 127.0.0.1 that records connections and what they receive. */
export async function startServer(options: ServerOptions = {}): Promise<TestServer> {
  const wss = new WebSocketServer({
    port: 0,
    host: '127.0.0.1',
    verifyClient: (_info, cb) => {
      server.attempts += 1;
      if (options.reject) cb(false, options.reject, 'Unauthorized');
      else cb(true);
    },
  });
  await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
  const waiting: Array<(c: Connection) => void> = [];
  const server: TestServer = {
    port: (wss.address() as { port: number }).port,
    connections: [],
    attempts: 0,
    nextConnection: () =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('no connection')), WAIT);
        waiting.push((c) => {
          clearTimeout(timer);
          resolve(c);
        });
      }),
    nextMessage: (conn, count = 1) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`only ${conn.received.length} messages`)),
          WAIT,
        );
        const check = () => {
          if (conn.received.length >= count) {
            clearTimeout(timer);
            conn.ws.off('message', check);
            resolve(conn.received.slice(0, count));
          }
        };
        conn.ws.on('message', check);
        setImmediate(check);
      }),
    close: () =>
      new Promise((resolve) => {
        for (const c of wss.clients) c.terminate();
        wss.close(() => resolve());
      }),
  };
  wss.on('connection', (ws, req) => {
    const conn: Connection = {
      ws,
      url: req.url ?? '',
      headers: req.headers,
      protocol: ws.protocol,
      received: [],
    };
    ws.on('message', (data) => conn.received.push(String(data)));
    server.connections.push(conn);
    options.onConnection?.(conn, server.connections.length - 1);
    const next = waiting.shift();
    if (next) next(conn);
  });
  servers.push(server);
  return server;
}

/** Closes the socket after the test. */
export function track(socket: RealtimeSocket): RealtimeSocket {
  sockets.push(socket);
  return socket;
}

export function waitFor<T>(source: Observable<T>, predicate: (value: T) => boolean): Promise<T> {
  return firstValueFrom(source.pipe(filter(predicate), timeout(WAIT)));
}

/** Records everything a socket reports. */
export function collect(socket: RealtimeSocket) {
  const events: ServerEvent[] = [];
  const errors: RealtimeSocketError[] = [];
  const states: SocketState[] = [];
  let fatal: unknown;
  socket.errors$.subscribe((e) => errors.push(e));
  socket.state$.subscribe((s) => states.push(s));
  socket.subscribe({ next: (e) => events.push(e), error: (e: unknown) => (fatal = e) });
  return { events, errors, states, fatal: () => fatal };
}

/** The frames of a sample file, as the server sends them. */
export function lines(name: string): string[] {
  return sample(name).map((e) => JSON.stringify(e));
}

/** Call in `afterEach`: closes the tracked sockets and every server started. */
export async function closeAll(): Promise<void> {
  for (const s of sockets.splice(0)) s.close();
  await Promise.all(servers.splice(0).map((s) => s.close()));
}
