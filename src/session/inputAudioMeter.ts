// How much input audio the server holds uncommitted: the bytes appended since the last
// `committed` or `cleared`, in the session's input format. A dropped connection loses exactly
// that much, which the session reports on `recovery$`.
import { audioFormatFromGa, bytesToMs, type AudioFormat } from '../audio/index.js';
import type { ServerEvent } from '../protocol/index.js';
import type { EffectiveSession } from './sessionState.js';

/** Counts the input audio appended since the server last committed or cleared its buffer. */
export class InputAudioMeter {
  private bytes = 0;
  /** The session's input format, as the server last confirmed it. */
  format: AudioFormat = 'pcm16';

  /** Counts an append of `byteLength` bytes. */
  appended(byteLength: number): void {
    this.bytes += byteLength;
  }

  /** Follows the server's buffer (committed, cleared) and the input format of the session. */
  observe(event: ServerEvent): void {
    if (
      event.type === 'input_audio_buffer.committed' ||
      event.type === 'input_audio_buffer.cleared'
    )
      this.bytes = 0;
    else if (event.type === 'session.updated') this.format = inputFormatOf(event.session);
  }

  /** The uncommitted audio in milliseconds, and forgets it (the connection that held it is gone). */
  takeLostMs(): number {
    const ms = bytesToMs(this.bytes, this.format);
    this.bytes = 0;
    return ms;
  }
}

function inputFormatOf(session: EffectiveSession): AudioFormat {
  const input = 'audio' in session ? session.audio?.input : undefined;
  const format = input && 'format' in input ? input.format : undefined;
  if (!format) return 'pcm16';
  try {
    return audioFormatFromGa(format);
  } catch {
    return 'pcm16'; // a format this version does not know: count as PCM16
  }
}
