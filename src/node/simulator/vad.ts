import { bytesPerMs, rmsDbfs, type AudioEncoding } from './audio.js';

/** The server_vad settings the detector honours. */
export interface VadSettings {
  /** 0..1; mapped to an RMS threshold of `-60 + 60 * threshold` dBFS (0.5 -> -30 dBFS). */
  readonly threshold: number;
  readonly prefixPaddingMs: number;
  readonly silenceDurationMs: number;
}

/** What the detector saw in one append. */
export type VadEvent =
  | { readonly type: 'speech_started'; readonly audioStartMs: number }
  | { readonly type: 'speech_stopped'; readonly audioEndMs: number };

const FRAME_MS = 20;

/** Maps the protocol's 0..1 threshold to an RMS level in dBFS. */
export function thresholdDbfs(threshold: number): number {
  return -60 + 60 * threshold;
}

/**
 * Energy-based voice activity detection over 20 ms frames. Times are offsets into all audio
 * appended during the session (reference §3): `audioStartMs` is the onset minus the prefix
 * padding, `audioEndMs` the end of the last loud frame plus the silence wait.
 */
export class EnergyVad {
  private pending: Buffer = Buffer.alloc(0);
  private frameStartMs = 0;
  private speaking = false;
  private lastLoudEndMs = 0;

  constructor(
    private settings: VadSettings,
    private readonly encoding: AudioEncoding,
    startMs: number,
  ) {
    this.frameStartMs = startMs;
  }

  /** True between speech_started and speech_stopped. */
  get inSpeech(): boolean {
    return this.speaking;
  }

  /** Feeds appended audio; returns the events it caused, in order. */
  push(bytes: Buffer): VadEvent[] {
    const frameBytes = bytesPerMs(this.encoding) * FRAME_MS;
    const data = this.pending.length ? Buffer.concat([this.pending, bytes]) : bytes;
    const events: VadEvent[] = [];
    const level = thresholdDbfs(this.settings.threshold);
    let offset = 0;
    for (; offset + frameBytes <= data.length; offset += frameBytes) {
      const loud = rmsDbfs(data.subarray(offset, offset + frameBytes), this.encoding) > level;
      const start = this.frameStartMs;
      const end = start + FRAME_MS;
      this.frameStartMs = end;
      if (!this.speaking && loud) {
        this.speaking = true;
        this.lastLoudEndMs = end;
        events.push({
          type: 'speech_started',
          audioStartMs: Math.max(0, start - this.settings.prefixPaddingMs),
        });
      } else if (this.speaking && loud) {
        this.lastLoudEndMs = end;
      } else if (this.speaking && end - this.lastLoudEndMs >= this.settings.silenceDurationMs) {
        this.speaking = false;
        events.push({
          type: 'speech_stopped',
          audioEndMs: this.lastLoudEndMs + this.settings.silenceDurationMs,
        });
      }
    }
    this.pending = Buffer.from(data.subarray(offset));
    return events;
  }
}
