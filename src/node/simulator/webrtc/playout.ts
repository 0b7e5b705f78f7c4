// Response audio over WebRTC: the service plays it to the caller in real time from a buffer
// on its side, so it knows what was heard. This outlet does the same: frames of 20 ms leave at
// real-time pace whatever pace the response was generated at, `output_audio_buffer.started` /
// `.stopped` frame the playback of each response, and on a barge-in `clear()` says how far the
// item got so the connection can truncate it (reference §7.6).
import { performance } from 'node:perf_hooks';
import type { AudioOutlet, PlayedAudio } from '../connection.js';
import { FRAME_BYTES } from './opus.js';

/** One 20 ms frame queued for playback. */
interface Frame extends Omit<PlayedAudio, 'playedMs'> {
  readonly pcm: Buffer;
}

/** Where the outlet sends frames and playback events. */
export interface PlayoutSink {
  /** Sends one 20 ms PCM16 frame due at `atMs` (`performance.now()` time). */
  readonly frame: (pcm: Buffer, atMs: number) => void;
  /** `output_audio_buffer.started` or `.stopped` of a response. */
  readonly event: (type: 'started' | 'stopped', responseId: string) => void;
}

const FRAME_MS = 20;

/** Plays response audio at real-time pace; see the file comment. */
export class Playout implements AudioOutlet {
  private readonly queue: Frame[] = [];
  private carry: Frame | undefined;
  private readonly finished = new Set<string>();
  private playing: Frame | undefined;
  private playedMs = 0;
  private nextAt = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly sink: PlayoutSink) {}

  play(chunk: Frame): void {
    let pcm = chunk.pcm;
    if (this.carry && this.carry.itemId === chunk.itemId) {
      pcm = Buffer.concat([this.carry.pcm, pcm]);
      this.carry = undefined;
    } else this.flushCarry();
    let offset = 0;
    for (; offset + FRAME_BYTES <= pcm.length; offset += FRAME_BYTES)
      this.queue.push({ ...chunk, pcm: pcm.subarray(offset, offset + FRAME_BYTES) });
    if (offset < pcm.length) this.carry = { ...chunk, pcm: Buffer.from(pcm.subarray(offset)) };
    this.wake();
  }

  finish(responseId: string): void {
    if (this.carry?.responseId === responseId) this.flushCarry();
    const audible =
      this.playing?.responseId === responseId ||
      this.queue.some((frame) => frame.responseId === responseId);
    if (!audible) return;
    this.finished.add(responseId);
    // Not at once: `response.done` is still being sent, and a barge-in that cancelled the
    // response clears the playback right after it.
    this.timer ??= setTimeout(() => this.pump(), 0);
  }

  clear(): PlayedAudio | undefined {
    const playing = this.playing;
    const playedMs = this.playedMs;
    this.queue.length = 0;
    this.carry = undefined;
    this.playing = undefined;
    this.stop();
    if (playing) this.finished.delete(playing.responseId);
    return (
      playing && {
        responseId: playing.responseId,
        itemId: playing.itemId,
        contentIndex: playing.contentIndex,
        playedMs,
      }
    );
  }

  dispose(): void {
    this.clear();
  }

  /** The last partial frame of an item, padded with silence. */
  private flushCarry(): void {
    const carry = this.carry;
    if (!carry) return;
    this.carry = undefined;
    const pcm = Buffer.alloc(FRAME_BYTES);
    carry.pcm.copy(pcm);
    this.queue.push({ ...carry, pcm });
  }

  private wake(): void {
    if (this.timer) return;
    const now = performance.now();
    // After a pause, playback restarts now rather than catching up on the silence.
    if (this.nextAt < now - FRAME_MS) this.nextAt = now;
    this.pump();
  }

  private pump(): void {
    this.timer = undefined;
    const now = performance.now();
    while (this.queue.length > 0 && this.nextAt <= now + 1) {
      const frame = this.queue.shift() as Frame;
      this.begin(frame);
      this.sink.frame(frame.pcm, this.nextAt);
      this.playedMs += FRAME_MS;
      this.nextAt += FRAME_MS;
    }
    const playing = this.playing;
    if (this.queue.length === 0 && playing && this.finished.has(playing.responseId)) {
      this.playing = undefined;
      this.finished.delete(playing.responseId);
      this.sink.event('stopped', playing.responseId);
    }
    if (this.queue.length > 0)
      this.timer = setTimeout(() => this.pump(), Math.max(0, this.nextAt - now));
  }

  /** Starts counting a new item, and announces a new response. */
  private begin(frame: Frame): void {
    const before = this.playing;
    if (before?.itemId === frame.itemId) return;
    this.playing = frame;
    this.playedMs = 0;
    if (before?.responseId === frame.responseId) return;
    if (before) {
      this.finished.delete(before.responseId);
      this.sink.event('stopped', before.responseId);
    }
    this.sink.event('started', frame.responseId);
  }

  private stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
