/**
 * bench/load: what the library costs a server that hosts many voice sessions, against the
 * raw-socket floor measured in the same run. The load server runs in its own process
 * (bench/load/server.ts); each (client, N) pair runs in a fresh measured process
 * (bench/load/client.ts), alternating floor and library so machine noise hits both alike.
 *
 * `npm run bench load` (env LOAD_N="50,100,200,400", LOAD_SECONDS=6, LOAD_MODES="raw,library,streams";
 * the modes `socket`, `session` and `text` tell what each layer adds, see bench/load/client.ts).
 */
import { execFileSync, spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

interface Figures {
  readonly mode: string;
  readonly n: number;
  readonly cpuMsPerSessionSecond: number;
  readonly heapPerSessionKB: number;
  readonly externalPerSessionKB: number;
  readonly loopDelayP99Ms: number;
  readonly lagP50Ms: number;
  readonly lagP99Ms: number;
  readonly framesPerSessionSecond: number;
}

const list = (value: string | undefined, fallback: string): string[] =>
  (value ?? fallback).split(',').map((s) => s.trim());
const counts = list(process.env.LOAD_N, '50,100,200,400').map(Number);
const seconds = Number(process.env.LOAD_SECONDS ?? 6);
const modes = list(process.env.LOAD_MODES, 'raw,library,streams');
const LAG_LIMIT_MS = 20;

async function startServer(): Promise<{ port: number; stop: () => void }> {
  const server = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'load/server.ts')], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const line = await new Promise<string>((resolve) =>
    createInterface({ input: server.stdout }).once('line', resolve),
  );
  return { port: (JSON.parse(line) as { port: number }).port, stop: () => server.kill() };
}

function measure(mode: string, port: number, n: number): Figures {
  const out = execFileSync(
    process.execPath,
    [
      '--expose-gc',
      '--import',
      'tsx',
      join(__dirname, 'load/client.ts'),
      mode,
      String(port),
      String(n),
      String(seconds),
    ],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
  );
  return JSON.parse(out.trim().split('\n').pop()!) as Figures;
}

const fixed = (v: number, digits = 2): string => (Number.isFinite(v) ? v.toFixed(digits) : '-');

async function main(): Promise<void> {
  const server = await startServer();
  const results: Figures[] = [];
  try {
    for (const n of counts) for (const mode of modes) results.push(measure(mode, server.port, n));
  } finally {
    server.stop();
  }
  console.log(
    `${seconds} s per run; CPU in ms per session-second; memory per session after gc; lag = arrival at the app - send time`,
  );
  console.log(
    [
      'client',
      'N',
      'CPU',
      'x floor',
      'heap KB',
      'external KB',
      'loop p99 ms',
      'lag p50',
      'lag p99',
      'frames/s',
    ].join('\t'),
  );
  for (const r of results) {
    const floor = results.find((f) => f.mode === 'raw' && f.n === r.n)!;
    console.log(
      [
        r.mode,
        r.n,
        fixed(r.cpuMsPerSessionSecond),
        fixed(r.cpuMsPerSessionSecond / floor.cpuMsPerSessionSecond),
        fixed(r.heapPerSessionKB, 0),
        fixed(r.externalPerSessionKB, 0),
        fixed(r.loopDelayP99Ms, 1),
        fixed(r.lagP50Ms),
        fixed(r.lagP99Ms),
        fixed(r.framesPerSessionSecond, 1),
      ].join('\t'),
    );
  }
  // The largest N such that it and every smaller N held p99 lag under the limit.
  const largest = (mode: string): number => {
    let best = 0;
    for (const n of counts) {
      const r = results.find((f) => f.mode === mode && f.n === n)!;
      if (!(r.lagP99Ms < LAG_LIMIT_MS)) break;
      best = n;
    }
    return best;
  };
  const floorBest = largest('raw');
  for (const mode of modes) {
    const best = largest(mode);
    console.log(
      `largest N with lag p99 < ${LAG_LIMIT_MS} ms: ${mode} ${best}` +
        (mode === 'raw' ? '' : ` (${floorBest ? fixed(best / floorBest) : '-'} x floor)`),
    );
  }
}

void main();
