/**
 * Live transcription: a transcription-only session (`session.type: 'transcription'`, no model
 * answers) that turns speech into text. Audio goes up in 100 ms chunks, server VAD cuts it into
 * turns, and `transcripts()` prints each turn as its text grows and once more when it is final.
 *
 *   npx tsx examples/transcription/main.ts                  # simulator, two spoken turns
 *   npx tsx examples/transcription/main.ts --wav talk.wav   # your own 24 kHz mono PCM16 file
 *   OPENAI_API_KEY=sk-... npx tsx examples/transcription/main.ts --live --wav talk.wav \
 *     --transcribe gpt-live-transcribe --languages en,de
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { filter, firstValueFrom, take, toArray } from 'rxjs';
import { bytesToBase64, decodeWav, isEvent, transcripts } from 'rx-realtime';
import { toneAndSilence } from 'rx-realtime/node';
import { connect, connectionOptions, runMain } from '../shared/connect.js';

const { values: args } = parseArgs({
  options: {
    ...connectionOptions,
    wav: { type: 'string' },
    transcribe: { type: 'string', default: 'gpt-live-transcribe' },
    languages: { type: 'string' },
  },
});

/** The audio to transcribe: the WAV file given, or two tone bursts the simulator "hears" as speech. */
function audio(): Uint8Array {
  if (!args.wav) return toneAndSilence([300, 1200, 900, 1200, 900]);
  const wav = decodeWav(readFileSync(args.wav));
  if (wav.format !== 'pcm16' || wav.sampleRate !== 24000 || wav.channels !== 1)
    throw new Error(`${args.wav}: the session expects 24 kHz mono PCM16`);
  return new Uint8Array(wav.samples.buffer, wav.samples.byteOffset, wav.samples.byteLength);
}

async function main(): Promise<void> {
  const connection = await connect(args);
  const socket = connection.socket;
  socket.errors$.subscribe((error) => console.error(`! ${error.message}`));
  const pcm = audio();
  const turns = args.wav ? 1 : 2;

  // Every final user transcript; the session ends after the expected number of turns.
  const finals = firstValueFrom(
    socket.pipe(
      transcripts(),
      filter((t) => t.role === 'user' && t.final),
      take(turns),
      toArray(),
    ),
  );
  socket.pipe(transcripts()).subscribe((t) => {
    if (t.role === 'user') console.log(`${t.final ? 'final ' : 'so far'} ${t.itemId}: ${t.text}`);
  });

  await firstValueFrom(socket.pipe(filter(isEvent('session.created'))));
  const languages = args.languages?.split(',').map((l) => l.trim());
  socket.next({
    type: 'session.update',
    session: {
      type: 'transcription',
      audio: {
        input: {
          format: { type: 'audio/pcm', rate: 24000 },
          transcription: { model: args.transcribe, ...(languages ? { languages } : {}) },
          // null turns noise reduction off; server VAD decides where each turn ends.
          noise_reduction: null,
          turn_detection: { type: 'server_vad', silence_duration_ms: 500 },
        },
      },
    },
  });
  await firstValueFrom(socket.pipe(filter(isEvent('session.updated'))));

  const chunk = 24000 * 2 * 0.1; // 100 ms of 24 kHz PCM16
  for (let at = 0; at < pcm.length; at += chunk)
    socket.next({
      type: 'input_audio_buffer.append',
      audio: bytesToBase64(pcm.subarray(at, at + chunk)),
    });
  if (args.wav) socket.next({ type: 'input_audio_buffer.commit' }); // the file may end mid-speech

  const done = await finals;
  console.log(`transcribed ${done.length} turn(s) from ${connection.target}`);
  await connection.close();
}

runMain(main);
