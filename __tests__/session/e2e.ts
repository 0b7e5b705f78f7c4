import * as t from 'io-ts';
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
  type Tool,
} from '../../src/session/index.js';

/** The get_weather tool the end-to-end tests declare: `{ city }` in, a sunny forecast out. */
export const weatherTool: Tool<{ city: string }> = {
  name: 'get_weather',
  description: 'Current weather in a city',
  parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
  codec: t.type({ city: t.string }),
  handler: ({ city }) => ({ city, forecast: 'sunny' }),
};

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
 * every session and simulator it made is closed (a test may make several).
 */
export function simulatorFixture() {
  const closers: Array<() => Promise<void>> = [];
  const sessions: RealtimeSession[] = [];
  afterEach(async () => {
    for (const session of sessions.splice(0)) session.close();
    await Promise.all(closers.splice(0).map((close) => close()));
  });
  return {
    async connect(simulator: SimulatorOptions, socketOptions: SocketOptions) {
      const sim = await startSimulator(simulator);
      closers.push(() => sim.close());
      const socket = realtimeSocket({ url: sim.url, apiKey: 'x', ...socketOptions });
      const sent: ClientEvent[] = [];
      socket.wire$.subscribe((frame) => {
        if (frame.direction === 'out') sent.push(JSON.parse(frame.text) as ClientEvent);
      });
      return { socket, sent };
    },
    session(socket: ReturnType<typeof realtimeSocket>, options: RealtimeSessionOptions) {
      const session = createRealtimeSession(socket, options);
      sessions.push(session);
      return session;
    },
  };
}
