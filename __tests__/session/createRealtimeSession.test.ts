import { Observable, Subject } from 'rxjs';
import type { ClientEvent, ServerEvent } from '../../src/protocol/index.js';
import {
  createRealtimeSession,
  HANDSHAKE_EVENT_ID,
  type SessionReady,
  type SessionSocket,
} from '../../src/session/index.js';
import { created, done } from '../operators/events.js';
import { errorFor, sessionCreated } from './events.js';

/** A socket double: server events pushed by the test, client events recorded. */
function fakeSocket() {
  const server = new Subject<ServerEvent>();
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
    { next: (event: ClientEvent) => void sent.push(event), close },
  ) satisfies SessionSocket;
  return { socket, server, sent, close, subscribers: () => subscribers };
}

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
});
