import { either } from 'fp-ts';
import type { ClientEvent, ServerEvent } from '../../src/protocol/index.js';
import { DecodeError, DecodeNotice, EncodeError } from '../../src/protocol/index.js';
import {
  realtimeSocket,
  ServerError,
  TransportError,
  type RealtimeSocketError,
  type SocketState,
  type WebSocketCtor,
  type WireFrame,
} from '../../src/transport/index.js';
import { mockWebSocket, type MockWebSockets } from '../../src/testing/mock-websocket.js';
import { clientSample, sample, sampleError } from './helpers.js';

const URL = 'wss://example.test/v1/realtime?model=gpt-realtime';

function setup(extra: Parameters<typeof realtimeSocket>[0] = {}) {
  let n = 0;
  const socket = realtimeSocket({
    url: URL,
    WebSocketCtor: mock.WebSocketCtor,
    apiKey: 'ek_test_key_123',
    idGenerator: () => `evt_${++n}`,
    ...extra,
  });
  const events: ServerEvent[] = [];
  const errors: RealtimeSocketError[] = [];
  const states: SocketState[] = [];
  const wire: WireFrame[] = [];
  let streamError: unknown;
  let completed = false;
  socket.errors$.subscribe((e) => errors.push(e));
  socket.state$.subscribe((s) => states.push(s));
  socket.wire$.subscribe((f) => wire.push(f));
  const sub = socket.subscribe({
    next: (e) => events.push(e),
    error: (e: unknown) => (streamError = e),
    complete: () => (completed = true),
  });
  return {
    socket,
    events,
    errors,
    states,
    wire,
    sub,
    streamError: () => streamError,
    completed: () => completed,
  };
}

const update: ClientEvent = {
  type: 'session.update',
  session: { type: 'realtime', instructions: 'Be brief.', output_modalities: ['text'] },
};

let mock: MockWebSockets;
beforeEach(() => {
  mock = mockWebSocket();
});

/** The server answers the client event `eventId` with an \`error\` naming it. */
function refuseEvent(eventId: string): void {
  mock.last().triggerMessage({
    type: 'error',
    event_id: `event_${eventId}`,
    error: {
      type: 'invalid_request_error',
      code: 'x',
      message: 'm',
      param: null,
      event_id: eventId,
    },
  });
}

describe('realtimeSocket with MockWebSocket', () => {
  it('opens one shared connection on first subscribe, with browser subprotocols', () => {
    const t = setup();
    const other: ServerEvent[] = [];
    t.socket.subscribe((e) => other.push(e));
    expect(mock.sockets).toHaveLength(1);
    expect(mock.last().url).toBe(URL);
    expect(mock.last().protocols).toEqual(['realtime', 'openai-insecure-api-key.ek_test_key_123']);
    expect(t.states).toEqual([{ kind: 'idle' }, { kind: 'connecting', attempt: 0 }]);
    mock.last().open();
    const created = sample('ga-text-only.server.jsonl')[0];
    mock.last().triggerMessage(created);
    expect(t.events.map((e) => e.type)).toEqual(['session.created']);
    expect(other.map((e) => e.type)).toEqual(['session.created']);
  });

  it('queues before open, preserves order, flushes on open', () => {
    const t = setup();
    const [first, second, third] = clientSample('ga-text-only.client.jsonl');
    t.socket.next(first);
    t.socket.next(second);
    t.socket.next(third);
    expect(mock.last().sent).toEqual([]);
    mock.last().open();
    expect(mock.last().sentEvents.map((e) => e.type)).toEqual([
      'session.update',
      'conversation.item.create',
      'response.create',
    ]);
    expect(mock.last().sentEvents.map((e) => e.event_id)).toEqual([
      first.event_id,
      second.event_id,
      third.event_id,
    ]);
  });

  it('queues events sent before anyone subscribes', () => {
    const socket = realtimeSocket({ url: URL, WebSocketCtor: mock.WebSocketCtor, apiKey: 'ek_1' });
    socket.next({ type: 'response.create' });
    socket.connect();
    mock.last().open();
    expect(mock.last().sentEvents.map((e) => e.type)).toEqual(['response.create']);
    socket.close();
  });

  it('drops the oldest event on overflow and reports it', () => {
    const t = setup({ queueLimit: 2 });
    t.socket.next({ type: 'response.create', event_id: 'a' });
    t.socket.next({ type: 'response.create', event_id: 'b' });
    t.socket.next({ type: 'response.create', event_id: 'c' });
    expect(t.errors).toHaveLength(1);
    const error = t.errors[0];
    expect(error).toBeInstanceOf(TransportError);
    expect((error as TransportError).reason).toBe('queue_overflow');
    expect((error as TransportError).fatal).toBe(false);
    mock.last().open();
    expect(mock.last().sentEvents.map((e) => e.event_id)).toEqual(['b', 'c']);
  });

  it('assigns event_id when missing and correlates a server error with its client event', () => {
    const t = setup();
    mock.last().open();
    t.socket.next({ type: 'response.cancel' });
    expect(mock.last().sentEvents[0]).toEqual({ type: 'response.cancel', event_id: 'evt_1' });
    mock.last().triggerMessage(sampleError('evt_1'));
    // on the main stream as a server event ...
    expect(t.events.map((e) => e.type)).toEqual(['error']);
    // ... and on errors$ as a ServerError
    const error = t.errors[0] as ServerError;
    expect(error).toBeInstanceOf(ServerError);
    expect(error.name).toBe('ServerError');
    expect(error.code).toBe('response_cancel_not_active');
    expect(error.errorType).toBe('invalid_request_error');
    expect(error.eventId).toBe('evt_1');
    expect(error.clientEvent).toEqual({ type: 'response.cancel', event_id: 'evt_1' });
    expect(t.streamError()).toBeUndefined();
  });

  it('forgets old sent events beyond sentEventLimit', () => {
    const t = setup({ sentEventLimit: 1 });
    mock.last().open();
    t.socket.next({ type: 'response.cancel', event_id: 'old' });
    t.socket.next({ type: 'response.cancel', event_id: 'new' });
    for (const id of ['old', 'new']) {
      refuseEvent(id);
    }
    expect((t.errors as ServerError[]).map((e) => e.clientEvent?.event_id)).toEqual([
      undefined,
      'new',
    ]);
  });

  it('keeps audio appends in a window of their own, so they do not push out other events', () => {
    const t = setup({ sentEventLimit: 2 });
    mock.last().open();
    t.socket.next({ type: 'response.cancel', event_id: 'cancel' });
    for (let i = 0; i < 20; i += 1)
      t.socket.next({ type: 'input_audio_buffer.append', audio: 'AAAA', event_id: `append_${i}` });
    for (const id of ['cancel', 'append_3', 'append_4', 'append_19']) {
      refuseEvent(id);
    }
    // The 16 newest appends are remembered, and the older event with them.
    expect((t.errors as ServerError[]).map((e) => e.clientEvent?.event_id)).toEqual([
      'cancel',
      undefined,
      'append_4',
      'append_19',
    ]);
  });

  it('remembers no appends with sentAudioLimit 0, and the other events still', () => {
    const t = setup({ sentAudioLimit: 0 });
    mock.last().open();
    t.socket.next({ type: 'response.cancel', event_id: 'cancel' });
    t.socket.appendAudio(new Uint8Array(2), 'append');
    for (const id of ['cancel', 'append']) refuseEvent(id);
    expect((t.errors as ServerError[]).map((e) => e.clientEvent?.event_id)).toEqual([
      'cancel',
      undefined,
    ]);
  });

  it('reports an EncodeError for an invalid event and sends nothing', () => {
    const t = setup();
    mock.last().open();
    t.socket.next({
      type: 'conversation.item.truncate',
      item_id: 'item_1',
      content_index: 0,
      audio_end_ms: 'soon',
    } as unknown as ClientEvent);
    expect(mock.last().sent).toEqual([]);
    expect(t.errors).toHaveLength(1);
    expect(t.errors[0]).toBeInstanceOf(EncodeError);
  });

  it.each([null, undefined, 42, 'response.create', [], true])(
    'reports next(%p) as an EncodeError on errors$ without throwing, and keeps sending',
    (value) => {
      const t = setup();
      mock.last().open();
      expect(() => t.socket.next(value as unknown as ClientEvent)).not.toThrow();
      expect(t.errors).toHaveLength(1);
      expect(t.errors[0]).toBeInstanceOf(EncodeError);
      expect(t.errors[0].message).toMatch(/expected an event object/);
      t.socket.next({ type: 'response.create' });
      expect(mock.last().sentEvents.map((e) => e.type)).toEqual(['response.create']);
    },
  );

  it.each([
    ['rejects', () => Promise.reject(new Error('vault unreachable: sk-provider-secret'))],
    [
      'throws',
      (): Promise<string> => {
        throw new Error('vault unreachable: sk-provider-secret');
      },
    ],
  ])('keeps the error of a key provider that %s as the cause', async (_, apiKey) => {
    const t = setup({ apiKey });
    await Promise.resolve();
    await Promise.resolve();
    const error = t.streamError() as TransportError;
    expect(error).toBeInstanceOf(TransportError);
    expect(error.reason).toBe('auth_unavailable');
    expect(error.cause).toBeInstanceOf(Error);
    expect((error.cause as Error).message).toBe('vault unreachable: sk-provider-secret');
    expect(t.errors).toEqual([error]);
  });

  it('redacts a token the provider returned earlier from its later error', async () => {
    const token = 'ek_first_token_123456';
    let calls = 0;
    const apiKey = (): Promise<string> =>
      ++calls === 1 ? Promise.resolve(token) : Promise.reject(new Error(`${token} expired`));
    const t = setup({ apiKey, reconnect: { maxAttempts: 1, initialDelayMs: 0, jitter: 0 } });
    await new Promise((resolve) => setTimeout(resolve, 0));
    mock.last().open();
    mock.last().triggerClose(1006);
    await new Promise((resolve) => setTimeout(resolve, 10));
    const error = t.streamError() as TransportError;
    expect(error.reason).toBe('auth_unavailable');
    expect((error.cause as Error).message).toBe('[REDACTED] expired');
    expect(JSON.stringify(t.states)).not.toContain(token);
  });

  it('reports a bad frame mid-stream as a DecodeError and keeps going', () => {
    const t = setup();
    mock.last().open();
    const lines = sample('ga-text-only.server.jsonl');
    mock.last().triggerMessage(lines[0]);
    mock.last().triggerMessage('{"type":"response.output_text.delta","delta":'); // not JSON
    mock.last().triggerMessage({ type: 'response.output_text.delta', event_id: 'e' }); // bad shape
    for (const line of lines.slice(1)) mock.last().triggerMessage(line);
    expect(t.errors).toHaveLength(2);
    expect(t.errors.every((e) => e instanceof DecodeError)).toBe(true);
    expect((t.errors[1] as DecodeError).path).not.toBe('');
    expect(t.events).toHaveLength(lines.length);
    expect(t.events.at(-1)?.type).toBe('response.done');
    expect(t.streamError()).toBeUndefined();
  });

  it('translates sent events to the beta dialect and decodes beta frames', () => {
    const t = setup({ dialect: 'beta' });
    expect(mock.last().protocols).toContain('openai-beta.realtime-v1');
    mock.last().open();
    t.socket.next(update);
    expect(mock.last().sentEvents[0]).toEqual({
      type: 'session.update',
      event_id: 'evt_1',
      session: { instructions: 'Be brief.', modalities: ['text'] },
    });
    for (const line of sample('beta-text-only.server.jsonl')) mock.last().triggerMessage(line);
    expect(t.errors).toEqual([]);
    expect(t.events.map((e) => e.type)).toContain('response.output_text.delta');
  });

  it('reports every frame on wire$ with the scheduler time', () => {
    const t = setup();
    mock.last().open();
    t.socket.next({ type: 'response.create', event_id: 'r1' });
    mock.last().triggerMessage('{"type":"nonsense.event","event_id":"x"}');
    expect(t.wire.map((f) => [f.direction, f.text])).toEqual([
      ['out', '{"type":"response.create","event_id":"r1"}'],
      ['in', '{"type":"nonsense.event","event_id":"x"}'],
    ]);
    expect(typeof t.wire[0].time).toBe('number');
    expect(t.events[0]).toMatchObject({ type: 'unknown', wireType: 'nonsense.event' });
  });

  it('close() closes with 1000 and completes; last unsubscribe closes too', () => {
    const t = setup();
    mock.last().open();
    t.socket.close();
    expect(mock.last().closedWith).toEqual({ code: 1000, reason: 'OK' });
    expect(t.completed()).toBe(true);
    expect(t.states.at(-1)).toEqual({ kind: 'closed', code: 1000, reason: 'OK', wasClean: true });

    const again = t.socket.subscribe();
    expect(mock.sockets).toHaveLength(2);
    mock.last().open();
    again.unsubscribe();
    expect(mock.last().closedWith).toEqual({ code: 1000, reason: 'OK' });
  });

  it('a server close without reconnect completes the stream (not fatal)', () => {
    const t = setup();
    mock.last().open();
    mock.last().triggerClose(1006, '', false);
    expect(t.completed()).toBe(true);
    expect(t.streamError()).toBeUndefined();
    expect(t.states.at(-1)).toEqual({ kind: 'closed', code: 1006, reason: '', wasClean: false });
  });

  it('fails fatally with connection_failed when the first connection fails', () => {
    const t = setup();
    mock.last().triggerClose(1006, '', false);
    expect(t.streamError()).toBeInstanceOf(TransportError);
    expect((t.streamError() as TransportError).reason).toBe('connection_failed');
  });

  it('keeps what a throwing WebSocket constructor threw as the cause of connection_failed', () => {
    const thrown = new SyntaxError('Invalid URL: wss://bad host/?key=ek_test_key_123');
    const Throwing = function () {
      throw thrown;
    } as unknown as WebSocketCtor;
    const t = setup({ WebSocketCtor: Throwing });
    const error = t.streamError() as TransportError;
    expect(error.reason).toBe('connection_failed');
    expect(error.cause).toBeInstanceOf(SyntaxError);
    expect((error.cause as Error).message).toBe('Invalid URL: wss://bad host/?key=[REDACTED]');
  });

  it.each([1008, 4001, 4003])('treats close %i as auth refused: fatal, no retry', (code) => {
    const t = setup({ reconnect: { maxAttempts: 3, initialDelayMs: 1 } });
    mock.last().triggerClose(code, 'invalid key', false);
    expect(mock.sockets).toHaveLength(1);
    const error = t.streamError() as TransportError;
    expect(error.reason).toBe('auth_refused');
    expect(error.fatal).toBe(true);
    expect(t.errors).toContain(error);
  });

  it('refuses a standard key in a browser unless dangerouslyAllowBrowser', () => {
    const t = setup({ apiKey: 'sk-proj-secret-value', environment: 'browser' });
    expect(mock.sockets).toHaveLength(0);
    const error = t.streamError() as TransportError;
    expect(error.reason).toBe('browser_key_refused');
    expect(error.message).toContain('/v1/realtime/client_secrets');
    expect(error.message).not.toContain('sk-proj-secret-value');

    setup({
      apiKey: 'sk-proj-secret-value',
      environment: 'browser',
      dangerouslyAllowBrowser: true,
    });
    expect(mock.sockets).toHaveLength(1);
    setup({ apiKey: 'ek_abc', environment: 'browser' });
    expect(mock.sockets).toHaveLength(2);
  });

  it('resolves an async key before connecting', async () => {
    setup({ apiKey: () => Promise.resolve('ek_from_server') });
    expect(mock.sockets).toHaveLength(0);
    await Promise.resolve();
    await Promise.resolve();
    expect(mock.last().protocols).toEqual(['realtime', 'openai-insecure-api-key.ek_from_server']);
  });

  it('fails with auth_unavailable when the key provider rejects', async () => {
    const t = setup({ apiKey: () => Promise.reject(new Error('no key')) });
    await new Promise((resolve) => setImmediate(resolve));
    expect((t.streamError() as TransportError).reason).toBe('auth_unavailable');
  });

  it('never leaks the key in wire$, errors or state', () => {
    const key = 'sk-proj-TOPSECRET-0123456789';
    const t = setup({ apiKey: key, dangerouslyAllowBrowser: true });
    mock.last().open();
    t.socket.next({
      type: 'conversation.item.create',
      item: {
        type: 'message',
        role: 'user',
        content: [{ type: 'input_text', text: `my key is ${key}` }],
      },
    });
    mock.last().triggerMessage(`{"type":"x.echo","event_id":"e","text":"${key}"}`);
    mock.last().triggerMessage(`not json ${key}`);
    mock.last().triggerClose(4001, `bad key ${key}`, false);
    const everything = JSON.stringify({
      wire: t.wire,
      errors: t.errors.map((e) => ({
        message: e.message,
        name: e.name,
        raw: (e as DecodeError).raw,
      })),
      states: t.states,
      fatal: String(t.streamError()),
    });
    expect(everything).not.toContain(key);
    expect(everything).toContain('[REDACTED]');
  });
});

describe('appendAudio', () => {
  const pcm = Uint8Array.from({ length: 960 }, (_, i) => (i * 37) & 0xff);

  it('sends the frame next() sends for the same event, queued before open like any event', () => {
    const viaAppend = setup();
    viaAppend.socket.appendAudio(pcm, 'a1');
    mock.last().open();
    const appended = mock.last().sent;
    const viaNext = setup();
    mock.last().open();
    viaNext.socket.next({
      type: 'input_audio_buffer.append',
      event_id: 'a1',
      audio: Buffer.from(pcm).toString('base64'),
    });
    expect(appended.map((f) => JSON.parse(String(f)) as unknown)).toEqual(
      mock.last().sent.map((f) => JSON.parse(String(f)) as unknown),
    );
    expect(viaAppend.wire.map((f) => f.direction)).toEqual(['out']);
  });

  it('gives the event an id, and names the append behind a server error', () => {
    const t = setup();
    mock.last().open();
    t.socket.appendAudio(pcm);
    const sent = mock.last().sentEvents[0]!;
    expect(sent.event_id).toBe('evt_1');
    refuseEvent('evt_1');
    expect((t.errors[0] as ServerError).clientEvent).toEqual(sent);
  });

  it('names the append as sent when the caller reuses its buffer, sent at once or queued', () => {
    const t = setup();
    const chunk = new Uint8Array(pcm);
    t.socket.appendAudio(chunk, 'queued');
    chunk.fill(1);
    mock.last().open();
    for (let i = 0; i < 3; i += 1) {
      chunk.fill(10 + i);
      t.socket.appendAudio(chunk, `a${i}`);
    }
    chunk.fill(0);
    const sent = new Map(mock.last().sentEvents.map((e) => [e.event_id, e]));
    for (const id of ['queued', 'a0', 'a2']) refuseEvent(id);
    expect((t.errors as ServerError[]).map((e) => e.clientEvent)).toEqual([
      sent.get('queued'),
      sent.get('a0'),
      sent.get('a2'),
    ]);
    expect(sent.get('a0')).toEqual({
      type: 'input_audio_buffer.append',
      event_id: 'a0',
      audio: Buffer.from(new Uint8Array(pcm.length).fill(10)).toString('base64'),
    });
  });

  it('escapes an event id that needs it, so the frame stays JSON', () => {
    setup().socket.appendAudio(pcm, 'a"\\b');
    mock.last().open();
    expect(mock.last().sentEvents[0]!.event_id).toBe('a"\\b');
  });

  it.each([
    ['empty bytes', new Uint8Array(0), 'a1', '.audio'],
    ['not bytes', [1, 2] as unknown as Uint8Array, 'a1', '.audio'],
    ['an id that is not a string', pcm, 7 as unknown as string, '.event_id'],
  ])('refuses %s with an EncodeError and sends nothing', (_what, bytes, id, path) => {
    const t = setup();
    mock.last().open();
    t.socket.appendAudio(bytes, id);
    expect(mock.last().sent).toEqual([]);
    expect(t.errors).toEqual([expect.any(EncodeError)]);
    expect((t.errors[0] as EncodeError).path).toBe(path);
  });
});

describe('notices on errors$', () => {
  it('a DecodeNotice never carries a known key, and the event is still delivered', () => {
    const key = 'sk-proj-TOPSECRET-9876543210';
    const t = setup({ apiKey: key, dangerouslyAllowBrowser: true });
    mock.last().open();
    mock.last().triggerMessage(
      JSON.stringify({
        type: 'rate_limits.updated',
        event_id: 'e1',
        rate_limits: [{ name: key, limit: 1 }],
      }),
    );
    expect(t.events.map((e) => e.type)).toEqual(['rate_limits.updated']);
    expect(t.errors).toHaveLength(1);
    const notice = t.errors[0] as DecodeNotice;
    expect(notice).toBeInstanceOf(DecodeNotice);
    expect([notice.path, notice.kind, notice.value]).toEqual([
      '.rate_limits[0].name',
      'unknown_value',
      '[REDACTED]',
    ]);
    expect(notice.message).not.toContain(key);
  });
});

describe('either import sanity', () => {
  it('fp-ts is the same instance the protocol uses', () => {
    expect(either.isLeft(either.left(1))).toBe(true);
  });
});
