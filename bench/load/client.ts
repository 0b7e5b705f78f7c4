/**
 * The measured process of `bench/load`: N sessions against the load server, each appending
 * 20 ms of microphone audio every 20 ms, for a fixed window. `raw` is the floor (`ws` +
 * `JSON.parse`, base64 of each chunk by `Buffer`); `socket` is `realtimeSocket` alone, the app
 * sending the audio with `socket.appendAudio`; `library` is `realtimeSocket` +
 * `createRealtimeSession` with the app subscribed to `responses$`; `streams` is the same with
 * `retainAudio: false`, the app taking the audio from `responseStreams()` to play it. Two steps
 * in between tell what each layer adds: `session` is the session with nothing subscribed to
 * `responses$`, `text` the session with `responses$` and `retainAudio: false` (snapshots for the
 * text, no audio kept). Prints one JSON line of figures.
 *
 * Usage: client.ts <raw|socket|session|text|library|streams> <port> <N> <seconds>
 * With LOAD_PROFILE=<file>, writes a CPU profile of the measured window only (no start-up);
 * with LOAD_HEAP=<file>, a heap snapshot at its end (where the per-session memory is).
 */
import { writeFileSync } from 'node:fs';
import { Session as Inspector } from 'node:inspector/promises';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { writeHeapSnapshot } from 'node:v8';
import WebSocket from 'ws';
// The package as built (bench/run.ts builds it first): what users run, not the sources
// through a compiler hook that adds its own helpers to every function.
import { createRealtimeSession, responseStreams, type RealtimeSession } from 'rx-realtime';
import { realtimeSocket } from 'rx-realtime/node';

type Mode = 'raw' | 'socket' | 'session' | 'text' | 'library' | 'streams';
const [mode, portArg, nArg, secondsArg] = process.argv.slice(2) as [Mode, string, string, string];
const url = `ws://127.0.0.1:${portArg}/v1/realtime`;
const n = Number(nArg);
const seconds = Number(secondsArg);
const WARMUP_MS = 1500;

const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
const epochMs = (): number => performance.timeOrigin + performance.now();
const microphone = new Uint8Array(
  Int16Array.from({ length: 480 }, (_, i) => Math.round(3000 * Math.sin(i / 7))).buffer,
);

let measuring = false;
let frames = 0;
const lags: number[] = [];
/** Delivery lag of an event that reached the app: its send time is in `event_id`. */
function delivered(eventId: string | undefined): void {
  if (!measuring) return;
  frames += 1;
  if (eventId?.startsWith('ev_')) lags.push(epochMs() - Number(eventId.slice(3)));
}

interface Client {
  readonly append: () => void;
  readonly ready: Promise<void>;
  readonly close: () => void;
}

function rawClient(): Client {
  const ws = new WebSocket(url, { perMessageDeflate: false });
  const ready = new Promise<void>((resolve) => {
    ws.on('message', (data) => {
      const event = JSON.parse(String(data)) as { type: string; event_id?: string };
      if (event.type === 'session.updated') resolve();
      delivered(event.event_id);
    });
    ws.on('open', () =>
      ws.send(JSON.stringify({ type: 'session.update', session: { type: 'realtime' } })),
    );
  });
  return {
    ready,
    append: () =>
      ws.send(
        JSON.stringify({
          type: 'input_audio_buffer.append',
          audio: Buffer.from(microphone.buffer).toString('base64'),
        }),
      ),
    close: () => ws.terminate(),
  };
}

function socketClient(): Client {
  const socket = realtimeSocket({ url, apiKey: 'sk-load', model: 'gpt-realtime' });
  const ready = new Promise<void>((resolve) =>
    socket.subscribe((e) => {
      if (e.type === 'session.updated') resolve();
      delivered('event_id' in e ? e.event_id : undefined);
    }),
  );
  socket.next({ type: 'session.update', session: { type: 'realtime' } });
  return {
    ready,
    append: () => socket.appendAudio(microphone),
    close: () => socket.close(),
  };
}

function libraryClient(): Client {
  const streams = mode === 'streams';
  const socket = realtimeSocket({ url, apiKey: 'sk-load', model: 'gpt-realtime' });
  const session: RealtimeSession = createRealtimeSession(socket, {
    session: {},
    retainAudio: mode === 'library',
  });
  if (mode !== 'session') session.responses$.subscribe();
  if (streams)
    socket
      .pipe(responseStreams())
      .subscribe((r) =>
        r.parts$.subscribe((p) => (p.kind === 'audio' ? p.audio$.subscribe() : undefined)),
      );
  // The app's own subscriber, after the session's units: what the app sees, when it sees it.
  socket.subscribe((e) => delivered('event_id' in e ? e.event_id : undefined));
  return {
    ready: session.ready().then(() => undefined),
    append: () => session.appendAudio(microphone),
    close: () => session.close(),
  };
}

async function main(): Promise<void> {
  gc();
  const heap0 = process.memoryUsage();
  const clients = Array.from({ length: n }, () =>
    mode === 'raw' ? rawClient() : mode === 'socket' ? socketClient() : libraryClient(),
  );
  await Promise.all(clients.map((c) => c.ready));
  const mic = setInterval(() => clients.forEach((c) => c.append()), 20);
  await new Promise((r) => setTimeout(r, WARMUP_MS));
  const loopDelay = monitorEventLoopDelay({ resolution: 5 });
  loopDelay.enable();
  const profiler = process.env.LOAD_PROFILE ? new Inspector() : undefined;
  if (profiler) {
    profiler.connect();
    await profiler.post('Profiler.enable');
    await profiler.post('Profiler.start');
  }
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  measuring = true;
  await new Promise((r) => setTimeout(r, seconds * 1000));
  measuring = false;
  const cpu = process.cpuUsage(cpu0);
  if (profiler) {
    const { profile } = await profiler.post('Profiler.stop');
    writeFileSync(process.env.LOAD_PROFILE!, JSON.stringify(profile));
  }
  const elapsedS = (performance.now() - t0) / 1000;
  loopDelay.disable();
  gc();
  const heap = process.memoryUsage();
  if (process.env.LOAD_HEAP) writeHeapSnapshot(process.env.LOAD_HEAP);
  clearInterval(mic);
  clients.forEach((c) => c.close());
  lags.sort((a, b) => a - b);
  const q = (p: number) => lags[Math.min(lags.length - 1, Math.floor(p * lags.length))] ?? NaN;
  const sessionSeconds = n * elapsedS;
  console.log(
    JSON.stringify({
      mode,
      n,
      cpuMsPerSessionSecond: (cpu.user + cpu.system) / 1000 / sessionSeconds,
      heapPerSessionKB: (heap.heapUsed - heap0.heapUsed) / 1024 / n,
      externalPerSessionKB:
        (heap.external + heap.arrayBuffers - heap0.external - heap0.arrayBuffers) / 1024 / n,
      loopDelayP99Ms: loopDelay.percentile(99) / 1e6,
      lagP50Ms: q(0.5),
      lagP99Ms: q(0.99),
      framesPerSessionSecond: frames / sessionSeconds,
    }),
  );
  process.exit(0);
}

void main();
