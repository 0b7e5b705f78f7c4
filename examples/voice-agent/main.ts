/**
 * The main job (`npm start`): a voice agent on the Realtime protocol.
 *
 * It starts the embedded simulator on a free loopback port (or, with `--live` and
 * OPENAI_API_KEY, talks to the real service), streams recorded speech to it in real-time 20 ms
 * chunks with server VAD, and plays the assistant's audio on a simulated speaker. The user asks
 * for the weather; the assistant says it will check and calls `get_weather`; the session's tool
 * loop runs it and the assistant reads out the result; the user talks over that answer, and the
 * session truncates the assistant's item at what was actually heard. The terminal shows a live
 * timeline and a summary; what the user heard is written to `out/assistant.wav`, every frame to
 * `out/session.jsonl`, and the session drawn as a timeline to `out/timeline.svg`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { filter, firstValueFrom, map, race, switchMap, take, timer } from 'rxjs';
import {
  bytesToMs,
  createRealtimeSession,
  encodeWav,
  isEvent,
  transcripts,
  usage,
  type ResponseMetrics,
  type ServerEvent,
  type SessionSettings,
  type UsageTotals,
} from 'rx-realtime';
import { recordingTimeline, renderTimelineSvg, timelineSummary } from 'rx-realtime/node';
import { recordPlayback, recordWire } from 'rx-realtime/testing';
import { connect, connectionOptions, runMain } from '../shared/connect.js';
import { weatherTool } from '../shared/weather-tool.js';
import { simulatedPlayer } from '../shared/player.js';
import { interruption, question, simulatorScript } from './conversation.js';
import { loadSpeech, microphone } from './microphone.js';
import { terminal } from './terminal.js';

const { values: args } = parseArgs({
  options: { ...connectionOptions, out: { type: 'string', default: 'out' } },
});

const term = terminal();

/** The tool the assistant may call (declared in the session, run by its tool loop). */
let toolRan = false;
const getWeather = weatherTool((weather) => {
  toolRan = true;
  term.line(`tool   get_weather -> ${JSON.stringify(weather)}`);
});

const settings: SessionSettings = {
  instructions: 'You are a friendly voice assistant. Keep answers short.',
  output_modalities: ['audio'],
  audio: {
    input: {
      format: { type: 'audio/pcm', rate: 24000 },
      transcription: { model: 'gpt-live-transcribe' },
      turn_detection: {
        type: 'server_vad',
        threshold: 0.5,
        prefix_padding_ms: 300,
        silence_duration_ms: 500,
        create_response: true,
        interrupt_response: true,
      },
    },
    output: { voice: 'marin', format: { type: 'audio/pcm', rate: 24000 } },
  },
};

async function main(): Promise<void> {
  const questionSpeech = await loadSpeech(question.wav);
  const interruptionSpeech = await loadSpeech(interruption.wav);
  const connection = await connect(args, { script: simulatorScript });
  const socket = connection.socket;
  term.line(`talking to ${connection.target}`);
  socket.errors$.subscribe((error) => term.line(`!      ${error.name}: ${error.message}`));
  const on = <K extends ServerEvent['type']>(type: K) => socket.pipe(filter(isEvent(type)));

  // Every frame both ways, with its time: saved as a recording and drawn as a timeline.
  const recording: string[] = [];
  recordWire(socket.wire$).subscribe((line) => recording.push(line));

  // What the speaker played when, in the same recording: the timeline draws what was heard.
  const player = simulatedPlayer(socket);
  recordPlayback(player.playback$).subscribe((line) => recording.push(line));
  const mic = microphone();
  const session = createRealtimeSession(socket, {
    session: settings,
    tools: [getWeather],
    interruption: { playback$: player.playback$ },
  });

  // The live timeline.
  on('input_audio_buffer.speech_started').subscribe((e) =>
    term.line(`user   speech started (audio_start_ms ${e.audio_start_ms})`),
  );
  on('input_audio_buffer.speech_stopped').subscribe((e) =>
    term.line(`user   speech stopped (audio_end_ms ${e.audio_end_ms})`),
  );
  socket.pipe(transcripts()).subscribe((tr) => {
    const who = tr.role === 'user' ? 'user  ' : 'agent ';
    if (tr.final) term.line(`${who} "${tr.text}"`);
    else term.status(`${who} ${tr.text}…`, tr.itemId);
  });
  on('response.created').subscribe((e) => term.line(`agent  response ${e.response.id} started`));
  on('response.function_call_arguments.done').subscribe((e) =>
    term.line(`agent  calls ${e.name}(${e.arguments})`),
  );
  const answers: string[] = []; // response ids in the order their audio started playing
  const firstAudio: number[] = []; // and when it did
  player.progress$.subscribe((p) => {
    if (!answers.includes(p.responseId)) {
      answers.push(p.responseId);
      firstAudio.push(term.elapsed());
    }
    const seconds = (ms: number) => (ms / 1000).toFixed(1);
    term.status(
      `▶ answer ${answers.indexOf(p.responseId) + 1}: played ${seconds(p.playedMs)} s of ` +
        `${seconds(p.receivedMs)} s received${p.complete ? '' : ', streaming'}`,
      `play-${p.itemId}`,
    );
  });
  session.interrupted$.subscribe(({ commands }) => {
    for (const c of commands) {
      if (c.type === 'conversation.item.truncate')
        term.line(
          `barge  user talked over ${c.item_id}: truncate at audio_end_ms ${c.audio_end_ms} ` +
            `(of ${Math.round(player.receivedMs(c.item_id))} ms received)`,
        );
      else term.line(`barge  ${c.type}`);
    }
  });
  on('conversation.item.truncated').subscribe((e) =>
    term.line(`server truncated ${e.item_id} at ${e.audio_end_ms} ms`),
  );
  let tokens: UsageTotals | null = null;
  socket.pipe(usage()).subscribe((totals) => (tokens = totals));
  const metrics: ResponseMetrics[] = [];
  session.metrics$.subscribe((m) => {
    metrics.push(m);
    const tokens = m.usage?.total_tokens ?? 0;
    term.line(`agent  response ${m.responseId} ${m.status} (${tokens} tokens)`);
  });

  // The scripted user: asks once the session is ready, and talks over the answer that reads out
  // the tool's result (the second answer, after "let me check"). A model that answers without
  // the tool is interrupted in that answer instead.
  const speechEnds: number[] = [];
  on('input_audio_buffer.speech_stopped').subscribe(() => speechEnds.push(term.elapsed()));
  let target: string | undefined;
  on('response.created').subscribe((e) => {
    if (toolRan) target ??= e.response.id;
  });
  on('response.done').subscribe((e) => {
    const calls = e.response.output?.some((item) => item.type === 'function_call') ?? false;
    if (!calls) target ??= e.response.id;
  });
  player.progress$
    .pipe(
      filter((p) => p.responseId === target && p.playedMs >= 1500),
      take(1),
    )
    .subscribe(() => mic.say(interruptionSpeech));

  const ready = await session.ready();
  if (ready.kind !== 'ready') throw new Error(`session not ready: ${JSON.stringify(ready)}`);
  term.line('session ready; streaming the microphone (20 ms chunks, server VAD)');
  const streaming = mic.chunks$.subscribe((chunk) => session.appendAudio(chunk));
  mic.say(questionSpeech);

  // Done when the response to the barge-in has been played to its end.
  const done$ = session.interrupted$.pipe(
    take(1),
    switchMap(() => on('response.created').pipe(take(1))),
    switchMap((created) =>
      on('response.done').pipe(filter((d) => d.response.id === created.response.id)),
    ),
    switchMap(() => player.busy$.pipe(filter((busy) => !busy))),
    map(() => 'done' as const),
  );
  const outcome = await firstValueFrom(
    race(done$, timer(args.live || args.url ? 90_000 : 30_000).pipe(map(() => 'timeout' as const))),
  );
  streaming.unsubscribe();
  term.clearStatus();
  if (outcome === 'timeout') throw new Error('the conversation did not reach its end in time');

  // The summary.
  const heard = Buffer.concat(player.heard());
  const out = (file: string) => join(args.out!, file);
  mkdirSync(args.out!, { recursive: true });
  writeFileSync(out('assistant.wav'), encodeWav(heard));
  const wire = `${recording.join('\n')}\n`;
  writeFileSync(out('session.jsonl'), wire);
  const timeline = recordingTimeline(wire, { dialect: args.dialect === 'beta' ? 'beta' : 'ga' });
  writeFileSync(out('timeline.svg'), renderTimelineSvg(timeline));
  const statuses = metrics.map((m) => m.status).join(', ');
  const ttfa = metrics.flatMap((m) =>
    m.timeToFirstAudioMs === undefined ? [] : [m.timeToFirstAudioMs],
  );
  const voiceToVoice = speechEnds.flatMap((end) => {
    const next = firstAudio.find((at) => at > end);
    return next === undefined ? [] : [Math.round((next - end) * 1000)];
  });
  term.line('summary');
  term.line(`  turns: ${speechEnds.length} user, ${metrics.length} responses (${statuses})`);
  term.line(
    `  time to first audio: ${ttfa.map((ms) => `${Math.round(ms)} ms`).join(', ')} after response.created`,
  );
  term.line(
    `  end of speech to first audio played: ${voiceToVoice.map((ms) => `${ms} ms`).join(', ')}`,
  );
  const { totalTokens = 0, inputTokens = 0, outputTokens = 0 } = tokens ?? {};
  term.line(`  tokens: ${totalTokens} (${inputTokens} in, ${outputTokens} out)`);
  term.line(
    `  heard ${(bytesToMs(heard.byteLength, 'pcm16') / 1000).toFixed(1)} s of assistant audio -> ${out('assistant.wav')}`,
  );
  term.line(
    `  recording -> ${out('session.jsonl')}; ${timelineSummary(timeline)} -> ${out('timeline.svg')}`,
  );

  player.dispose();
  session.close();
  await connection.close();
}

runMain(main);
