/**
 * A stand-in for a microphone: 20 ms chunks of PCM16 (24 kHz mono) in real time, silence
 * unless a recording is being "spoken". A real app would read a capture device instead;
 * everything downstream is the same.
 */
import { readFileSync } from 'node:fs';
import { interval, map, share, type Observable } from 'rxjs';
import { decodeWav, sampleRate } from 'rx-realtime';

/** Samples in one 20 ms chunk at 24 kHz. */
const CHUNK_SAMPLES = 480;

/** A recorded utterance, checked to be in the format the session expects. */
export function loadSpeech(path: string): Int16Array {
  const wav = decodeWav(readFileSync(path));
  const rate = sampleRate('pcm16');
  if (wav.format !== 'pcm16' || wav.sampleRate !== rate || wav.channels !== 1)
    throw new Error(
      `${path}: expected ${rate} Hz mono PCM16, got ${wav.sampleRate} Hz ${wav.format}`,
    );
  return wav.samples;
}

export interface Microphone {
  /** One 20 ms chunk every 20 ms, hot while subscribed. */
  readonly chunks$: Observable<Int16Array>;
  /** Queues an utterance: its chunks replace the silence as they come due. */
  say(samples: Int16Array): void;
}

export function microphone(): Microphone {
  const queue: Int16Array[] = [];
  const silence = new Int16Array(CHUNK_SAMPLES);
  const chunks$ = interval(20).pipe(
    map(() => queue.shift() ?? silence),
    share(),
  );
  return {
    chunks$,
    say(samples) {
      for (let start = 0; start < samples.length; start += CHUNK_SAMPLES) {
        const chunk = new Int16Array(CHUNK_SAMPLES); // the last one padded with silence
        chunk.set(samples.subarray(start, start + CHUNK_SAMPLES));
        queue.push(chunk);
      }
    },
  };
}
