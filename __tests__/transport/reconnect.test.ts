import { map, type SchedulerLike } from 'rxjs';
import type { ClientEvent } from '../../src/protocol/index.js';
import {
  backoffDelay,
  realtimeSocket,
  TransportError,
  type RealtimeSocket,
  type RealtimeSocketOptions,
  type SocketState,
} from '../../src/transport/index.js';
import { mockWebSocket, type MockWebSockets } from '../../src/testing/mock-websocket.js';
import { testScheduler } from './helpers.js';

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
