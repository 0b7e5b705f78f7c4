import {
  asyncScheduler,
  BehaviorSubject,
  firstValueFrom,
  map,
  Observable,
  Subject,
  VirtualTimeScheduler,
} from 'rxjs';
import { testScheduler } from '../helpers/marbles.js';
import type { ClientEvent, ServerEvent } from '../../src/protocol/index.js';
import { EncodeError } from '../../src/protocol/index.js';
import type { SocketState } from '../../src/transport/index.js';
import { realtimeSocket, redactSecrets, ServerError } from '../../src/transport/index.js';
import { mockWebSocket } from '../../src/testing/mock-websocket.js';
import {
  ConfirmationLostError,
  createRealtimeSession,
  HANDSHAKE_EVENT_ID,
  REQUEST_METADATA_KEY,
  type Interruption,
  type Recovery,
  type ResponseMetrics,
  type SessionSocket,
} from '../../src/session/index.js';
import type { ResponseSnapshot } from '../../src/operators/index.js';
import {
  argsDone,
  audioDelta,
  callAdded,
  callDone,
  created,
  done,
  messageAdded,
  partAdded,
  silence,
  transcriptDelta,
} from '../operators/events.js';
import {
  assistantAudioItem,
  errorFor,
  itemAdded,
  itemDone,
  sessionCreated,
  sessionUpdated,
  userItem,
} from './events.js';

/** A socket double: server events pushed by the test, client events recorded. */
function fakeSocket() {
  const server = new Subject<ServerEvent>();
  const state = new BehaviorSubject<Pick<SocketState, 'kind'>>({ kind: 'open' });
  const sent: ClientEvent[] = [];
  let subscribers = 0;
  let opened = 0;
  const close = jest.fn(() => server.complete());
  const socket = Object.assign(
    new Observable<ServerEvent>((subscriber) => {
      subscribers += 1;
      opened += 1;
      const sub = server.subscribe(subscriber);
      return () => {
        subscribers -= 1;
        sub.unsubscribe();
      };
    }),
    { next: (event: ClientEvent) => void sent.push(event), close, state$: state.asObservable() },
  ) satisfies SessionSocket;
  /** The server side of a handshake: the session is ready afterwards. */
  const handshake = () => {
    server.next(sessionCreated());
    server.next(sessionUpdated());
    sent.length = 0;
  };
  return {
    socket,
    server,
    state,
    sent,
    close,
    handshake,
    subscribers: () => subscribers,
    opened: () => opened,
  };
}

/** Lets response requests through: the session decides on them once the current event has reached every subscriber. */
const decided = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Deterministic request ids: c1, c2, ... */
const ids = () => {
  let n = 0;
  return () => `c${(n += 1)}`;
};

/** A response.create as the session sends it. */
const createSent = (eventId: string, response: { readonly [key: string]: unknown } = {}) => ({
  type: 'response.create',
  event_id: eventId,
  response: { ...response, metadata: { [REQUEST_METADATA_KEY]: eventId } },
});

/** A response.created answering the create with this event_id. */
const createdFor = (responseId: string, eventId: string): ServerEvent => {
  const e = created(responseId);
  return e.type === 'response.created'
    ? { ...e, response: { ...e.response, metadata: { [REQUEST_METADATA_KEY]: eventId } } }
    : e;
};

/** Collects what a confirmation does. */
function watch<T>(confirmation: Observable<T>) {
  const seen: { values: T[]; error?: unknown; complete: boolean } = { values: [], complete: false };
  confirmation.subscribe({
    next: (v) => seen.values.push(v),
    error: (e: unknown) => (seen.error = e),
    complete: () => (seen.complete = true),
  });
  return seen;
}

describe('createRealtimeSession requests', () => {
  it('sendText is confirmed by the added item it names, and fails with the correlated error', () => {
    const { socket, server, sent, handshake } = fakeSocket();
    const session = createRealtimeSession(socket, { idGenerator: ids() });
    handshake();
    const ok = watch(session.sendText('Hello'));
    expect(sent[0]).toEqual({
      type: 'conversation.item.create',
      event_id: 'c2',
      item: {
        id: 'item_c1',
        type: 'message',
        role: 'user',
        content: [{ type: 'input_text', text: 'Hello' }],
      },
    });
    const addedWith = (id: string): ServerEvent => ({
      type: 'conversation.item.added',
      event_id: 'e',
      item: userItem(id, 'Hello'),
    });
    server.next(addedWith('item_other'));
    expect(ok.complete).toBe(false);
    const added = addedWith('item_c1');
    server.next(added);
    expect(ok).toEqual({ values: [added], complete: true });

    const refused = watch(session.deleteItem('item_missing'));
    server.next(errorFor('c3', 'item_not_found'));
    expect(refused.error).toBeInstanceOf(ServerError);
    expect((refused.error as ServerError).code).toBe('item_not_found');
  });

  it('update sends a partial session.update and is confirmed by session.updated', () => {
    const { socket, server, sent, handshake } = fakeSocket();
    const session = createRealtimeSession(socket, { idGenerator: ids() });
    handshake();
    const updated = watch(session.update({ instructions: 'Be brief.' }));
    expect(sent).toEqual([
      {
        type: 'session.update',
        event_id: 'c1',
        session: { instructions: 'Be brief.', type: 'realtime' },
      },
    ]);
    const ack: ServerEvent = {
      type: 'session.updated',
      event_id: 'e',
      session: { type: 'realtime', object: 'realtime.session', id: 's', instructions: 'Be brief.' },
    };
    server.next(ack);
    expect(updated).toEqual({ values: [ack], complete: true });
    const refused = watch(session.update({ instructions: 'x' }));
    server.next(errorFor('c2'));
    expect(refused.error).toBeInstanceOf(ServerError);
  });

  it('commit, clearAudio and cancelResponse are confirmed by their server events', () => {
    const { socket, server, handshake } = fakeSocket();
    const session = createRealtimeSession(socket, { idGenerator: ids() });
    handshake();
    const committed = watch(session.commit());
    const cleared = watch(session.clearAudio());
    const cancelled = watch(session.cancelResponse());
    server.next({ type: 'input_audio_buffer.committed', event_id: 'e1', item_id: 'i1' });
    server.next({ type: 'input_audio_buffer.cleared', event_id: 'e2' });
    expect([committed.complete, cleared.complete, cancelled.complete]).toEqual([true, true, false]);
    server.next(done('r1', 'completed'));
    expect(cancelled.complete).toBe(false);
    server.next(done('r2', 'cancelled'));
    expect(cancelled.complete).toBe(true);
  });

  it('createResponse is confirmed by the response.created that answers its send, also when merged', async () => {
    const { socket, server, sent, handshake } = fakeSocket();
    const session = createRealtimeSession(socket, { idGenerator: ids() });
    handshake();
    const first = watch(session.createResponse());
    await decided();
    expect(sent).toEqual([createSent('c1')]);
    server.next(createdFor('r1', 'c1'));
    expect(first.values.map((e) => e.response.id)).toEqual(['r1']);
    const second = watch(session.createResponse({ instructions: 'a' }));
    const third = watch(session.createResponse({ instructions: 'b' }));
    await decided();
    expect(sent.filter((e) => e.type === 'response.create')).toHaveLength(1); // both wait for r1
    server.next(done('r1', 'completed'));
    await decided();
    expect(sent[1]).toEqual(createSent('c2', { instructions: 'b' }));
    server.next(createdFor('r2', 'c2'));
    expect([second.values[0]?.response.id, third.values[0]?.response.id]).toEqual(['r2', 'r2']);
  });

  it('a refused create fails with the correlated error; close() loses what is still waiting', async () => {
    const { socket, server, sent, handshake } = fakeSocket();
    const session = createRealtimeSession(socket, { idGenerator: ids() });
    handshake();
    const refused = watch(session.createResponse({ instructions: 'x' }));
    await decided();
    const createId = sent.find((e) => e.type === 'response.create')?.event_id ?? '';
    server.next(errorFor(createId, 'invalid_value'));
    expect((refused.error as ServerError).code).toBe('invalid_value');
    const waiting = watch(session.commit());
    session.close();
    expect(waiting.error).toBeInstanceOf(ConfirmationLostError);
    expect((waiting.error as Error).message).toBe(
      'input_audio_buffer.commit: not confirmed, the session was closed',
    );
  });

  it('a request the encoder refuses fails at once with its EncodeError and is not sent', () => {
    const { socket, sent, handshake } = fakeSocket();
    const session = createRealtimeSession(socket, { idGenerator: ids() });
    handshake();
    const bad = watch(session.update({ voice_of_doom: true } as never));
    const badCreate = watch(session.createResponse({ temperature: 'hot' } as never));
    expect(bad.error).toBeInstanceOf(EncodeError);
    expect(badCreate.error).toBeInstanceOf(EncodeError);
    expect(sent).toEqual([]);
  });

  it('requests are checked as the socket will check them, its allowUnknownFields included', () => {
    const mock = mockWebSocket();
    const socket = realtimeSocket({
      url: 'wss://example.test/v1/realtime',
      WebSocketCtor: mock.WebSocketCtor,
      allowUnknownFields: ['.session.brand_new_setting'],
    });
    const session = createRealtimeSession(socket, { idGenerator: ids() });
    mock.last().open();
    mock.last().triggerMessage(sessionCreated());
    mock.last().triggerMessage(sessionUpdated());
    const allowed = watch(session.update({ brand_new_setting: 1 } as never));
    const refused = watch(session.update({ other_new_setting: 1 } as never));
    expect(allowed.error).toBeUndefined();
    expect(refused.error).toBeInstanceOf(EncodeError);
    expect(mock.last().sentEvents.map((e) => e.type)).toEqual(['session.update', 'session.update']);
    session.close();
  });

  it('appendAudio converts Int16 and Float32 samples to PCM16 little-endian', () => {
    const { socket, sent, handshake } = fakeSocket();
    const session = createRealtimeSession(socket);
    handshake();
    session.appendAudio(new Int16Array([1, -2]));
    session.appendAudio(new Float32Array([1, -1]));
    expect(sent.map((e) => e.type === 'input_audio_buffer.append' && e.audio)).toEqual([
      Buffer.from([1, 0, 0xfe, 0xff]).toString('base64'),
      Buffer.from([0xff, 0x7f, 0x00, 0x80]).toString('base64'),
    ]);
  });

  it('appendAudio refuses empty chunks and chunks that split a sample, on errors$', () => {
    const { socket, sent, handshake } = fakeSocket();
    const session = createRealtimeSession(socket);
    const errors: Error[] = [];
    session.errors$.subscribe((e) => errors.push(e));
    handshake();
    session.appendAudio(new Uint8Array(0));
    session.appendAudio(new Uint8Array(3));
    session.appendAudio(new Uint8Array(4));
    expect(errors.map((e) => [e.name, e.message])).toEqual([
      ['AudioChunkError', 'empty pcm16 audio chunk'],
      ['AudioChunkError', 'pcm16 audio chunk of 3 bytes splits a sample (2 bytes each)'],
    ]);
    expect(sent.map((e) => e.type)).toEqual(['input_audio_buffer.append']);
  });

  it('a Confirmation error carries no secret the socket knows', () => {
    const { socket, server, handshake } = fakeSocket();
    const secret = 'sk-live-0123456789';
    const redact = <T>(value: T): T => redactSecrets(value, [secret]);
    const session = createRealtimeSession(Object.assign(socket, { redact }), {
      idGenerator: ids(),
    });
    handshake();
    const refused = watch(session.sendText(`my key is ${secret}`));
    const e = errorFor('c2');
    server.next(
      e.type === 'error' ? { ...e, error: { ...e.error, message: `bad key ${secret}` } } : e,
    );
    const error = refused.error as ServerError;
    expect(error).toBeInstanceOf(ServerError);
    expect(
      JSON.stringify([error.message, error.stack, error.event, error.clientEvent]),
    ).not.toContain(secret);
  });

  it('a fatal socket failure before ready: ready() is failed with it, requests are lost', async () => {
    const { socket, server } = fakeSocket();
    const session = createRealtimeSession(socket);
    const waiting = watch(session.commit());
    const failure = new Error('auth refused');
    server.error(failure);
    await expect(session.ready()).resolves.toEqual({ kind: 'failed', error: failure });
    expect(waiting.error).toBeInstanceOf(ConfirmationLostError);
    expect((waiting.error as Error).message).toBe(
      'input_audio_buffer.commit: not confirmed, the connection failed (auth refused)',
    );
  });
});

describe('createRealtimeSession lifecycle', () => {
  it('requests before the handshake wait and follow the session.update, in call order', async () => {
    const { socket, server, sent } = fakeSocket();
    const session = createRealtimeSession(socket, {
      session: { output_modalities: ['text'] },
      idGenerator: ids(),
    });
    const states: string[] = [];
    session.state$.subscribe((s) => states.push(s.kind));
    session.sendText('Hello');
    session.createResponse();
    session.appendAudio(new Uint8Array([1, 2]));
    expect(sent).toEqual([]);
    server.next(sessionCreated());
    expect(sent.map((e) => e.type)).toEqual(['session.update']);
    server.next(sessionUpdated());
    await decided();
    expect(sent.map((e) => e.type)).toEqual([
      'session.update',
      'conversation.item.create',
      'input_audio_buffer.append',
      'response.create',
    ]);
    expect(states).toEqual(['connecting', 'configuring', 'ready']);
  });

  it('ready() resolves failed with the correlated error, and the session ends', async () => {
    const { socket, server, close, subscribers } = fakeSocket();
    const session = createRealtimeSession(socket);
    const waiting = watch(session.sendText('Hi'));
    expect(subscribers()).toBe(1);
    server.next(sessionCreated());
    server.next(errorFor(HANDSHAKE_EVENT_ID));
    const ready = await session.ready();
    expect(ready.kind).toBe('failed');
    expect(ready.kind === 'failed' && ready.error).toBeInstanceOf(ServerError);
    expect(waiting.error).toBeInstanceOf(ConfirmationLostError);
    expect(close).toHaveBeenCalledTimes(1);
    expect(subscribers()).toBe(0);
  });

  it('a handshake the encoder refuses: ready() failed with the EncodeError, nothing sent', async () => {
    const { socket, server, sent } = fakeSocket();
    const session = createRealtimeSession(socket, {
      session: { not_a_setting: 1 } as never,
    });
    const states: string[] = [];
    session.state$.subscribe((s) => states.push(s.kind === 'closed' ? s.end.kind : s.kind));
    server.next(sessionCreated());
    const ready = await session.ready();
    expect(ready.kind === 'failed' && ready.error).toBeInstanceOf(EncodeError);
    expect(sent).toEqual([]);
    expect(states).toEqual(['connecting', 'handshake_failed']);
  });

  it('ready() is closed when the session closes first', async () => {
    const { socket } = fakeSocket();
    const session = createRealtimeSession(socket);
    const ready = session.ready();
    session.close();
    await expect(ready).resolves.toEqual({ kind: 'closed', end: { kind: 'closed' } });
  });

  it('after close() every request fails at once and nothing reconnects', () => {
    const { socket, sent, opened, handshake } = fakeSocket();
    const session = createRealtimeSession(socket, { idGenerator: ids() });
    handshake();
    session.close();
    const errors: Error[] = [];
    session.errors$.subscribe((e) => errors.push(e));
    const calls = [
      session.sendText('late'),
      session.commit(),
      session.createResponse(),
      session.update({ instructions: 'x' }),
      session.cancelResponse(),
      session.deleteItem('i'),
      session.clearAudio(),
    ].map((c: Observable<unknown>) => watch(c));
    session.appendAudio(new Uint8Array([1, 2]));
    session.start();
    session.responses$.subscribe();
    expect(calls.map((c) => (c.error as Error).message)).toEqual([
      'conversation.item.create: not confirmed, the session was closed',
      'input_audio_buffer.commit: not confirmed, the session was closed',
      'response.create: not confirmed, the session was closed',
      'session.update: not confirmed, the session was closed',
      'response.cancel: not confirmed, the session was closed',
      'conversation.item.delete: not confirmed, the session was closed',
      'input_audio_buffer.clear: not confirmed, the session was closed',
    ]);
    expect(sent).toEqual([]);
    expect(opened()).toBe(1);
  });

  it('appendAudio after the end is reported on errors$', () => {
    const { socket, handshake } = fakeSocket();
    const session = createRealtimeSession(socket);
    const errors: Error[] = [];
    session.errors$.subscribe((e) => errors.push(e));
    handshake();
    session.close();
    session.appendAudio(new Uint8Array([1, 2]));
    expect(errors.map((e) => e.message)).toEqual([
      'input_audio_buffer.append: not confirmed, the session was closed',
    ]);
  });

  it('lazy: nothing connects until start() or the first request', () => {
    const first = fakeSocket();
    const lazy = createRealtimeSession(first.socket, { lazy: true });
    const states: string[] = [];
    lazy.state$.subscribe((s) => states.push(s.kind));
    lazy.responses$.subscribe();
    expect(first.subscribers()).toBe(0);
    lazy.start();
    expect(first.subscribers()).toBe(1);
    expect(states).toEqual(['idle', 'connecting']);
    const second = fakeSocket();
    const byRequest = createRealtimeSession(second.socket, { lazy: true });
    expect(second.subscribers()).toBe(0);
    byRequest.sendText('Hi');
    expect(second.subscribers()).toBe(1);
    expect(second.sent).toEqual([]); // waits for the handshake
  });

  it('a unit that raises an exception ends the session with the reason, nothing unhandled', () => {
    const { socket, server, handshake, close } = fakeSocket();
    const session = createRealtimeSession(socket);
    const ends: unknown[] = [];
    session.state$.subscribe((s) => s.kind === 'closed' && ends.push(s.end));
    handshake();
    const waiting = watch(session.commit());
    // No decoder lets this through; a socket double (or a bug) could.
    server.next({ type: 'response.created', event_id: 'e', response: null } as never);
    expect(ends).toEqual([
      { kind: 'unit_failed', unit: expect.any(String), error: expect.any(TypeError) },
    ]);
    expect((waiting.error as Error).message).toMatch(
      /^input_audio_buffer\.commit: not confirmed, the session stopped: its \w+ failed \(/,
    );
    expect(close).toHaveBeenCalled();
  });

  it('the session_expired error ends the session with its reason', () => {
    const { socket, server, handshake, close } = fakeSocket();
    const session = createRealtimeSession(socket);
    const ends: string[] = [];
    session.state$.subscribe((s) => s.kind === 'closed' && ends.push(s.end.kind));
    handshake();
    const waiting = watch(session.commit());
    server.next(errorFor(null, 'session_expired'));
    expect(ends).toEqual(['session_expired']);
    expect((waiting.error as Error).message).toBe(
      'input_audio_buffer.commit: not confirmed, the session expired',
    );
    expect(close).toHaveBeenCalled();
  });
});

describe('createRealtimeSession', () => {
  it('routes every response.create through the sequencer and sends the commands', async () => {
    const { socket, server, sent } = fakeSocket();
    const session = createRealtimeSession(socket, {
      session: { instructions: 'Hi' },
      idGenerator: ids(),
    });
    server.next(sessionCreated());
    expect(sent).toEqual([
      {
        type: 'session.update',
        event_id: HANDSHAKE_EVENT_ID,
        session: { type: 'realtime', instructions: 'Hi' },
      },
    ]);
    server.next(sessionUpdated());
    sent.length = 0;
    session.sendText('Hello');
    session.createResponse();
    await decided();
    server.next(createdFor('r1', 'c3'));
    session.createResponse({ instructions: 'again' }); // waits for r1
    await decided();
    session.appendAudio(new Uint8Array([1, 2, 3, 4]));
    session.commit();
    session.cancelResponse();
    expect(sent.map((e) => e.type)).toEqual([
      'conversation.item.create',
      'response.create',
      'input_audio_buffer.append',
      'input_audio_buffer.commit',
      'response.cancel',
    ]);
    expect(sent[2]).toEqual({
      type: 'input_audio_buffer.append',
      audio: 'AQIDBA==',
      event_id: 'c4',
    });
    server.next(done('r1', 'cancelled'));
    await decided();
    expect(sent[5]).toMatchObject({ type: 'response.create', response: { instructions: 'again' } });
    session.close();
  });

  it('push-to-talk: startTalking clears the buffer, stopTalking commits and asks through the sequencer', async () => {
    const { socket, server, sent, handshake } = fakeSocket();
    const session = createRealtimeSession(socket, { idGenerator: ids() });
    handshake();
    session.startTalking();
    session.appendAudio(new Uint8Array([1, 2, 3, 4]));
    session.stopTalking();
    await decided();
    expect(sent).toEqual([
      { type: 'input_audio_buffer.clear', event_id: 'c1' },
      { type: 'input_audio_buffer.append', audio: 'AQIDBA==', event_id: 'c2' },
      { type: 'input_audio_buffer.commit', event_id: 'c3' },
      createSent('c4'),
    ]);
    server.next(createdFor('r1', 'c4'));
    sent.length = 0;
    // A second turn while r1 still plays: committed at once, its response waits for r1.
    session.startTalking();
    session.stopTalking({ instructions: 'short' });
    await decided();
    expect(sent.map((e) => e.type)).toEqual([
      'input_audio_buffer.clear',
      'input_audio_buffer.commit',
    ]);
    server.next(done('r1'));
    await decided();
    expect(sent[2]).toEqual(createSent('c7', { instructions: 'short' }));
    session.close();
  });

  it('after a reconnect: configured again, replays the items, re-sends what is safe, loses the rest', async () => {
    const { socket, server, state, sent, handshake } = fakeSocket();
    const session = createRealtimeSession(socket, {
      idGenerator: ids(),
      session: { instructions: 'A' },
    });
    const reports: Recovery[] = [];
    session.recovery$.subscribe((r) => reports.push(r));
    const states: string[] = [];
    session.state$.subscribe((s) => states.push(s.kind));
    handshake();
    session.update({ instructions: 'B' });
    server.next(sessionUpdated('B'));
    server.next(itemDone(userItem('u1', 'Hi')));
    session.appendAudio(new Uint8Array(4800)); // 100 ms of PCM16 at 24 kHz, never committed
    const text = watch(session.sendText('Are you there?'));
    const commit = watch(session.commit());
    const response = watch(session.createResponse());
    await decided();
    sent.length = 0;
    state.next({ kind: 'reconnecting' });
    expect((commit.error as Error).message).toBe(
      'input_audio_buffer.commit: not confirmed, the connection was lost',
    );
    const later = watch(session.sendText('Hello again'));
    state.next({ kind: 'open' });
    server.next(sessionCreated());
    expect(sent).toEqual([
      {
        type: 'session.update',
        event_id: HANDSHAKE_EVENT_ID,
        session: { type: 'realtime', instructions: 'B' },
      },
    ]);
    server.next(sessionUpdated('B'));
    await decided();
    expect(sent.slice(1).map((e) => e.type)).toEqual([
      'conversation.item.create', // the replay
      'conversation.item.create', // re-sent: 'Are you there?'
      'conversation.item.create', // held: 'Hello again'
      'response.create', // never answered: sent again
    ]);
    expect(sent[2]).toMatchObject({ item: { id: 'item_c3' } });
    expect(reports).toEqual([
      {
        events: [{ type: 'conversation.item.create', item: userItem('u1', 'Hi') }],
        outcomes: [{ kind: 'replayed', itemId: 'u1' }],
        lostInputAudioMs: 100,
      },
    ]);
    expect(states.slice(-4)).toEqual(['reconnecting', 'configuring', 'replaying', 'ready']);
    expect([text.error, response.error, later.error]).toEqual([undefined, undefined, undefined]);
    session.close();
  });

  it('recover: false replays nothing after a reconnect', () => {
    const { socket, server, state, sent, handshake } = fakeSocket();
    const session = createRealtimeSession(socket, { recover: false });
    handshake();
    server.next(itemDone(userItem('u1', 'Hi')));
    state.next({ kind: 'reconnecting' });
    state.next({ kind: 'open' });
    server.next(sessionCreated());
    server.next(sessionUpdated());
    expect(sent.map((e) => e.type)).toEqual(['session.update']);
    session.close();
  });

  it('interruption: a truncate names only an item the conversation has; otherwise it says so', () => {
    const { socket, server, sent, handshake } = fakeSocket();
    const playback$ = new Subject<{ readonly itemId: string; readonly playedMs: number }>();
    const session = createRealtimeSession(socket, { interruption: { playback$ } });
    const cuts: Interruption[] = [];
    session.interrupted$.subscribe((c) => cuts.push(c));
    handshake();
    const speak = (itemId: string, known: boolean) => {
      server.next(created(`r_${itemId}`));
      if (known) server.next(itemAdded(assistantAudioItem(itemId, '')));
      server.next({
        type: 'response.output_audio.delta',
        event_id: 'd',
        response_id: `r_${itemId}`,
        item_id: itemId,
        output_index: 0,
        content_index: 0,
        delta: Buffer.alloc(4800).toString('base64'),
      });
      playback$.next({ itemId, playedMs: 50 });
      server.next({
        type: 'input_audio_buffer.speech_started',
        event_id: 's',
        audio_start_ms: 0,
        item_id: 'u',
      });
    };
    speak('gone', false);
    expect(sent).toEqual([]);
    expect(cuts).toEqual([
      {
        itemId: 'gone',
        commands: [],
        audioEndMs: 50,
        cancelSent: false,
        skipped: 'item_not_in_conversation',
      },
    ]);
    speak('a1', true);
    expect(sent).toEqual([
      { type: 'conversation.item.truncate', item_id: 'a1', content_index: 0, audio_end_ms: 50 },
    ]);
    expect(cuts[1]).toEqual({
      itemId: 'a1',
      commands: sent,
      audioEndMs: 50,
      cancelSent: false,
      transcript: '',
    });
    session.close();
  });

  it('on a WebRTC socket sends no truncate and reports the truncation the service made', () => {
    const fake = fakeSocket();
    const socket = Object.assign(fake.socket, { transport: 'webrtc' as const });
    const session = createRealtimeSession(socket);
    const cuts: Interruption[] = [];
    session.interrupted$.subscribe((c) => cuts.push(c));
    fake.handshake();
    fake.server.next(created('r1'));
    fake.server.next(itemAdded(assistantAudioItem('a1', 'It is sunny')));
    fake.server.next({
      type: 'input_audio_buffer.speech_started',
      event_id: 's',
      audio_start_ms: 0,
      item_id: 'u',
    });
    fake.server.next({ type: 'output_audio_buffer.cleared', event_id: 'c', response_id: 'r1' });
    expect(fake.sent).toEqual([]);
    fake.server.next({
      type: 'conversation.item.truncated',
      event_id: 't',
      item_id: 'a1',
      content_index: 0,
      audio_end_ms: 640,
    });
    expect(fake.sent).toEqual([]);
    expect(cuts).toEqual([
      {
        itemId: 'a1',
        commands: [],
        audioEndMs: 640,
        cancelSent: false,
        truncatedBy: 'server',
        transcript: expect.any(String),
      },
    ]);
    session.close();
  });

  it('sendMessage adds the user turn and asks for its response, confirmed by that response', async () => {
    const { socket, server, sent, handshake } = fakeSocket();
    const session = createRealtimeSession(socket, { idGenerator: ids() });
    handshake();
    const turn = watch(session.sendMessage('Hello', { instructions: 'Be brief.' }));
    await decided();
    expect(sent.map((e) => e.type)).toEqual(['conversation.item.create', 'response.create']);
    expect(sent[1]).toEqual(createSent('c3', { instructions: 'Be brief.' }));
    server.next(itemAdded(userItem('item_c1', 'Hello')));
    server.next(createdFor('r1', 'c3'));
    expect(turn.values.map((e) => e.response.id)).toEqual(['r1']);
    expect(turn.complete).toBe(true);
    const refused = watch(session.sendMessage('again'));
    server.next(errorFor('c5', 'invalid_value'));
    expect(refused.error).toBeInstanceOf(ServerError);
  });

  it('toolCalls$ reports each call of the tool loop; MCP tools pass through the handshake', async () => {
    const { socket, server, sent } = fakeSocket();
    const weather = {
      name: 'get_weather',
      description: 'weather',
      parameters: { type: 'object' },
      codec: { decode: (u: unknown) => ({ _tag: 'Right' as const, right: u }) } as never,
      handler: () => 'sunny',
    };
    const mcp = {
      type: 'mcp' as const,
      server_label: 'calendar',
      server_url: 'https://mcp.example/',
    };
    const session = createRealtimeSession(socket, { tools: [weather], session: { tools: [mcp] } });
    const updates: string[] = [];
    session.toolCalls$.subscribe((u) => updates.push(`${u.kind}:${u.callId}`));
    server.next(sessionCreated());
    expect(sent[0]).toMatchObject({
      type: 'session.update',
      session: { tools: [mcp, { type: 'function', name: 'get_weather' }] },
    });
    server.next(sessionUpdated());
    for (const e of [
      created('r1'),
      callAdded('r1', 'item_1', 'call_1', 'get_weather', 0),
      argsDone('r1', 'item_1', 'call_1', 'get_weather', '{}', 0),
      callDone('r1', 'item_1', 'call_1', 'get_weather', '{}', 'completed', 0),
      done('r1'),
    ])
      server.next(e);
    await decided();
    expect(updates).toEqual(['started:call_1', 'completed:call_1']);
    expect(sent.slice(1).map((e) => e.type)).toEqual([
      'conversation.item.create',
      'response.create',
    ]);
  });

  it('metrics$ measures responses on the session scheduler', () => {
    const { socket, server, handshake } = fakeSocket();
    const scheduler = new VirtualTimeScheduler();
    const session = createRealtimeSession(socket, { scheduler });
    handshake();
    const metrics: ResponseMetrics[] = [];
    session.metrics$.subscribe((m) => metrics.push(m));
    server.next(created('r1'));
    scheduler.schedule(() => undefined, 120);
    scheduler.flush();
    server.next(done('r1'));
    expect(metrics).toEqual([
      { responseId: 'r1', status: 'completed', durationMs: 120, usage: undefined },
    ]);
    session.close();
  });

  it('a tool list with a missing handler or codec is refused at creation, naming the tool', () => {
    const { socket } = fakeSocket();
    expect(() =>
      createRealtimeSession(socket, {
        tools: [{ name: 'get_weather', description: '', parameters: {} } as never],
      }),
    ).toThrow(new TypeError('tool "get_weather": missing its handler function'));
    expect(() =>
      createRealtimeSession(socket, {
        tools: [{ name: 'x', description: '', parameters: {}, handler: () => 1 } as never],
      }),
    ).toThrow(/tool "x": missing its codec/);
    expect(() => createRealtimeSession(socket, { tools: [{} as never] })).toThrow(
      'tools[0]: missing its name',
    );
  });

  it('state$ maps the lifecycle for display', () => {
    const { socket, handshake } = fakeSocket();
    const session = createRealtimeSession(socket);
    const kinds: string[] = [];
    session.state$.pipe(map((s) => s.kind)).subscribe((k) => kinds.push(k));
    handshake();
    session.close();
    expect(kinds).toEqual(['connecting', 'configuring', 'ready', 'closed']);
  });
});

describe('createRealtimeSession expiry', () => {
  const createdExpiring = (expiresAtSeconds: number): ServerEvent => ({
    type: 'session.created',
    event_id: 'created',
    session: {
      id: 'sess_1',
      object: 'realtime.session',
      type: 'realtime',
      expires_at: expiresAtSeconds,
    },
  });

  it('recycleBeforeExpiryMs: recycles the connection before the cap, between responses', () => {
    testScheduler().run(({ hot, flush }) => {
      const { socket, server, handshake } = fakeSocket();
      const recycle = jest.fn();
      const scheduler = asyncScheduler; // run() makes it virtual
      createRealtimeSession(Object.assign(socket, { recycle }), {
        recycleBeforeExpiryMs: 10_000,
        scheduler,
      });
      // Expires at 60 s: due at 50 s, but a response runs from 49 s to 52 s.
      hot('a 48999ms b 2999ms c', {
        a: createdExpiring(60),
        b: created('r1'),
        c: done('r1'),
      }).subscribe((e) => server.next(e));
      handshake();
      const seen: number[] = [];
      recycle.mockImplementation(() => seen.push(scheduler.now()));
      flush();
      expect(seen).toEqual([52_000]);
    });
  });

  it('without it, session_expired ends the session (ready$ and state$ say why)', async () => {
    const { socket, server, handshake } = fakeSocket();
    const recycle = jest.fn();
    const session = createRealtimeSession(Object.assign(socket, { recycle }));
    handshake();
    server.next(errorFor(null, 'session_expired'));
    const state = await firstValueFrom(session.state$, { defaultValue: undefined });
    expect(state).toMatchObject({ kind: 'closed', end: { kind: 'session_expired' } });
    expect(recycle).not.toHaveBeenCalled();
  });
});

describe('createRealtimeSession retainAudio', () => {
  const audioTurn = (): ServerEvent[] => [
    created('r1'),
    messageAdded('r1', 'i1'),
    partAdded('r1', 'i1', 'audio'),
    audioDelta('r1', 'i1', silence(960)),
    transcriptDelta('r1', 'i1', 'Hello'),
    audioDelta('r1', 'i1', silence(960)),
    done('r1'),
  ];
  const lastAudioPart = (snapshots: readonly ResponseSnapshot[]) => {
    const item = snapshots.at(-1)?.output[0];
    const part = item?.type === 'message' ? item.content[0] : undefined;
    return part?.type === 'audio' ? part : undefined;
  };

  it.each([
    [undefined, 1920, 7],
    [true, 1920, 7],
    [false, 0, 5],
  ] as const)(
    'retainAudio %s: responses$ keeps %d bytes of audio in %d snapshots',
    (retainAudio, bytes, count) => {
      const t = fakeSocket();
      const session = createRealtimeSession(t.socket, { retainAudio });
      const snapshots: ResponseSnapshot[] = [];
      session.responses$.subscribe((r) => snapshots.push(r));
      t.handshake();
      audioTurn().forEach((e) => t.server.next(e));
      expect(snapshots).toHaveLength(count);
      expect(lastAudioPart(snapshots)?.audio.byteLength).toBe(bytes);
      expect(lastAudioPart(snapshots)?.transcript).toBe('Hello');
      session.close();
    },
  );
});
