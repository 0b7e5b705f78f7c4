import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

/** The repository root. */
export const root = join(__dirname, '..', '..');

/** What a finished example printed and how it exited. */
export interface ExampleRun {
  readonly stdout: string;
  readonly stderr: string;
  /** Exit code, or null when a signal (e.g. the time limit) ended it. */
  readonly status: number | null;
}

/** How to run an example: its arguments, what to pipe to its stdin, where. */
export interface RunExampleOptions {
  readonly args?: readonly string[];
  /** Written to the example's stdin, which is then closed (EOF). */
  readonly input?: string;
  /** Working directory. Default: the repository root. */
  readonly cwd?: string;
  /** Killed after this long. Default 45 s. */
  readonly timeoutMs?: number;
}

/**
 * Runs `examples/<name>/main.ts` with tsx in a child process, as a user would
 * (`npx tsx examples/<name>/main.ts`), with `rx-realtime`, `rx-realtime/node` and
 * `rx-realtime/testing` resolved to `src/` through tsconfig.json's paths.
 *
 * @example
 * ```ts
 * const run = runExample('text-chat', { input: 'Hello\n' });
 * expect(run.status).toBe(0);
 * ```
 */
export function runExample(name: string, options: RunExampleOptions = {}): ExampleRun {
  const result = spawnSync(
    join(root, 'node_modules', '.bin', 'tsx'),
    [join(root, 'examples', name, 'main.ts'), ...(options.args ?? [])],
    {
      cwd: options.cwd ?? root,
      encoding: 'utf8',
      input: options.input ?? '',
      timeout: options.timeoutMs ?? 45_000,
      env: { ...process.env, TSX_TSCONFIG_PATH: join(root, 'tsconfig.json') },
    },
  );
  if (result.error) throw result.error;
  return { stdout: result.stdout, stderr: result.stderr, status: result.status };
}
