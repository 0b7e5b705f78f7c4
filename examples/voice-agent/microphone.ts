/**
 * A stand-in for a microphone: 20 ms chunks of PCM16 (24 kHz mono) in real time, silence
 * unless a recording is being "spoken". `pacedChunks` keeps it on the wall clock (each chunk
 * due at start + k * 20 ms), so the server hears speech as fast as it was recorded. A real app
 * would read a capture device instead; everything downstream is the same.
 */
import { concat, repeat, startWith, Subject, switchMap, type Observable } from 'rxjs';
import { msToBytes, pacedChunks } from 'rx-realtime';
import { readWavFile } from 'rx-realtime/node';

const CHUNK_MS = 20;
/** Silence is paced one second at a time, restarted at the end of each. */
const SILENCE = new Uint8Array(msToBytes(1000, 'pcm16'));

/** A recorded utterance as PCM16 bytes, checked to be in the format the session expects. */
export async function loadSpeech(path: string): Promise<Uint8Array> {
  const wav = await readWavFile(path);
  if (wav.sampleRate !== 24000 || wav.channels !== 1)
    throw new Error(
      `${path}: expected 24000 Hz mono, got ${wav.sampleRate} Hz, ${wav.channels} channels`,
    );
  return new Uint8Array(wav.samples.buffer, wav.samples.byteOffset, wav.samples.byteLength);
}

export interface Microphone {
  /** One 20 ms chunk every 20 ms while subscribed. */
  readonly chunks$: Observable<Uint8Array>;
  /** Speaks an utterance now (cutting short one still being spoken), then silence again. */
  say(speech: Uint8Array): void;
}

export function microphone(): Microphone {
  const utterances = new Subject<Uint8Array>();
  const silence$ = pacedChunks(SILENCE, { chunkMs: CHUNK_MS }).pipe(repeat());
  return {
    chunks$: utterances.pipe(
      startWith(undefined),
      switchMap((speech) =>
        speech ? concat(pacedChunks(speech, { chunkMs: CHUNK_MS }), silence$) : silence$,
      ),
    ),
    say: (speech) => utterances.next(speech),
  };
}
