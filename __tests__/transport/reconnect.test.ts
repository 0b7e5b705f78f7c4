import { catchError, filter, map, of, type SchedulerLike } from 'rxjs';
import { isEvent, type ClientEvent } from '../../src/protocol/index.js';
import {
  backoffDelay,
  realtimeSocket,
  TransportError,
  type RealtimeSocket,
  type RealtimeSocketOptions,
  type SocketState,
} from '../../src/transport/index.js';
import { mockWebSocket, type MockWebSockets } from '../../src/testing/mock-websocket.js';
import { sample, testScheduler } from './helpers.js';

const URL = 'wss://example.test/v1/realtime?model=gpt-realtime';

/** A reconnecting socket over MockWebSocket on the test's scheduler. */
const mockSocket = (
  scheduler: SchedulerLike,
  options: Partial<RealtimeSocketOptions> = {},
): RealtimeSocket =>
  realtimeSocket({
    url: URL,
    WebSocketCtor: mock.WebSocketCtor,
    reconnect: true,
    scheduler,
    ...options,
  });

/** A short code per state so diagrams stay readable. */
function code(state: SocketState): string {
  switch (state.kind) {
    case 'idle':
      return 'idle';
    case 'open':
      return 'open';
    case 'connecting':
      return `connecting#${state.attempt}`;
    case 'reconnecting':
      return `reconnecting#${state.attempt}@${state.delayMs}`;
    case 'closed':
      return `closed:${state.code}`;
  }
}

let mock: MockWebSockets;
beforeEach(() => {
  mock = mockWebSocket();
});

describe('backoffDelay', () => {
  it('doubles up to the maximum, spread by jitter', () => {
    const options = { initialDelayMs: 100, maxDelayMs: 1000, jitter: 0.5 };
    expect([1, 2, 3, 4, 5].map((n) => backoffDelay(n, options, () => 0.5))).toEqual([
      100, 200, 400, 800, 1000,
    ]);
    expect(backoffDelay(2, options, () => 0)).toBe(100);
    expect(backoffDelay(2, options, () => 1)).toBe(300);
  });
});

describe('reconnection in virtual time', () => {
  it('backs off on the scheduler, reports every step, and gives up fatally', () => {
    const scheduler = testScheduler();
    scheduler.run(({ expectObservable, flush }) => {
      const at = (frame: number, work: () => void) => scheduler.schedule(work, frame);
      const socket = mockSocket(scheduler, {
        apiKey: 'ek_1',
        reconnect: { maxAttempts: 2, initialDelayMs: 10, maxDelayMs: 100, jitter: 0.5 },
        random: () => 0.75, // spread 1.25
      });
      let fatal: unknown;
      socket.subscribe({ error: (e: unknown) => (fatal = e) });
      mock.last().open();
      // frame 5: the connection drops abnormally
      at(5, () => mock.last().triggerClose(1006));
      // attempt 1 starts at 5 + 13 = 18 (10 * 1.25 rounded); it fails at 20
      at(20, () => mock.last().triggerClose(1006));
      // attempt 2 starts at 20 + 25 = 45; it fails at 50: attempts exhausted
      at(50, () => mock.last().triggerClose(1006));

      expectObservable(socket.state$.pipe(map(code))).toBe('a 4ms b 12ms c 1ms d 24ms e 4ms f', {
        a: 'open',
        b: 'reconnecting#1@13',
        c: 'connecting#1',
        d: 'reconnecting#2@25',
        e: 'connecting#2',
        f: 'closed:1006',
      });
      flush();
      expect(mock.sockets).toHaveLength(3);
      expect(fatal).toBeInstanceOf(TransportError);
      expect((fatal as TransportError).reason).toBe('reconnect_exhausted');
    });
  });

  it('re-sends the last session.update after reconnecting, then the queue', () => {
    const scheduler = testScheduler();
    scheduler.run(({ flush }) => {
      const socket = mockSocket(scheduler, {
        apiKey: 'ek_1',
        reconnect: { maxAttempts: 3, initialDelayMs: 100, jitter: 0 },
      });
      const states: string[] = [];
      socket.state$.subscribe((s) => states.push(code(s)));
      socket.subscribe();
      mock.last().open();
      const update: ClientEvent = {
        type: 'session.update',
        event_id: 'upd_1',
        session: { type: 'realtime', instructions: 'Be brief.' },
      };
      socket.next(update);
      const first = mock.last();
      first.triggerClose(1011, 'server error', false);
      socket.next({ type: 'response.create', event_id: 'queued_1' });
      flush();
      const second = mock.last();
      expect(second).not.toBe(first);
      second.open();
      expect(second.sentEvents.map((e) => e.event_id)).toEqual(['upd_1', 'queued_1']);
      expect(states).toEqual([
        'idle',
        'connecting#0',
        'open',
        'reconnecting#1@100',
        'connecting#1',
        'open',
      ]);
      socket.close();
    });
  });

  it('does not reconnect after a clean close requested by the user or a non-retryable code', () => {
    const scheduler = testScheduler();
    scheduler.run(({ flush }) => {
      const socket = mockSocket(scheduler);
      let completed = false;
      socket.subscribe({ complete: () => (completed = true) });
      mock.last().open();
      socket.close();
      flush();
      expect(mock.sockets).toHaveLength(1);
      expect(completed).toBe(true);

      socket.subscribe();
      mock.last().open();
      mock.last().triggerClose(1000, 'bye', true);
      flush();
      expect(mock.sockets).toHaveLength(2);
    });
  });

  it('close() during the backoff wait cancels the reconnection', () => {
    const scheduler = testScheduler();
    scheduler.run(({ flush }) => {
      const socket = mockSocket(scheduler);
      socket.subscribe();
      mock.last().open();
      mock.last().triggerClose(1006);
      expect(socket.state.kind).toBe('reconnecting');
      socket.close();
      flush();
      expect(mock.sockets).toHaveLength(1);
      expect(socket.state).toEqual({ kind: 'closed', code: 1000, reason: 'OK', wasClean: true });
    });
  });
});

const [sessionCreated, sessionUpdated] = sample('ga-text-only.server.jsonl');

const sessionUpdate: ClientEvent = {
  type: 'session.update',
  event_id: 'upd_budget',
  session: { type: 'realtime', instructions: 'Be brief.' },
};

/** The lost-connection events as `code:willReconnect`, and the fatal end as `fatal:reason`. */
const lostEvents = (socket: RealtimeSocket) =>
  socket.pipe(
    filter(isEvent('local.connection_lost')),
    map((e) => `${e.code}:${String(e.willReconnect)}`),
    catchError((e: unknown) => of(`fatal:${e instanceof TransportError ? e.reason : String(e)}`)),
  );

describe('the reconnection budget in virtual time', () => {
  const budget = { maxAttempts: 1, initialDelayMs: 10, maxDelayMs: 10, jitter: 0 };

  it('is earned back by a connection that reached session.updated and stayed up stableAfterMs', () => {
    const scheduler = testScheduler();
    scheduler.run(({ expectObservable, flush }) => {
      const at = (frame: number, work: () => void) => scheduler.schedule(work, frame);
      const socket = mockSocket(scheduler, {
        reconnect: { ...budget, stableAfterMs: 100 },
      });
      socket.subscribe({ error: () => undefined });
      socket.next(sessionUpdate);
      mock.last().open();
      at(5, () => mock.last().triggerClose(1006));
      // attempt 1 at 15; configured at 20, stable from 120
      at(20, () => {
        mock.last().open();
        mock.last().triggerMessage(sessionCreated);
        mock.last().triggerMessage(sessionUpdated);
      });
      // the budget is whole again: attempt 1, not exhaustion
      at(130, () => mock.last().triggerClose(1006));
      // this one drops before it is configured: the budget is used up
      at(145, () => mock.last().open());
      at(150, () => mock.last().triggerClose(1006));

      expectObservable(socket.state$.pipe(map(code))).toBe(
        'a 4ms b 9ms c 4ms d 109ms e 9ms f 4ms g 4ms h',
        {
          a: 'open',
          b: 'reconnecting#1@10',
          c: 'connecting#1',
          d: 'open',
          e: 'reconnecting#1@10',
          f: 'connecting#1',
          g: 'open',
          h: 'closed:1006',
        },
      );
      flush();
      expect(mock.sockets).toHaveLength(3);
      expect(mock.sockets[1].sentEvents.map((e) => e.event_id)).toEqual(['upd_budget']);
    });
  });

  it('is not earned back by a configured connection that drops before stableAfterMs', () => {
    const scheduler = testScheduler();
    scheduler.run(({ expectObservable, flush }) => {
      const at = (frame: number, work: () => void) => scheduler.schedule(work, frame);
      const socket = mockSocket(scheduler, { reconnect: { ...budget, stableAfterMs: 100 } });
      socket.subscribe({ error: () => undefined });
      socket.next(sessionUpdate);
      mock.last().open();
      at(5, () => mock.last().triggerClose(1006));
      at(20, () => {
        mock.last().open();
        mock.last().triggerMessage(sessionUpdated);
      });
      at(119, () => mock.last().triggerClose(1006));

      expectObservable(socket.state$.pipe(map(code))).toBe('a 4ms b 9ms c 4ms d 98ms h', {
        a: 'open',
        b: 'reconnecting#1@10',
        c: 'connecting#1',
        d: 'open',
        h: 'closed:1006',
      });
      flush();
      expect(mock.sockets).toHaveLength(2);
    });
  });

  it('does not count session.created as configured when the socket sent a session.update', () => {
    const scheduler = testScheduler();
    scheduler.run(({ expectObservable, flush }) => {
      const at = (frame: number, work: () => void) => scheduler.schedule(work, frame);
      const socket = mockSocket(scheduler, { reconnect: { ...budget, stableAfterMs: 100 } });
      socket.subscribe({ error: () => undefined });
      socket.next(sessionUpdate);
      mock.last().open();
      at(5, () => mock.last().triggerClose(1006));
      // the server never answers the replayed session.update
      at(20, () => {
        mock.last().open();
        mock.last().triggerMessage(sessionCreated);
      });
      at(500, () => mock.last().triggerClose(1006));

      expectObservable(socket.state$.pipe(map(code))).toBe('a 4ms b 9ms c 4ms d 479ms h', {
        a: 'open',
        b: 'reconnecting#1@10',
        c: 'connecting#1',
        d: 'open',
        h: 'closed:1006',
      });
      flush();
      expect(mock.sockets).toHaveLength(2);
    });
  });

  it('counts session.created as configured when the socket never sends a session.update', () => {
    const scheduler = testScheduler();
    scheduler.run(({ expectObservable }) => {
      const at = (frame: number, work: () => void) => scheduler.schedule(work, frame);
      const socket = mockSocket(scheduler, { reconnect: { ...budget, stableAfterMs: 100 } });
      socket.subscribe({ error: () => undefined });
      mock.last().open();
      at(5, () => mock.last().triggerClose(1006));
      at(20, () => {
        mock.last().open();
        mock.last().triggerMessage(sessionCreated);
      });
      at(130, () => mock.last().triggerClose(1006));
      at(200, () => socket.close());

      expectObservable(socket.state$.pipe(map(code))).toBe(
        'a 4ms b 9ms c 4ms d 109ms e 9ms f 59ms h',
        {
          a: 'open',
          b: 'reconnecting#1@10',
          c: 'connecting#1',
          d: 'open',
          e: 'reconnecting#1@10',
          f: 'connecting#1',
          h: 'closed:1000',
        },
      );
    });
  });
});

describe('local.connection_lost in virtual time', () => {
  it('is emitted once per open connection that ends unasked, saying whether it reconnects', () => {
    const scheduler = testScheduler();
    scheduler.run(({ expectObservable }) => {
      const at = (frame: number, work: () => void) => scheduler.schedule(work, frame);
      const socket = mockSocket(scheduler, {
        reconnect: { maxAttempts: 2, initialDelayMs: 10, maxDelayMs: 10, jitter: 0 },
      });
      const lost$ = lostEvents(socket);
      at(1, () => mock.last().open());
      at(5, () => mock.last().triggerClose(1006));
      // attempt 1 at 15 never opens: nothing was streaming on it, so nothing was lost
      at(17, () => mock.last().triggerClose(1006));
      // attempt 2 at 27 opens, then the server goes away: the budget is spent
      at(28, () => mock.last().open());
      at(30, () => mock.last().triggerClose(1011, 'server error', false));

      expectObservable(lost$).toBe('5ms a 24ms (bF|)', {
        a: '1006:true',
        b: '1011:false',
        F: 'fatal:reconnect_exhausted',
      });
    });
  });

  it('is emitted for a clean close by the server, not for close() by the app', () => {
    const scheduler = testScheduler();
    scheduler.run(({ expectObservable }) => {
      const byServer = mockSocket(scheduler, { reconnect: false });
      const fromServer$ = lostEvents(byServer);
      const byApp = mockSocket(scheduler);
      const fromApp$ = lostEvents(byApp);
      scheduler.schedule(() => {
        mock.sockets.forEach((m) => m.open());
      }, 1);
      scheduler.schedule(() => mock.sockets[0].triggerClose(1000, 'bye', true), 5);
      scheduler.schedule(() => byApp.close(), 5);
      expectObservable(fromServer$).toBe('5ms (a|)', { a: '1000:false' });
      expectObservable(fromApp$).toBe('5ms |');
    });
  });
});
