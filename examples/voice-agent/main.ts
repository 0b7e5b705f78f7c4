/**
 * The main job (`npm start`): a voice agent on the Realtime protocol.
 *
 * By default it starts the embedded simulator on a free loopback port and talks to it; with
 * `--live` (and OPENAI_API_KEY set) the same pipeline talks to the real service. The user
 * asks for the weather, the assistant calls the `get_weather` tool, the pipeline runs it and
 * sends the result, and the assistant answers with audio and a transcript. The terminal shows
 * a live timeline; the assistant's audio is written to `out/assistant.wav`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { firstValueFrom, filter, share, take, type Observable } from 'rxjs';
import {
  accumulateFunctionCalls,
  assembleResponses,
  encodeWav,
  transcripts,
  type ClientEvent,
  type ResponseSnapshot,
  type ServerEvent,
} from 'rx-realtime';
import { realtimeSocket, startSimulator } from 'rx-realtime/node';

const { values: args } = parseArgs({
  options: {
    live: { type: 'boolean', default: false },
    dialect: { type: 'string', default: 'ga' },
    url: { type: 'string' },
    question: { type: 'string', default: "What's the weather in Paris right now?" },
  },
});

const started = Date.now();
const log = (what: string): void => {
  process.stdout.write(`${((Date.now() - started) / 1000).toFixed(2).padStart(6)}s  ${what}\n`);
};

/** The tool the assistant may call; a real app would ask a weather service. */
function getWeather(input: unknown): {
  temperature: number;
  unit: string;
  conditions: string;
  location: string;
} {
  const location =
    typeof input === 'object' && input && 'location' in input ? String(input.location) : 'here';
  return { location, temperature: 18, unit: 'celsius', conditions: 'light rain' };
}

const getWeatherTool = {
  type: 'function' as const,
  name: 'get_weather',
  description: 'Get the current weather for a location.',
  parameters: {
    type: 'object',
    properties: {
      location: { type: 'string' },
      unit: { type: 'string', enum: ['celsius', 'fahrenheit'] },
    },
    required: ['location'],
  },
};

async function main(): Promise<void> {
  const dialect = args.dialect === 'beta' ? 'beta' : 'ga';
  const live = args.live === true;
  if (live && !process.env.OPENAI_API_KEY)
    throw new Error('--live needs OPENAI_API_KEY in the environment');
  const simulator = live ? undefined : await startSimulator({ pace: 'fast' });
  if (simulator) log(`simulator listening on ${simulator.url}`);

  const socket = realtimeSocket({
    url: args.url ?? simulator?.url,
    model: 'gpt-realtime',
    apiKey: live ? process.env.OPENAI_API_KEY : 'sk-simulator',
    dialect,
  });
  socket.state$.subscribe((state) => log(`socket ${state.kind}`));
  socket.errors$.subscribe((error) => log(`! ${error.name}: ${error.message}`));

  const events$: Observable<ServerEvent> = socket.pipe(share());
  const send = (event: ClientEvent): void => socket.next(event);

  // Live timeline: transcripts as they stream (one line per final transcript).
  events$
    .pipe(
      transcripts(),
      filter((t) => t.final),
    )
    .subscribe((t) => log(`${t.role}: ${t.text}`));

  // The tool loop: run each ready call, send its output, then ask for the next response.
  events$.pipe(accumulateFunctionCalls()).subscribe((call) => {
    if (!call.ready || call.parsed._tag === 'Left') return;
    const result = getWeather(call.parsed.right);
    log(`tool ${call.name}(${call.arguments}) -> ${JSON.stringify(result)}`);
    send({
      type: 'conversation.item.create',
      item: { type: 'function_call_output', call_id: call.callId, output: JSON.stringify(result) },
    });
    send({ type: 'response.create' });
  });

  const finished: ResponseSnapshot[] = [];
  const responses$ = events$.pipe(assembleResponses(), share());
  responses$.pipe(filter((r) => r.status !== 'in_progress')).subscribe((r) => {
    finished.push(r);
    log(`response ${r.status}${r.usage ? ` (${r.usage.total_tokens ?? 0} tokens)` : ''}`);
  });
  const firstAudio$ = responses$.pipe(
    filter((r) =>
      r.output.some(
        (item) =>
          item.type === 'message' &&
          item.content.some((c) => c.type === 'audio' && c.audio.byteLength > 0),
      ),
    ),
    take(1),
  );
  firstAudio$.subscribe(() => log('first assistant audio'));

  const session$ = firstValueFrom(events$.pipe(filter((e) => e.type === 'session.updated')));
  send({
    type: 'session.update',
    session: {
      type: 'realtime',
      instructions: 'You are a friendly voice assistant. Keep answers short.',
      output_modalities: ['audio'],
      tools: [getWeatherTool],
      audio: { output: { voice: 'marin', format: { type: 'audio/pcm', rate: 24000 } } },
    },
  });
  await session$;
  log('session ready');

  log(`user: ${args.question}`);
  send({
    type: 'conversation.item.create',
    item: {
      type: 'message',
      role: 'user',
      content: [{ type: 'input_text', text: args.question! }],
    },
  });
  send({ type: 'response.create' });

  // The turn ends with the first completed response that speaks (after the tool round trip).
  const answer = await firstValueFrom(
    responses$.pipe(
      filter((r) => r.status === 'completed' && r.output.some((item) => item.type === 'message')),
    ),
  );

  const audio = answer.output.flatMap((item) =>
    item.type === 'message'
      ? item.content.flatMap((c) => (c.type === 'audio' ? [c.audio.toBytes()] : []))
      : [],
  );
  const pcm = Buffer.concat(audio);
  const outDir = join(process.cwd(), 'out');
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, 'assistant.wav'), encodeWav(pcm));
  const tokens = finished.reduce((n, r) => n + (r.usage?.total_tokens ?? 0), 0);
  log(
    `summary: ${finished.length} responses, ${(pcm.byteLength / 48).toFixed(0)} ms of assistant audio, ${tokens} tokens`,
  );
  log(`assistant audio written to out/assistant.wav`);

  socket.close();
  await simulator?.close();
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
