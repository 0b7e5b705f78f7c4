import { BehaviorSubject, Observable, Subject, VirtualTimeScheduler } from 'rxjs';
import type { ClientEvent, ServerEvent } from '../../src/protocol/index.js';
import type { SocketState } from '../../src/transport/index.js';
import { ServerError } from '../../src/transport/index.js';
import {
  ConfirmationLostError,
  createRealtimeSession,
  HANDSHAKE_EVENT_ID,
  type Recovery,
  type ResponseMetrics,
  type SessionReady,
  type SessionSocket,
} from '../../src/session/index.js';
import { created, done } from '../operators/events.js';
import { errorFor, itemDone, sessionCreated, userItem } from './events.js';

/** A socket double: server events pushed by the test, client events recorded. */
function fakeSocket() {
  const server = new Subject<ServerEvent>();
  const state = new BehaviorSubject<Pick<SocketState, 'kind'>>({ kind: 'open' });
  const sent: ClientEvent[] = [];
  let subscribers = 0;
  const close = jest.fn(() => server.complete());
  const socket = Object.assign(
    new Observable<ServerEvent>((subscriber) => {
      subscribers += 1;
      const sub = server.subscribe(subscriber);
      return () => {
        subscribers -= 1;
        sub.unsubscribe();
      };
    }),
    { next: (event: ClientEvent) => void sent.push(event), close, state$: state.asObservable() },
  ) satisfies SessionSocket;
  return { socket, server, state, sent, close, subscribers: () => subscribers };
}

/** Deterministic request ids: c1, c2, ... */
const ids = () => {
  let n = 0;
  return () => `c${(n += 1)}`;
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
    const { socket, server, sent } = fakeSocket();
    const session = createRealtimeSession(socket, { idGenerator: ids() });
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
    const { socket, server, sent } = fakeSocket();
    const session = createRealtimeSession(socket, { idGenerator: ids() });
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
    const { socket, server } = fakeSocket();
    const session = createRealtimeSession(socket, { idGenerator: ids() });
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

  it('createResponse is confirmed by the response.created that follows its send, also when merged', () => {
    const { socket, server, sent } = fakeSocket();
    const session = createRealtimeSession(socket, { idGenerator: ids() });
    const first = watch(session.createResponse());
    server.next(created('r1'));
    expect(first.values.map((e) => e.response.id)).toEqual(['r1']);
    const second = watch(session.createResponse({ instructions: 'a' }));
    const third = watch(session.createResponse({ instructions: 'b' }));
    expect(sent.filter((e) => e.type === 'response.create')).toHaveLength(1); // both wait for r1
    server.next(done('r1', 'completed'));
    server.next(created('r2'));
    expect([second.values[0]?.response.id, third.values[0]?.response.id]).toEqual(['r2', 'r2']);
  });

  it('a refused create fails with the correlated error; close() loses what is still waiting', () => {
    const { socket, server, sent } = fakeSocket();
    const session = createRealtimeSession(socket, { idGenerator: ids() });
    const refused = watch(session.createResponse());
    const createId = sent.find((e) => e.type === 'response.create')?.event_id ?? '';
    server.next(errorFor(createId, 'conversation_already_has_active_response'));
    expect((refused.error as ServerError).code).toBe('conversation_already_has_active_response');
    const waiting = watch(session.commit());
    session.close();
    expect(waiting.error).toBeInstanceOf(ConfirmationLostError);
    expect((waiting.error as Error).message).toBe(
      'input_audio_buffer.commit: not confirmed, the session was closed',
    );
  });

  it('appendAudio converts Int16 and Float32 samples to PCM16 little-endian', () => {
    const { socket, sent } = fakeSocket();
    const session = createRealtimeSession(socket);
    session.appendAudio(new Int16Array([1, -2]));
    session.appendAudio(new Float32Array([1, -1]));
    expect(sent.map((e) => e.type === 'input_audio_buffer.append' && e.audio)).toEqual([
      Buffer.from([1, 0, 0xfe, 0xff]).toString('base64'),
      Buffer.from([0xff, 0x7f, 0x00, 0x80]).toString('base64'),
    ]);
  });

  it('a fatal socket failure ends the session streams without an unhandled error', async () => {
    const { socket, server } = fakeSocket();
    const session = createRealtimeSession(socket);
    const waiting = watch(session.commit());
    server.error(new Error('auth refused'));
    await expect(session.ready()).resolves.toEqual({ kind: 'closed' });
    expect(waiting.error).toBeInstanceOf(ConfirmationLostError);
  });
});

describe('createRealtimeSession', () => {
  it('routes every response.create through the sequencer and sends the commands', () => {
    const { socket, server, sent } = fakeSocket();
    const session = createRealtimeSession(socket, { session: { instructions: 'Hi' } });
    server.next(sessionCreated());
    expect(sent).toEqual([
      {
        type: 'session.update',
        event_id: HANDSHAKE_EVENT_ID,
        session: { type: 'realtime', instructions: 'Hi' },
      },
    ]);
    sent.length = 0;
    session.sendText('Hello');
    session.createResponse();
    server.next(created('r1'));
    session.createResponse({ instructions: 'again' }); // waits for r1
    session.appendAudio(new Uint8Array([1, 2, 3]));
    session.commit();
    session.cancelResponse();
    expect(sent.map((e) => e.type)).toEqual([
      'conversation.item.create',
      'response.create',
      'input_audio_buffer.append',
      'input_audio_buffer.commit',
      'response.cancel',
    ]);
    expect(sent[2]).toEqual({ type: 'input_audio_buffer.append', audio: 'AQID' });
    server.next(done('r1', 'cancelled'));
    expect(sent[5]).toMatchObject({ type: 'response.create', response: { instructions: 'again' } });
    session.close();
  });

  it('ready() resolves with the correlated error; close() unsubscribes and closes the socket', async () => {
    const { socket, server, close, subscribers } = fakeSocket();
    const session = createRealtimeSession(socket);
    expect(subscribers()).toBe(1);
    server.next(sessionCreated());
    const failure = errorFor(HANDSHAKE_EVENT_ID);
    server.next(failure);
    await expect(session.ready()).resolves.toEqual({ kind: 'failed', error: failure });
    session.close();
    expect(close).toHaveBeenCalledTimes(1);
    expect(subscribers()).toBe(0);
  });

  it('ready() is closed when the session closes first', async () => {
    const { socket } = fakeSocket();
    const session = createRealtimeSession(socket);
    const ready: Promise<SessionReady> = session.ready();
    session.close();
    await expect(ready).resolves.toEqual({ kind: 'closed' });
  });

  it('push-to-talk: startTalking clears the buffer, stopTalking commits and asks through the sequencer', () => {
    const { socket, server, sent } = fakeSocket();
    const session = createRealtimeSession(socket, { idGenerator: ids() });
    session.startTalking();
    session.appendAudio(new Uint8Array([1, 2, 3]));
    session.stopTalking();
    expect(sent).toEqual([
      { type: 'input_audio_buffer.clear', event_id: 'c1' },
      { type: 'input_audio_buffer.append', audio: 'AQID' },
      { type: 'input_audio_buffer.commit', event_id: 'c2' },
      { type: 'response.create', event_id: 'resp_create_1' },
    ]);
    server.next(created('r1'));
    sent.length = 0;
    // A second turn while r1 still plays: committed at once, its response waits for r1.
    session.startTalking();
    session.stopTalking({ instructions: 'short' });
    expect(sent.map((e) => e.type)).toEqual([
      'input_audio_buffer.clear',
      'input_audio_buffer.commit',
    ]);
    server.next(done('r1'));
    expect(sent[2]).toEqual({
      type: 'response.create',
      event_id: 'resp_create_2',
      response: { instructions: 'short' },
    });
    session.close();
  });

  it('after reconnecting -> open: replays the items, reports on recovery$, frees the sequencer', () => {
    const { socket, server, state, sent } = fakeSocket();
    const session = createRealtimeSession(socket);
    const reports: Recovery[] = [];
    session.recovery$.subscribe((r) => reports.push(r));
    server.next(itemDone(userItem('u1', 'Hi')));
    session.createResponse();
    server.next(created('r1'));
    state.next({ kind: 'reconnecting' });
    session.createResponse(); // r1 died with the connection: waits, then goes after the replay
    expect(sent.map((e) => e.type)).toEqual(['response.create']);
    state.next({ kind: 'open' });
    expect(sent.slice(1)).toEqual([
      { type: 'conversation.item.create', item: userItem('u1', 'Hi') },
      { type: 'response.create', event_id: 'resp_create_2' },
    ]);
    expect(reports).toEqual([
      {
        events: [{ type: 'conversation.item.create', item: userItem('u1', 'Hi') }],
        outcomes: [{ kind: 'replayed', itemId: 'u1' }],
      },
    ]);
    session.close();
  });

  it('recover: false sends nothing after a reconnect', () => {
    const { socket, server, state, sent } = fakeSocket();
    const session = createRealtimeSession(socket, { recover: false });
    server.next(itemDone(userItem('u1', 'Hi')));
    state.next({ kind: 'reconnecting' });
    state.next({ kind: 'open' });
    expect(sent).toEqual([]);
    session.close();
  });

  it('metrics$ measures responses on the session scheduler', () => {
    const { socket, server } = fakeSocket();
    const scheduler = new VirtualTimeScheduler();
    const session = createRealtimeSession(socket, { scheduler });
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
});
