/** Shared by the session's end-to-end tests over the simulator. */
import { timeout } from 'rxjs';
import { startSimulator, type SimulatorOptions } from '../../src/node/simulator/index.js';
import { realtimeSocket } from '../../src/node/transport/index.js';
import type { ResponseSnapshot } from '../../src/operators/index.js';
import type { ClientEvent } from '../../src/protocol/index.js';
import {
  createRealtimeSession,
  type RealtimeSession,
  type RealtimeSessionOptions,
} from '../../src/session/index.js';

export const finished = (r: ResponseSnapshot): boolean => r.status !== 'in_progress';

/** All the text of a response's message items, in order. */
export const textOf = (r: ResponseSnapshot): string =>
  r.output
    .flatMap((item) => (item.type === 'message' ? item.content : []))
    .map((part) => (part.type === 'text' ? part.text : ''))
    .join('');

/** Fails a stream that has not emitted within `ms`. */
export const within = <T>(ms: number) => timeout<T, T>({ first: ms });

type SocketOptions = Omit<NonNullable<Parameters<typeof realtimeSocket>[0]>, 'url' | 'apiKey'>;

/**
 * Call at the top level of a test file: `connect` starts a simulator and opens a socket to it
 * (recording what the client sends), `session` wires a session to that socket; after each test
 * the session and the simulator are closed.
 */
export function simulatorFixture() {
  let closeSimulator: (() => Promise<void>) | undefined;
  let session: RealtimeSession | undefined;
  afterEach(async () => {
    session?.close();
    session = undefined;
    await closeSimulator?.();
    closeSimulator = undefined;
  });
  return {
    async connect(simulator: SimulatorOptions, socketOptions: SocketOptions) {
      const sim = await startSimulator(simulator);
      closeSimulator = () => sim.close();
      const socket = realtimeSocket({ url: sim.url, apiKey: 'x', ...socketOptions });
      const sent: ClientEvent[] = [];
      socket.wire$.subscribe((frame) => {
        if (frame.direction === 'out') sent.push(JSON.parse(frame.text) as ClientEvent);
      });
      return { socket, sent };
    },
    session(socket: ReturnType<typeof realtimeSocket>, options: RealtimeSessionOptions) {
      session = createRealtimeSession(socket, options);
      return session;
    },
  };
}
