import { filter, firstValueFrom, timeout, toArray } from 'rxjs';
import WebSocket from 'ws';
import type { ClientEvent } from '../../src/protocol/index.js';
import { DecodeError, DecodeNotice, EncodeError } from '../../src/protocol/index.js';
import {
  realtimeSocket as browserRealtimeSocket,
  ServerError,
  TransportError,
  type WebSocketCtor,
} from '../../src/transport/index.js';
import { realtimeSocket } from '../../src/node/transport/index.js';
import { clientSample, sampleError } from './helpers.js';
import { closeAll, collect, lines, startServer, track, waitFor, WAIT } from './ws-server.js';

afterEach(closeAll);

describe('node flavour over a real ws server', () => {
  it('GA: Bearer header, no beta header, /v1/realtime?model=', async () => {
    const server = await startServer();
    const socket = track(
      realtimeSocket({
        baseURL: `ws://127.0.0.1:${server.port}/v1`,
        model: 'gpt-realtime',
        apiKey: 'sk-test-ga',
      }),
    );
    const got = collect(socket);
    const conn = await server.nextConnection();
    expect(conn.url).toBe('/v1/realtime?model=gpt-realtime');
    expect(conn.headers['authorization']).toBe('Bearer sk-test-ga');
    expect(conn.headers['openai-beta']).toBeUndefined();
    expect(conn.headers['sec-websocket-protocol']).toBeUndefined();
    conn.ws.send(lines('ga-text-only.server.jsonl')[0]);
    await waitFor(socket, (e) => e.type === 'session.created');
    expect(got.events.map((e) => e.type)).toEqual(['session.created']);
    const closed = new Promise<number>((resolve) => conn.ws.once('close', resolve));
    socket.close();
    expect(await closed).toBe(1000);
    expect(socket.state).toEqual({ kind: 'closed', code: 1000, reason: 'OK', wasClean: true });
  });

  it('beta: adds OpenAI-Beta: realtime=v1 and sends beta-shaped events', async () => {
    const server = await startServer();
    const socket = track(
      realtimeSocket({
        url: `ws://127.0.0.1:${server.port}/v1/realtime?model=gpt-4o-realtime-preview`,
        dialect: 'beta',
        apiKey: 'sk-test-beta',
      }),
    );
    collect(socket);
    const conn = await server.nextConnection();
    expect(conn.headers['openai-beta']).toBe('realtime=v1');
    expect(conn.headers['authorization']).toBe('Bearer sk-test-beta');
    socket.next({
      type: 'session.update',
      event_id: 'evt_b1',
      session: { type: 'realtime', output_modalities: ['text'] },
    });
    const [text] = await server.nextMessage(conn);
    expect(JSON.parse(text)).toEqual({
      type: 'session.update',
      event_id: 'evt_b1',
      session: { modalities: ['text'] },
    });
  });

  it('Azure preview form: api-version + deployment, api-key header, beta', async () => {
    const server = await startServer();
    const socket = track(
      realtimeSocket({
        azure: {
          endpoint: `ws://127.0.0.1:${server.port}`,
          deployment: 'gpt-4o-realtime',
          apiVersion: '2024-10-01-preview',
          apiKey: 'azure-key-1',
        },
      }),
    );
    expect(socket.dialect).toBe('beta');
    collect(socket);
    const conn = await server.nextConnection();
    expect(conn.url).toBe(
      '/openai/realtime?api-version=2024-10-01-preview&deployment=gpt-4o-realtime',
    );
    expect(conn.headers['api-key']).toBe('azure-key-1');
    expect(conn.headers['authorization']).toBeUndefined();
    expect(conn.headers['openai-beta']).toBe('realtime=v1');
  });

  it('Azure GA form: /openai/v1/realtime?model=<deployment>, api-key header', async () => {
    const server = await startServer();
    const socket = track(
      realtimeSocket({
        azure: {
          endpoint: `ws://127.0.0.1:${server.port}`,
          deployment: 'gpt-realtime',
          apiKey: 'azure-key-2',
        },
      }),
    );
    expect(socket.dialect).toBe('ga');
    collect(socket);
    const conn = await server.nextConnection();
    expect(conn.url).toBe('/openai/v1/realtime?model=gpt-realtime');
    expect(conn.headers['api-key']).toBe('azure-key-2');
    expect(conn.headers['openai-beta']).toBeUndefined();
  });

  it('Azure with an Entra token provider sends a Bearer token', async () => {
    const server = await startServer();
    track(
      realtimeSocket({
        azure: {
          endpoint: `ws://127.0.0.1:${server.port}`,
          deployment: 'gpt-realtime',
          tokenProvider: () => Promise.resolve('entra-token'),
        },
      }),
    ).subscribe();
    const conn = await server.nextConnection();
    expect(conn.headers['authorization']).toBe('Bearer entra-token');
    expect(conn.headers['api-key']).toBeUndefined();
  });

  it('browser-style subprotocol auth through a constructor that passes protocols', async () => {
    const server = await startServer();
    const socket = track(
      browserRealtimeSocket({
        url: `ws://127.0.0.1:${server.port}/v1/realtime?model=gpt-realtime`,
        apiKey: 'ek_ephemeral_1',
        dialect: 'beta',
        WebSocketCtor: WebSocket as unknown as WebSocketCtor,
      }),
    );
    collect(socket);
    const conn = await server.nextConnection();
    expect(String(conn.headers['sec-websocket-protocol']).split(/,\s*/)).toEqual([
      'realtime',
      'openai-insecure-api-key.ek_ephemeral_1',
      'openai-beta.realtime-v1',
    ]);
    expect(conn.protocol).toBe('realtime');
    expect(conn.headers['authorization']).toBeUndefined();
    await waitFor(socket.state$, (s) => s.kind === 'open');
  });

  it('queues events sent before the socket opens and sends them in order', async () => {
    const server = await startServer();
    const socket = track(
      realtimeSocket({ url: `ws://127.0.0.1:${server.port}/v1/realtime`, apiKey: 'sk-q' }),
    );
    const events = clientSample('ga-text-only.client.jsonl');
    for (const e of events) socket.next(e);
    collect(socket);
    const conn = await server.nextConnection();
    const received = await server.nextMessage(conn, events.length);
    expect(received.map((t) => (JSON.parse(t) as ClientEvent).event_id)).toEqual(
      events.map((e) => e.event_id),
    );
  });

  it('a malformed frame in the middle of a response is a DecodeError; the stream goes on', async () => {
    const server = await startServer();
    const socket = track(
      realtimeSocket({ url: `ws://127.0.0.1:${server.port}/v1/realtime`, apiKey: 'sk-m' }),
    );
    const got = collect(socket);
    const conn = await server.nextConnection();
    const frames = lines('ga-text-only.server.jsonl');
    const middle = Math.floor(frames.length / 2);
    const all = [
      ...frames.slice(0, middle),
      '{"type":"response.output_text.delta",',
      ...frames.slice(middle),
    ];
    for (const f of all) conn.ws.send(f);
    await waitFor(socket, (e) => e.type === 'response.done');
    expect(got.events).toHaveLength(frames.length);
    expect(got.errors).toHaveLength(1);
    expect(got.errors[0]).toBeInstanceOf(DecodeError);
    expect(got.fatal()).toBeUndefined();
  });

  it('an event with an item of an unknown type is delivered, with a DecodeNotice on errors$', async () => {
    const server = await startServer();
    const socket = track(
      realtimeSocket({ url: `ws://127.0.0.1:${server.port}/v1/realtime`, apiKey: 'sk-n' }),
    );
    const got = collect(socket);
    const conn = await server.nextConnection();
    const hologram = { id: 'item_9', type: 'hologram', beams: 2 };
    conn.ws.send(
      JSON.stringify({ type: 'conversation.item.done', event_id: 'e1', item: hologram }),
    );
    const event = await waitFor(socket, (e) => e.type === 'conversation.item.done');
    expect(event).toEqual({
      type: 'conversation.item.done',
      event_id: 'e1',
      item: { type: 'unknown', wireType: 'hologram', id: 'item_9', raw: hologram },
    });
    expect(got.errors).toHaveLength(1);
    expect(got.errors[0]).toBeInstanceOf(DecodeNotice);
    expect((got.errors[0] as DecodeNotice).path).toBe('.item');
    expect(got.fatal()).toBeUndefined();
  });

  it('allowUnknownFields sends a field the catalogue does not know exactly as given', async () => {
    const server = await startServer();
    const event = {
      type: 'session.update',
      event_id: 'evt_1',
      session: {
        type: 'realtime',
        audio: { input: { echo_cancellation: { mode: 'aggressive', tail_ms: 120 } } },
        instructions: 'Be brief.',
      },
    } as unknown as ClientEvent;
    const strict = track(
      realtimeSocket({ url: `ws://127.0.0.1:${server.port}/v1/realtime`, apiKey: 'sk-s' }),
    );
    const refused = collect(strict);
    const strictConn = await server.nextConnection();
    strict.next(event);
    expect(refused.errors).toHaveLength(1);
    expect(refused.errors[0]).toBeInstanceOf(EncodeError);
    expect(refused.errors[0].message).toBe(
      'session.update: at .session.audio.input.echo_cancellation is not a field of this event (the catalogue may be older than the service: to send it anyway, set the socket option allowUnknownFields)',
    );
    for (const allowUnknownFields of [true, ['.session.audio.input.echo_cancellation']]) {
      const socket = track(
        realtimeSocket({
          url: `ws://127.0.0.1:${server.port}/v1/realtime`,
          apiKey: 'sk-a',
          allowUnknownFields,
        }),
      );
      const got = collect(socket);
      const conn = await server.nextConnection();
      socket.next(event);
      const [text] = await server.nextMessage(conn);
      expect(text).toBe(JSON.stringify(event));
      expect(got.errors).toEqual([]);
    }
    expect(strictConn.received).toEqual([]);
  });

  it('a translation session: /v1/realtime/translations, its events decoded and sent', async () => {
    const server = await startServer();
    const socket = track(
      realtimeSocket({
        baseURL: `ws://127.0.0.1:${server.port}/v1`,
        model: 'gpt-realtime-translate',
        apiKey: 'sk-t',
        endpoint: 'translations',
      }),
    );
    const got = collect(socket);
    const conn = await server.nextConnection();
    expect(conn.url).toBe('/v1/realtime/translations?model=gpt-realtime-translate');
    const session = {
      id: 'sess_1',
      type: 'translation',
      model: 'gpt-realtime-translate',
      expires_at: 1,
      audio: { input: { transcription: null, noise_reduction: null }, output: { language: 'es' } },
    };
    conn.ws.send(JSON.stringify({ type: 'session.created', event_id: 'e1', session }));
    conn.ws.send(
      JSON.stringify({
        type: 'session.output_audio.delta',
        event_id: 'e2',
        delta: 'AAAA',
        elapsed_ms: 20,
      }),
    );
    conn.ws.send(
      JSON.stringify({ type: 'session.output_transcript.delta', event_id: 'e3', delta: 'Hola' }),
    );
    await waitFor(socket, (e) => e.type === 'session.output_transcript.delta');
    expect(got.events.map((e) => e.type)).toEqual([
      'session.created',
      'session.output_audio.delta',
      'session.output_transcript.delta',
    ]);
    expect(got.events[0]).toEqual({ type: 'session.created', event_id: 'e1', session });
    const sent: ClientEvent[] = [
      {
        type: 'session.update',
        event_id: 'c1',
        session: { audio: { output: { language: 'fr' } } },
      },
      { type: 'session.input_audio_buffer.append', event_id: 'c2', audio: 'AAAA' },
      { type: 'session.close', event_id: 'c3' },
    ];
    for (const event of sent) socket.next(event);
    const frames = await server.nextMessage(conn, 3);
    expect(frames.map((f) => JSON.parse(f) as unknown)).toEqual(sent);
    expect(got.errors).toEqual([]);
  });

  it('a server error event is correlated with the client event that caused it', async () => {
    const server = await startServer();
    const socket = track(
      realtimeSocket({ url: `ws://127.0.0.1:${server.port}/v1/realtime`, apiKey: 'sk-e' }),
    );
    collect(socket);
    const conn = await server.nextConnection();
    conn.ws.on('message', (data) => {
      const event = JSON.parse(String(data)) as { type: string; event_id: string };
      if (event.type !== 'response.cancel') return;
      conn.ws.send(JSON.stringify(sampleError(event.event_id)));
    });
    const serverError = firstValueFrom(
      socket.errors$.pipe(
        filter((e): e is ServerError => e instanceof ServerError),
        timeout(WAIT),
      ),
    );
    const onStream = waitFor(socket, (e) => e.type === 'error');
    socket.next({ type: 'response.cancel' });
    const error = await serverError;
    await onStream;
    expect(error.code).toBe('response_cancel_not_active');
    expect(error.clientEvent?.type).toBe('response.cancel');
    expect(error.clientEvent?.event_id).toBe(error.eventId);
  });

  it('close() while the WebSocket is still opening ends the stream, and nothing is left open', async () => {
    const server = await startServer();
    const socket = track(
      realtimeSocket({ url: `ws://127.0.0.1:${server.port}/v1/realtime`, apiKey: 'sk-c' }),
    );
    const done = firstValueFrom(socket.pipe(toArray(), timeout(WAIT)));
    socket.close();
    expect(await done).toEqual([]);
    expect(socket.state).toMatchObject({ kind: 'closed', code: 1000, wasClean: true });
    // The aborted handshake reports its error on a later tick: it must find a listener.
    await new Promise((resolve) => setImmediate(resolve));
    for (const conn of server.connections)
      if (conn.ws.readyState !== WebSocket.CLOSED)
        await new Promise((resolve) => conn.ws.once('close', resolve));
  });

  it('close(code, reason) while open is the closing handshake the server receives', async () => {
    const server = await startServer();
    const socket = track(
      realtimeSocket({ url: `ws://127.0.0.1:${server.port}/v1/realtime`, apiKey: 'sk-c' }),
    );
    collect(socket);
    const conn = await server.nextConnection();
    await waitFor(socket.state$, (s) => s.kind === 'open');
    const closed = new Promise<[number, string]>((resolve) =>
      conn.ws.once('close', (code, reason) => resolve([code, String(reason)])),
    );
    socket.close(4001, 'done here');
    expect(await closed).toEqual([4001, 'done here']);
    expect(socket.state).toMatchObject({ kind: 'closed', code: 4001, reason: 'done here' });
  });

  it('an abrupt close mid-response without reconnect: state$ says closed 1006, stream completes', async () => {
    const server = await startServer();
    const socket = track(
      realtimeSocket({ url: `ws://127.0.0.1:${server.port}/v1/realtime`, apiKey: 'sk-a' }),
    );
    const done = firstValueFrom(socket.pipe(toArray(), timeout(WAIT)));
    const conn = await server.nextConnection();
    for (const f of lines('ga-text-only.server.jsonl').slice(0, 5)) conn.ws.send(f);
    await waitFor(socket.state$, (s) => s.kind === 'open');
    await new Promise((resolve) => setImmediate(resolve));
    conn.ws.terminate();
    const events = await done;
    expect(events.length).toBeGreaterThan(0);
    expect(socket.state).toMatchObject({ kind: 'closed', code: 1006, wasClean: false });
  });

  it('with reconnect on, it comes back after an abrupt close and re-sends the session.update', async () => {
    const server = await startServer();
    const socket = track(
      realtimeSocket({
        url: `ws://127.0.0.1:${server.port}/v1/realtime`,
        apiKey: 'sk-r',
        reconnect: { maxAttempts: 3, initialDelayMs: 10, maxDelayMs: 50, jitter: 0 },
      }),
    );
    const got = collect(socket);
    const first = await server.nextConnection();
    const update = clientSample('ga-text-only.client.jsonl')[0];
    socket.next(update);
    await server.nextMessage(first, 1);
    for (const f of lines('ga-text-only.server.jsonl').slice(0, 4)) first.ws.send(f);
    const second = server.nextConnection();
    first.ws.terminate();
    const conn = await second;
    const [resent] = await server.nextMessage(conn, 1);
    expect(JSON.parse(resent)).toEqual(JSON.parse(first.received[0]));
    await waitFor(socket.state$, (s) => s.kind === 'open');
    expect(got.states.map((s) => s.kind)).toEqual([
      'idle',
      'connecting',
      'open',
      'reconnecting',
      'connecting',
      'open',
    ]);
    expect(got.fatal()).toBeUndefined();
  });

  it('auth refused (HTTP 401 on upgrade): no retry, fatal auth_refused without the key', async () => {
    const server = await startServer({ reject: 401 });
    const key = 'sk-proj-refused-key-0000';
    const socket = track(
      realtimeSocket({
        url: `ws://127.0.0.1:${server.port}/v1/realtime`,
        apiKey: key,
        reconnect: { maxAttempts: 5, initialDelayMs: 10 },
      }),
    );
    const error = (await new Promise<unknown>((resolve) => {
      const timer = setTimeout(() => resolve(new Error('no failure')), WAIT);
      const settle = (value: unknown) => {
        clearTimeout(timer);
        resolve(value);
      };
      socket.subscribe({ error: settle, complete: () => settle('completed') });
    })) as TransportError;
    expect(error).toBeInstanceOf(TransportError);
    expect(error.reason).toBe('auth_refused');
    expect(error.fatal).toBe(true);
    expect(error.message).toContain('401');
    expect(error.status).toBe(401);
    expect(`${error.message} ${String(error.stack)}`).not.toContain(key);
    expect(server.attempts).toBe(1);
    expect(socket.state.kind).toBe('closed');
  });

  /** A socket against a server that answers every upgrade with `status`, run until it closes. */
  async function refusedWith(status: number, maxAttempts: number) {
    const server = await startServer({ reject: status });
    const socket = track(
      realtimeSocket({
        url: `ws://127.0.0.1:${server.port}/v1/realtime`,
        apiKey: 'sk-proj-some-key-1111',
        reconnect: { maxAttempts, initialDelayMs: 5, jitter: 0 },
      }),
    );
    const got = collect(socket);
    await waitFor(socket.state$, (st) => st.kind === 'closed');
    return { server, got, error: got.fatal() as TransportError };
  }

  it('an upgrade refused with 404: fatal upgrade_refused with the status, never retried', async () => {
    const { server, got, error } = await refusedWith(404, 5);
    expect(error).toBeInstanceOf(TransportError);
    expect(error.reason).toBe('upgrade_refused');
    expect(error.status).toBe(404);
    expect(error.fatal).toBe(true);
    expect(error.message).toMatch(/HTTP 404/);
    expect(got.errors).toEqual([error]);
    expect(server.attempts).toBe(1);
    expect(got.states.some((st) => st.kind === 'reconnecting')).toBe(false);
  });

  it('an upgrade refused with 503 is retried, and the status is kept when it gives up', async () => {
    const { server, error } = await refusedWith(503, 2);
    expect(error.reason).toBe('reconnect_exhausted');
    expect(error.status).toBe(503);
    expect(server.attempts).toBe(3);
  });
});
