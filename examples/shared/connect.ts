/**
 * How every example reaches a server: the embedded simulator, started in-process on a free
 * loopback port, unless `--live` (api.openai.com) or `--url` (any deployment) is given, which
 * need OPENAI_API_KEY. `--dialect beta` speaks the older wire dialect (Azure preview, say). An
 * Azure URL (`*.openai.azure.com`) is opened with the key as Azure's `api-key` header.
 */
import { redactUrl, type AzureOptions, type RealtimeSocket } from 'rx-realtime';
import { realtimeSocket, startSimulator, type SimulatorOptions } from 'rx-realtime/node';

/** The `parseArgs` options of a connection; spread them into an example's own. */
export const connectionOptions = {
  live: { type: 'boolean', default: false },
  url: { type: 'string' },
  dialect: { type: 'string', default: 'ga' },
  model: { type: 'string', default: 'gpt-realtime-2.1' },
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
  const dialect = args.dialect === 'beta' ? 'beta' : 'ga';
  const azure = args.url === undefined ? undefined : azureTarget(args.url, apiKey);
  const socket = azure
    ? realtimeSocket({ azure, dialect })
    : realtimeSocket({
        url: args.url ?? simulator?.url,
        model: args.model,
        apiKey: apiKey ?? 'sk-simulator',
        dialect,
      });
  return {
    socket,
    target: simulator
      ? `the simulator on ${simulator.url}`
      : args.url
        ? redactUrl(args.url)
        : 'the live service (api.openai.com)',
    async close() {
      socket.close();
      await simulator?.close();
    },
  };
}

/**
 * An Azure OpenAI URL as Azure options: the preview form
 * `wss://<resource>.openai.azure.com/openai/realtime?api-version=...&deployment=...` or the GA
 * form `.../openai/v1/realtime?model=<deployment>`. Other URLs are used as they are.
 */
export function azureTarget(url: string, apiKey: string | undefined): AzureOptions | undefined {
  const parsed = new URL(url);
  if (!/\.(openai|cognitiveservices)\.azure\.com$/.test(parsed.hostname)) return undefined;
  const query = parsed.searchParams;
  const deployment = query.get('deployment') ?? query.get('model');
  if (!deployment) throw new Error(`${parsed.origin}: the Azure URL names no deployment`);
  return {
    endpoint: parsed.host,
    deployment,
    apiVersion: query.get('api-version') ?? undefined,
    apiKey,
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
