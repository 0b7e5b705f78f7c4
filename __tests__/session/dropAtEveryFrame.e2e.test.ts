/**
 * A voice turn with a tool call, against the simulator, with the connection dropped after each
 * server frame in turn (k = 1..N). After every drop: no request is left pending, every request
 * sent was either delivered to the server or failed, every response the drop cut was finished,
 * and the server holds the client's conversation except the items recovery$ reported.
 */
import {
  filter,
  firstValueFrom,
  map,
  merge,
  of,
  startWith,
  switchMap,
  take,
  timeout,
  timer,
} from 'rxjs';
import { startSimulator, toneAndSilence, type Script } from '../../src/node/simulator/index.js';
import { realtimeSocket } from '../../src/node/transport/index.js';
import type { ResponseSnapshot } from '../../src/operators/index.js';
import type { Dialect, ServerEvent } from '../../src/protocol/index.js';
import {
  ConfirmationLostError,
  createRealtimeSession,
  type Recovery,
} from '../../src/session/index.js';
import { ServerError, type RealtimeSocket } from '../../src/transport/index.js';
import { startDropProxy } from './dropProxy.js';
import { weatherTool } from './e2e.js';

const script: Script = ({ conversation }) => {
  const last = conversation[conversation.length - 1];
  if (last?.type === 'function_call_output') return { text: 'It is sunny in Paris.' };
  if (last?.type === 'message' && last.role === 'user' && JSON.stringify(last).includes('note'))
    return { text: 'Noted.' };
  return {
    functionCall: { name: 'get_weather', arguments: { city: 'Paris' } },
    transcript: 'What is the weather in Paris?',
  };
};

/** Whether the server of the socket's current connection has the item. */
async function serverHas(socket: RealtimeSocket, itemId: string): Promise<boolean> {
  const eventId = `check_${itemId}`;
  const answer = firstValueFrom(
    merge(
      socket.pipe(
        filter(
          (e: ServerEvent) =>
            (e.type === 'conversation.item.retrieved' && e.item.id === itemId) ||
            (e.type === 'error' && e.error.event_id === eventId),
        ),
        map((e) => e.type === 'conversation.item.retrieved'),
      ),
      timer(2000).pipe(map(() => false)),
    ).pipe(take(1)),
  );
  socket.next({ type: 'conversation.item.retrieve', item_id: itemId, event_id: eventId });
  return answer;
}

interface Outcome {
  readonly forwarded: number;
  readonly connections: number;
  readonly problems: readonly string[];
}

/** One run: drop the first connection after `dropAfter` server frames. */
async function run(dialect: Dialect, dropAfter: number): Promise<Outcome> {
  const sim = await startSimulator({ pace: 'instant', script });
  const proxy = await startDropProxy(sim.url, dropAfter);
  const socket = realtimeSocket({
    url: proxy.url,
    apiKey: 'x',
    dialect,
    reconnect: { maxAttempts: 3, initialDelayMs: 10, maxDelayMs: 20, jitter: 0 },
  });
  const session = createRealtimeSession(socket, {
    tools: [weatherTool],
    session: {
      output_modalities: ['audio'],
      audio: {
        input: {
          transcription: { model: 'whisper-1' },
          turn_detection: { type: 'server_vad', silence_duration_ms: 300 },
        },
      },
    },
  });
  const problems: string[] = [];
  socket.errors$.subscribe((e) => problems.push(`errors$: ${e.name} ${e.message}`));
  const texts: { readonly label: string; settled?: 'confirmed' | 'failed'; itemId?: string }[] = [];
  const sendNote = (label: string) => {
    const entry: (typeof texts)[number] = { label };
    texts.push(entry);
    session.sendText(`note ${label}`).subscribe({
      next: (e) => {
        entry.settled = 'confirmed';
        entry.itemId = e.item.id;
      },
      error: (err: unknown) => {
        entry.settled = 'failed';
        if (!(err instanceof ConfirmationLostError || err instanceof ServerError))
          problems.push(`note ${label}: unexpected error ${String(err)}`);
      },
    });
  };
  let inFrames = 0;
  socket.wire$.subscribe((frame) => {
    if (frame.direction !== 'in') return;
    inFrames += 1;
    if (inFrames === dropAfter) {
      sendNote('same tick');
      setTimeout(() => sendNote('next tick'), 0);
    }
  });
  const latest = new Map<string, ResponseSnapshot>();
  session.responses$.subscribe((r) => latest.set(r.id, r));
  const recoveries: Recovery[] = [];
  session.recovery$.subscribe((r) => recoveries.push(r));

  const speech = toneAndSilence([100, 600, 500]);
  for (let at = 0; at < speech.length; at += 960)
    session.appendAudio(speech.subarray(at, at + 960));

  // Settled: ready after the drop, and no frame for half a second (at most 15 s of waiting).
  let state = 'connecting';
  session.state$.subscribe((s) => (state = s.kind));
  const dropped = () => proxy.connections() >= 2 || dropAfter === Number.POSITIVE_INFINITY;
  const settled = await firstValueFrom(
    socket.wire$.pipe(
      startWith(null),
      switchMap(() => timer(500)),
      filter(() => state === 'ready' && dropped()),
      map(() => true),
      timeout({ first: 15_000, with: () => of(false) }),
    ),
  );
  if (!settled) problems.push(`not settled: state ${state}`);

  const forwarded = proxy.forwarded(); // the turn's frames, before the checks below add theirs
  for (const text of texts) {
    if (!text.settled) problems.push(`note ${text.label}: still pending`);
    if (text.settled === 'confirmed' && !(await serverHas(socket, text.itemId ?? '')))
      problems.push(`note ${text.label}: confirmed but not on the server`);
  }
  for (const [id, r] of latest)
    if (r.status === 'in_progress') problems.push(`response ${id}: never finished`);
  const skipped = new Set(
    recoveries.flatMap((r) => r.outcomes.filter((o) => o.kind === 'skipped').map((o) => o.itemId)),
  );
  const conversation = await firstValueFrom(session.conversation$);
  for (const entry of conversation.items) {
    if (skipped.has(entry.id)) continue;
    if (!(await serverHas(socket, entry.id)))
      problems.push(
        `item ${entry.id} (${entry.item.type}) not on the server: ${JSON.stringify(entry.item).slice(0, 160)}`,
      );
  }
  const outcome = { forwarded, connections: proxy.connections(), problems };
  session.close();
  await proxy.close();
  await sim.close();
  return outcome;
}

/** Runs `task` for each value, `width` at a time. */
async function inBatches<T, R>(values: readonly T[], width: number, task: (v: T) => Promise<R>) {
  const results: R[] = [];
  for (let i = 0; i < values.length; i += width)
    results.push(...(await Promise.all(values.slice(i, i + width).map(task))));
  return results;
}

describe.each<Dialect>(['ga', 'beta'])(
  'a connection dropped at every frame of a voice turn (%s)',
  (dialect) => {
    it('loses nothing silently and leaves nothing pending', async () => {
      const baseline = await run(dialect, Number.POSITIVE_INFINITY);
      expect(baseline.problems).toEqual([]);
      expect(baseline.connections).toBe(1);
      const frames = baseline.forwarded;
      expect(frames).toBeGreaterThan(30);
      const positions = Array.from({ length: frames }, (_, i) => i + 1);
      const outcomes = await inBatches(positions, 6, (k) => run(dialect, k));
      const failures = outcomes.flatMap((o, i) =>
        o.problems.map((p) => `drop after frame ${i + 1}: ${p}`),
      );
      expect(failures).toEqual([]);
      expect(outcomes.every((o) => o.connections >= 2)).toBe(true);
    }, 240_000);
  },
);
