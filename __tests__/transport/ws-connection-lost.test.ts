import { filter, firstValueFrom, last, lastValueFrom, map, take, timeout, toArray } from 'rxjs';
import { assembleResponses } from '../../src/operators/index.js';
import { isEvent, type ClientEvent, type ServerEvent } from '../../src/protocol/index.js';
import {
  TransportError,
  type RealtimeSocket,
  type RealtimeSocketOptions,
} from '../../src/transport/index.js';
import { realtimeSocket } from '../../src/node/transport/index.js';
import { clientSample } from './helpers.js';
import {
  closeAll,
  collect,
  lines,
  startServer,
  track,
  waitFor,
  WAIT,
  type Connection,
  type ServerOptions,
} from './ws-server.js';

afterEach(closeAll);

const [sessionCreated, sessionUpdated] = lines('ga-text-only.server.jsonl');
const sessionUpdate = clientSample('ga-text-only.client.jsonl')[0];

const lostOf = (events: readonly ServerEvent[]) => events.filter(isEvent('local.connection_lost'));

/** Sends a frame, then ends the TCP connection without a close frame (close 1006 at the client). */
const sendThenDrop = (conn: Connection, frame: string): void =>
  conn.ws.send(frame, () => conn.ws.terminate());

/** Answers every `session.update` with a `session.updated`, as the service does. */
const answerSessionUpdates = (conn: Connection): void => {
  conn.ws.on('message', (data) => {
    if ((JSON.parse(String(data)) as ClientEvent).type === 'session.update')
      conn.ws.send(sessionUpdated);
  });
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function socketTo(
  serverOptions: ServerOptions,
  reconnect: RealtimeSocketOptions['reconnect'],
) {
  const server = await startServer(serverOptions);
  const socket: RealtimeSocket = track(
    realtimeSocket({
      url: `ws://127.0.0.1:${server.port}/v1/realtime`,
      apiKey: 'sk-lost',
      reconnect,
    }),
  );
  return { server, socket };
}

/** Resolves with the socket's fatal error (or fails the test if the stream ends otherwise). */
const fatalOf = (socket: RealtimeSocket): Promise<unknown> =>
  lastValueFrom(socket.pipe(timeout(WAIT))).then(
    () => new Error('the event stream completed'),
    (error: unknown) => error,
  );

describe('local.connection_lost over a real ws connection', () => {
  it('is emitted once when the server drops an open connection (reconnect off)', async () => {
    const { server, socket } = await socketTo({}, false);
    const all = lastValueFrom(socket.pipe(toArray(), timeout(WAIT)));
    const conn = await server.nextConnection();
    conn.ws.send(sessionCreated);
    await waitFor(socket, (e) => e.type === 'session.created');
    conn.ws.terminate();
    const events = await all;
    expect(lostOf(events)).toEqual([
      { type: 'local.connection_lost', code: 1006, reason: '', willReconnect: false },
    ]);
    expect(events[events.length - 1].type).toBe('local.connection_lost');
  });

  it('is emitted once with willReconnect true, and not again when the app closes', async () => {
    const { server, socket } = await socketTo(
      {},
      { maxAttempts: 3, initialDelayMs: 5, maxDelayMs: 20, jitter: 0 },
    );
    const got = collect(socket);
    const first = await server.nextConnection();
    first.ws.send(sessionCreated);
    await waitFor(socket, (e) => e.type === 'session.created');
    const second = server.nextConnection();
    first.ws.terminate();
    const reconnected = waitFor(socket, (e) => e.type === 'session.created');
    (await second).ws.send(sessionCreated);
    await reconnected;
    socket.close();
    await waitFor(socket.state$, (s) => s.kind === 'closed');
    expect(lostOf(got.events)).toEqual([
      { type: 'local.connection_lost', code: 1006, reason: '', willReconnect: true },
    ]);
    expect(got.fatal()).toBeUndefined();
  });

  it('is never emitted when the app closes the connection', async () => {
    const { server, socket } = await socketTo({}, true);
    const all = lastValueFrom(socket.pipe(toArray(), timeout(WAIT)));
    const conn = await server.nextConnection();
    conn.ws.send(sessionCreated);
    await waitFor(socket, (e) => e.type === 'session.created');
    socket.close();
    const events = await all;
    expect(events.map((e) => e.type)).toEqual(['session.created']);
  });

  it('carries the code of a clean close by the server', async () => {
    const { server, socket } = await socketTo({}, false);
    const all = lastValueFrom(socket.pipe(toArray(), timeout(WAIT)));
    const conn = await server.nextConnection();
    conn.ws.send(sessionCreated);
    await waitFor(socket, (e) => e.type === 'session.created');
    conn.ws.close(1000, 'bye');
    expect(lostOf(await all)).toEqual([
      { type: 'local.connection_lost', code: 1000, reason: 'bye', willReconnect: false },
    ]);
  });

  it('redacts the key from the close reason it carries', async () => {
    const key = 'sk-proj-lost-key-0000';
    const server = await startServer();
    const socket = track(
      realtimeSocket({ url: `ws://127.0.0.1:${server.port}/v1/realtime`, apiKey: key }),
    );
    const all = lastValueFrom(socket.pipe(toArray(), timeout(WAIT)));
    const conn = await server.nextConnection();
    conn.ws.send(sessionCreated);
    await waitFor(socket, (e) => e.type === 'session.created');
    conn.ws.close(1000, `key ${key} revoked`);
    const [lost] = lostOf(await all);
    expect(lost.code).toBe(1000);
    expect(lost.reason).not.toContain(key);
    expect(lost.reason).toContain('revoked');
  });

  it('finishes the response the drop cut: its last snapshot is incomplete, connection_lost', async () => {
    const { server, socket } = await socketTo({}, false);
    const lastSnapshot = lastValueFrom(socket.pipe(assembleResponses(), last(), timeout(WAIT)));
    const conn = await server.nextConnection();
    const frames = lines('ga-text-only.server.jsonl');
    const deltaAt = frames.findIndex((f) => f.includes('"response.output_text.delta"'));
    for (const f of frames.slice(0, deltaAt + 1)) conn.ws.send(f);
    await waitFor(socket, (e) => e.type === 'response.output_text.delta');
    conn.ws.terminate();
    const snapshot = await lastSnapshot;
    expect(snapshot.status).toBe('incomplete');
    expect(snapshot.statusDetails).toEqual({
      type: 'incomplete',
      error: { type: 'connection_lost', code: 'close_1006' },
    });
  });
});

describe('the reconnection budget over a real ws connection', () => {
  it('a server that accepts and drops every connection exhausts maxAttempts: 2 after 3 connections', async () => {
    const { server, socket } = await socketTo(
      { onConnection: (conn) => sendThenDrop(conn, sessionCreated) },
      { maxAttempts: 2, initialDelayMs: 5, maxDelayMs: 10, jitter: 0 },
    );
    const got = collect(socket);
    const fatal = await fatalOf(socket);
    expect(fatal).toBeInstanceOf(TransportError);
    expect((fatal as TransportError).reason).toBe('reconnect_exhausted');
    // longer than any backoff delay: nothing connects after the end
    await sleep(50);
    expect(server.connections).toHaveLength(3);
    expect(got.states.filter((s) => s.kind === 'reconnecting')).toHaveLength(2);
    expect(got.events.filter((e) => e.type === 'session.created')).toHaveLength(3);
    expect(lostOf(got.events).map((e) => e.willReconnect)).toEqual([true, true, false]);
  });

  it('a connection that reached session.updated and stayed up stableAfterMs earns the budget back', async () => {
    const stableAfterMs = 40;
    const { server, socket } = await socketTo(
      {
        onConnection: (conn, index) => {
          // the first two connections are configured; the later ones drop at once
          if (index < 2) {
            answerSessionUpdates(conn);
            conn.ws.send(sessionCreated);
          } else sendThenDrop(conn, sessionCreated);
        },
      },
      { maxAttempts: 2, initialDelayMs: 5, maxDelayMs: 10, jitter: 0, stableAfterMs },
    );
    const got = collect(socket);
    const configured = (n: number) =>
      firstValueFrom(
        socket.pipe(
          filter((e) => e.type === 'session.updated'),
          take(n),
          toArray(),
          map(() => undefined),
          timeout(WAIT),
        ),
      );
    const fatal = fatalOf(socket);
    const firstConfigured = configured(1);
    socket.next(sessionUpdate);
    const first = await server.nextConnection();
    await firstConfigured;
    // dropped before it was stable: attempt 1
    const second = server.nextConnection();
    const secondConfigured = configured(1);
    first.ws.terminate();
    const conn = await second;
    await secondConfigured;
    // the socket's stable timer started before this sleep, so it has fired when it ends
    await sleep(stableAfterMs * 2);
    conn.ws.terminate();
    const error = await fatal;
    expect((error as TransportError).reason).toBe('reconnect_exhausted');
    // without the reset the third connection would have been the last
    expect(server.connections).toHaveLength(4);
    expect(got.states.flatMap((s) => (s.kind === 'reconnecting' ? [s.attempt] : []))).toEqual([
      1, 1, 2,
    ]);
  });
});
