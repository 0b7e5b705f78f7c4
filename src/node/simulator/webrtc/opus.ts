// Opus at the simulator's audio rate: the Realtime API speaks PCM16 24 kHz mono, and Opus
// encodes and decodes 24 kHz natively, so no resampling is needed. RTP timestamps stay on the
// 48 kHz clock that WebRTC's `opus/48000/2` declares.
import type OpusScript from 'opusscript';

/** Samples per 20 ms frame at 24 kHz. */
export const FRAME_SAMPLES = 480;
/** Bytes of one 20 ms PCM16 frame at 24 kHz. */
export const FRAME_BYTES = FRAME_SAMPLES * 2;
/** RTP timestamp step of one 20 ms frame on the 48 kHz clock. */
export const RTP_TICKS_PER_FRAME = 960;

/** An Opus encoder and decoder for 24 kHz mono PCM16. */
export class OpusCodec {
  private readonly encoder: OpusScript;
  private readonly decoder: OpusScript;

  constructor(Opus: typeof OpusScript) {
    this.encoder = new Opus(24000, 1, Opus.Application.VOIP);
    this.decoder = new Opus(24000, 1, Opus.Application.VOIP);
  }

  /** One 20 ms PCM16 frame ({@link FRAME_BYTES}) to an Opus packet. */
  encode(frame: Buffer): Buffer {
    return this.encoder.encode(frame, FRAME_SAMPLES);
  }

  /** One Opus packet to PCM16 24 kHz mono; a packet the decoder cannot read yields nothing. */
  decode(packet: Buffer): Buffer {
    try {
      return this.decoder.decode(packet);
    } catch {
      return Buffer.alloc(0);
    }
  }

  /** Frees the emscripten memory. */
  dispose(): void {
    this.encoder.delete();
    this.decoder.delete();
  }
}
