import type { ClientEvent } from '../../src/protocol/index.js';
import { mockWebSocket, type MockWebSockets } from '../../src/testing/mock-websocket.js';
import {
  realtimeSocket,
  ServerError,
  type RealtimeSocketError,
  type RealtimeSocketOptions,
} from '../../src/transport/index.js';
import { sampleError } from './helpers.js';

let mock: MockWebSockets = mockWebSocket();

const KEY = 'ek_unobserved_secret_1';
const bad = { type: 'conversation.item.truncate', item_id: 'i' } as unknown as ClientEvent;

function open(extra: Partial<RealtimeSocketOptions> = {}) {
  const socket = realtimeSocket({
    url: 'wss://example.test/v1/realtime',
    WebSocketCtor: mock.WebSocketCtor,
    apiKey: KEY,
    ...extra,
  });
  socket.subscribe();
  mock.last().open();
  return socket;
}

beforeEach(() => {
  mock = mockWebSocket();
});
afterEach(() => jest.restoreAllMocks());

describe('errors nobody subscribes to', () => {
  it('are told to onUnobservedError once per kind: a refused event, then a server error', () => {
    const seen: RealtimeSocketError[] = [];
    const socket = open({ onUnobservedError: (e) => seen.push(e) });
    socket.next(bad);
    socket.next(bad);
    mock.last().triggerMessage(sampleError('evt_x'));
    mock.last().triggerMessage(sampleError('evt_y'));
    expect(seen.map((e) => e.name)).toEqual(['EncodeError', 'ServerError']);
    expect(seen[1]).toBeInstanceOf(ServerError);
  });

  it('are warned on the console by default, with the redacted message', () => {
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    open();
    mock.last().triggerMessage({
      type: 'error',
      event_id: 'e',
      error: { type: 'invalid_request_error', code: 'bad', message: `key ${KEY} refused` },
    });
    expect(warn).toHaveBeenCalledTimes(1);
    const text = warn.mock.calls[0].join(' ');
    expect(text).toContain('ServerError');
    expect(text).toContain('key [REDACTED] refused');
    expect(text).not.toContain(KEY);
    expect(text).toMatch(/errors\$/);
  });

  it('are silent while anything subscribes to errors$, and visible again after', () => {
    const seen: RealtimeSocketError[] = [];
    const socket = open({ onUnobservedError: (e) => seen.push(e) });
    const observed: RealtimeSocketError[] = [];
    const sub = socket.errors$.subscribe((e) => observed.push(e));
    socket.next(bad);
    expect(observed).toHaveLength(1);
    expect(seen).toEqual([]);
    sub.unsubscribe();
    socket.next(bad);
    expect(seen.map((e) => e.name)).toEqual(['EncodeError']);
  });

  it('tells kinds apart by transport reason and server code', () => {
    const seen: RealtimeSocketError[] = [];
    const socket = open({ onUnobservedError: (e) => seen.push(e), queueLimit: 1 });
    mock.last().triggerMessage(sampleError('evt_1'));
    mock.last().triggerMessage({
      type: 'error',
      event_id: 'e2',
      error: { type: 'invalid_request_error', code: 'other_code', message: 'other' },
    });
    mock.last().triggerClose(1011, 'gone', false);
    // Closed: events queue, and beyond the limit of 1 each one drops the oldest.
    for (let i = 0; i < 4; i++) socket.next({ type: 'response.create' });
    expect(seen.map((e) => e.name)).toEqual(['ServerError', 'ServerError', 'TransportError']);
  });

  it('leave out a fatal error that the event stream delivers to its subscriber', () => {
    const seen: RealtimeSocketError[] = [];
    const socket = realtimeSocket({
      url: 'wss://example.test/v1/realtime',
      WebSocketCtor: mock.WebSocketCtor,
      apiKey: KEY,
      onUnobservedError: (e) => seen.push(e),
    });
    const fatal: unknown[] = [];
    socket.subscribe({ error: (e: unknown) => fatal.push(e) });
    mock.last().triggerClose(4001, 'bad key', false);
    expect(fatal).toHaveLength(1);
    expect(seen).toEqual([]);
  });
});
