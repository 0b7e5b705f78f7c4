/**
 * How every example reaches a server: the embedded simulator, started in-process on a free
 * loopback port, unless `--live` (api.openai.com) or `--url` (any deployment) is given, which
 * need OPENAI_API_KEY. `--dialect beta` speaks the older wire dialect (Azure preview, say).
 */
import type { RealtimeSocket } from 'rx-realtime';
import { realtimeSocket, startSimulator, type SimulatorOptions } from 'rx-realtime/node';

/** The `parseArgs` options of a connection; spread them into an example's own. */
export const connectionOptions = {
  live: { type: 'boolean', default: false },
  url: { type: 'string' },
  dialect: { type: 'string', default: 'ga' },
  model: { type: 'string', default: 'gpt-realtime' },
} as const;

export interface ConnectionArgs {
  readonly live?: boolean;
  readonly url?: string;
  readonly dialect?: string;
  readonly model?: string;
}

export interface Connection {
  readonly socket: RealtimeSocket;
  /** What the socket talks to, for the first line of output. */
  readonly target: string;
  /** Closes the socket and stops the simulator. */
  close(): Promise<void>;
}

export async function connect(
  args: ConnectionArgs,
  simulatorOptions: SimulatorOptions = {},
): Promise<Connection> {
  const live = args.live === true || args.url !== undefined;
  const apiKey = process.env.OPENAI_API_KEY;
  if (live && !apiKey) throw new Error('--live and --url need OPENAI_API_KEY in the environment');
  const simulator = live ? undefined : await startSimulator(simulatorOptions);
  const socket = realtimeSocket({
    url: args.url ?? simulator?.url,
    model: args.model,
    apiKey: apiKey ?? 'sk-simulator',
    dialect: args.dialect === 'beta' ? 'beta' : 'ga',
  });
  return {
    socket,
    target: simulator ? `the simulator on ${simulator.url}` : 'the live service',
    async close() {
      socket.close();
      await simulator?.close();
    },
  };
}

/** Runs an example's `main`, exiting 0 when it resolves and 1 with its message when not. */
export function runMain(main: () => Promise<void>): void {
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
