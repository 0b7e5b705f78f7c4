// Response audio as RTP: each 20 ms PCM frame Opus-encoded into one packet on the negotiated
// payload type. The 48 kHz timestamp follows the time a frame is due, so a pause between
// responses is a gap in it (and the first packet after one carries the marker bit).
import type { MediaStreamTrack } from 'werift';
import { OpusCodec, RTP_TICKS_PER_FRAME } from './opus.js';
import type { Werift } from './stack.js';

const FRAME_MS = 20;

/** Writes Opus RTP packets of 20 ms PCM16 frames to a werift track. */
export class RtpAudioSender {
  private sequenceNumber = Math.floor(Math.random() * 0x10000);
  private readonly baseTimestamp = Math.floor(Math.random() * 0x7fffffff);
  private firstAt: number | undefined;
  private lastAt = -Infinity;
  /** The payload type the answer negotiated for Opus. */
  payloadType = 111;

  constructor(
    private readonly werift: Pick<Werift, 'RtpHeader' | 'RtpPacket'>,
    /** The track the answer sends. */
    readonly track: MediaStreamTrack,
    private readonly codec: OpusCodec,
  ) {}

  /** Sends one frame due at `atMs` (`performance.now()` time). */
  send(pcm: Buffer, atMs: number): void {
    this.firstAt ??= atMs;
    this.sequenceNumber = (this.sequenceNumber + 1) & 0xffff;
    const ticks = Math.round(((atMs - this.firstAt) * RTP_TICKS_PER_FRAME) / FRAME_MS);
    const header = new this.werift.RtpHeader({
      payloadType: this.payloadType,
      sequenceNumber: this.sequenceNumber,
      timestamp: (this.baseTimestamp + ticks) >>> 0,
      marker: atMs - this.lastAt > FRAME_MS * 1.5,
    });
    this.lastAt = atMs;
    this.track.writeRtp(new this.werift.RtpPacket(header, this.codec.encode(pcm)));
  }
}
