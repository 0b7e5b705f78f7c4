// A werift peer playing the browser's part against the simulator's WebRTC endpoint: the offer
// over HTTP, events on `oai-events`, Opus microphone audio sent at real-time pace, and the
// response audio track counted and decoded.
import OpusScript from 'opusscript';
import {
  MediaStreamTrack,
  RTCPeerConnection,
  RTCRtpCodecParameters,
  RtpHeader,
  RtpPacket,
  type RTCDataChannel,
} from 'werift';
import { createServerEventDecoder } from '../../src/protocol/index.js';
import { rmsDbfs } from '../../src/node/simulator/audio.js';
import { FRAME_BYTES, OpusCodec } from '../../src/node/simulator/webrtc/opus.js';

type Frame = Record<string, unknown>;

/** What the offer request carries besides the SDP. */
export interface OfferOptions {
  readonly key: string;
  readonly session?: Frame;
  /** Send a microphone track (default true); otherwise only receive audio. */
  readonly microphone?: boolean;
}

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class WebRtcTestClient {
  readonly frames: Frame[] = [];
  readonly decodeErrors: string[] = [];
  /** RTP packets of the response audio track. */
  rtpPackets = 0;
  /** Decoded response audio frames louder than -50 dBFS. */
  loudFrames = 0;
  callId = '';
  private waiters: (() => void)[] = [];
  private readonly codec = new OpusCodec(OpusScript);
  private readonly decoder = createServerEventDecoder('ga');
  private readonly mic = new MediaStreamTrack({ kind: 'audio' });
  private sequence = 0;
  private timestamp = 0;

  private constructor(
    readonly pc: RTCPeerConnection,
    readonly channel: RTCDataChannel,
  ) {
    channel.onMessage.subscribe((data) => {
      const text = String(data);
      this.frames.push(JSON.parse(text) as Frame);
      const decoded = this.decoder.decodeFrame(text);
      if (decoded._tag === 'Left') this.decodeErrors.push(decoded.left.message);
      this.waiters.forEach((w) => w());
    });
    pc.onTrack.subscribe((track) =>
      track.onReceiveRtp.subscribe((rtp) => {
        this.rtpPackets++;
        if (rmsDbfs(this.codec.decode(rtp.payload), 'pcm16') > -50) this.loudFrames++;
        this.waiters.forEach((w) => w());
      }),
    );
  }

  /** Posts the offer; resolves with the HTTP answer (status, body, Location) and the client. */
  static async offer(
    httpUrl: string,
    options: OfferOptions,
  ): Promise<{ status: number; body: string; location: string | null; client: WebRtcTestClient }> {
    const pc = new RTCPeerConnection({
      codecs: {
        audio: [
          new RTCRtpCodecParameters({ mimeType: 'audio/opus', clockRate: 48000, channels: 2 }),
        ],
      },
      iceUseIpv6: false,
      iceServers: [],
      bundlePolicy: 'max-bundle',
    });
    const channel = pc.createDataChannel('oai-events');
    const client = new WebRtcTestClient(pc, channel);
    if (options.microphone === false) pc.addTransceiver('audio', { direction: 'recvonly' });
    else pc.addTransceiver(client.mic, { direction: 'sendrecv' });
    await pc.setLocalDescription(await pc.createOffer());
    const sdp = pc.localDescription?.sdp ?? '';
    let body: string | FormData = sdp;
    const headers: Record<string, string> = { Authorization: `Bearer ${options.key}` };
    if (options.session) {
      const form = new FormData();
      form.append('sdp', new Blob([sdp], { type: 'application/sdp' }), '');
      form.append(
        'session',
        new Blob([JSON.stringify(options.session)], { type: 'application/json' }),
        '',
      );
      body = form;
    } else headers['Content-Type'] = 'application/sdp';
    const res = await fetch(`${httpUrl}/realtime/calls`, { method: 'POST', headers, body });
    const answer = await res.text();
    const location = res.headers.get('location');
    if (res.status === 201) {
      await pc.setRemoteDescription({ type: 'answer', sdp: answer });
      client.callId = location?.split('/').pop() ?? '';
    } else await pc.close();
    return { status: res.status, body: answer, location, client };
  }

  send(event: Frame): void {
    this.channel.send(JSON.stringify(event));
  }

  /**
   * Sends PCM16 24 kHz mono as Opus in 20 ms frames, one every 20 ms (a timer per frame, no
   * clock read: a late timer only slows the speech down), then `silenceMs` of silence.
   */
  async speak(pcm: Buffer, silenceMs = 1000): Promise<void> {
    const audio = Buffer.concat([pcm, Buffer.alloc(Math.round(silenceMs * 48))]);
    for (let offset = 0; offset < audio.length; offset += FRAME_BYTES) {
      const frame = Buffer.alloc(FRAME_BYTES);
      audio.copy(frame, 0, offset, offset + FRAME_BYTES);
      this.sequence = (this.sequence + 1) & 0xffff;
      this.timestamp = (this.timestamp + 960) >>> 0;
      const header = new RtpHeader({
        payloadType: 96,
        sequenceNumber: this.sequence,
        timestamp: this.timestamp,
      });
      this.mic.writeRtp(new RtpPacket(header, this.codec.encode(frame)));
      await delay(20);
    }
  }

  types(): string[] {
    return this.frames.map((f) => String(f.type));
  }

  count(type: string): number {
    return this.frames.filter((f) => f.type === type).length;
  }

  /** Waits (at most `ms`) until `predicate` holds. */
  until(predicate: () => boolean, ms = 10000): Promise<void> {
    return new Promise((resolve, reject) => {
      const check = () => {
        if (!predicate()) return;
        clearTimeout(timer);
        this.waiters = this.waiters.filter((w) => w !== check);
        resolve();
      };
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== check);
        reject(new Error(`timed out; got ${this.types().join(', ')}`));
      }, ms);
      this.waiters.push(check);
      check();
    });
  }

  untilCount(type: string, n: number, ms?: number): Promise<void> {
    return this.until(() => this.count(type) >= n, ms);
  }

  async close(): Promise<void> {
    await this.pc.close();
  }
}
