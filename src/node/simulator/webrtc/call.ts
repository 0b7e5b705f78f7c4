// One WebRTC call of the simulator: a werift peer connection answering the client's offer. The
// `oai-events` data channel carries the same GA events as the simulator's WebSocket (one
// SimulatedConnection per call); the microphone track is decoded from Opus and fed to the
// session's input buffer and VAD; response audio leaves as an Opus track at real-time pace.
import type { RTCDataChannel, RTCPeerConnection } from 'werift';
import { SimulatedConnection, type EventChannel } from '../connection.js';
import { newId } from '../ids.js';
import { mergeSession } from '../session-config.js';
import type { Json, SimulatorOptions } from '../types.js';
import { OpusCodec } from './opus.js';
import { Playout } from './playout.js';
import { RtpAudioSender } from './rtp-sender.js';
import type { WebRtcStack } from './stack.js';

/** The data channel the Realtime API carries its events on. */
export const EVENTS_CHANNEL = 'oai-events';

/** What a call is started with. */
export interface CallSetup {
  /** The client's SDP offer. */
  readonly offer: string;
  /** The session configuration sent with the offer (GA shape), if any. */
  readonly session: Json | undefined;
  /** The simulator's options (script, pace, faults ...). */
  readonly options: SimulatorOptions;
  /** Called once when the call ends (hang-up, failed connection, or the simulator closing). */
  readonly onEnd: () => void;
}

/** A data channel as the {@link EventChannel} of a simulated session. */
function dataChannel(channel: RTCDataChannel, hangUp: () => void): EventChannel {
  return {
    get open() {
      return channel.readyState === 'open';
    },
    send: (text) => channel.send(text),
    // A data channel has no close code: the session ending ends the call.
    close: () => hangUp(),
  };
}

/** One call; {@link SimulatedCall.answer} answers its offer. */
export class SimulatedCall {
  private session: SimulatedConnection | undefined;
  private readonly codec: OpusCodec;
  private readonly sender: RtpAudioSender;
  private readonly playout: Playout;
  private ended = false;

  private constructor(
    private readonly pc: RTCPeerConnection,
    private readonly stack: WebRtcStack,
    private readonly setup: CallSetup,
  ) {
    this.codec = new OpusCodec(stack.OpusScript);
    const track = new stack.werift.MediaStreamTrack({ kind: 'audio' });
    this.sender = new RtpAudioSender(stack.werift, track, this.codec);
    this.playout = new Playout({
      frame: (pcm, atMs) => this.sender.send(pcm, atMs),
      event: (type, responseId) =>
        this.session?.emit({
          type: `output_audio_buffer.${type}`,
          event_id: newId('event'),
          response_id: responseId,
        }),
    });
    pc.onDataChannel.subscribe((channel) => this.onChannel(channel));
    pc.onTrack.subscribe((remote) =>
      remote.onReceiveRtp.subscribe((rtp) => {
        const pcm = this.codec.decode(rtp.payload);
        if (pcm.length > 0) this.session?.appendAudio(pcm);
      }),
    );
    pc.connectionStateChange.subscribe((state) => {
      if (state === 'failed' || state === 'closed') void this.close();
    });
  }

  /** Answers the offer: the call and its SDP answer; rejects when the offer is not usable. */
  static async answer(
    stack: WebRtcStack,
    setup: CallSetup,
  ): Promise<{ readonly call: SimulatedCall; readonly answer: string }> {
    const { werift } = stack;
    const opus = new werift.RTCRtpCodecParameters({
      mimeType: 'audio/opus',
      clockRate: 48000,
      channels: 2,
    });
    // Host candidates only: the simulator serves loopback and never asks a STUN server. One
    // bundled transport, as the service: werift leaves the sockets of unbundled ones open.
    const pc = new werift.RTCPeerConnection({
      codecs: { audio: [opus] },
      iceUseIpv6: false,
      iceServers: [],
      bundlePolicy: 'max-bundle',
    });
    const call = new SimulatedCall(pc, stack, setup);
    try {
      return { call, answer: await call.negotiate(setup.offer) };
    } catch (error) {
      await call.close();
      throw error;
    }
  }

  /** Hangs up: the session ends and the peer connection closes. */
  async close(): Promise<void> {
    if (this.ended) return;
    this.ended = true;
    this.session?.dispose();
    this.playout.dispose();
    this.setup.onEnd();
    await this.pc.close();
    this.codec.dispose();
  }

  private async negotiate(offer: string): Promise<string> {
    await this.pc.setRemoteDescription({ type: 'offer', sdp: offer });
    const audio = this.pc.getTransceivers().find((t) => t.kind === 'audio');
    if (!audio) throw new Error('the offer has no audio section');
    // A caller without a microphone only listens: the call then only sends.
    audio.direction = audio.direction === 'recvonly' ? 'sendrecv' : 'sendonly';
    await audio.sender.replaceTrack(this.sender.track);
    await this.pc.setLocalDescription(await this.pc.createAnswer());
    this.sender.payloadType = audio.codecs[0]?.payloadType ?? this.sender.payloadType;
    return this.pc.localDescription?.sdp ?? '';
  }

  private onChannel(channel: RTCDataChannel): void {
    if (channel.label !== EVENTS_CHANNEL || this.session) return;
    const start = () => {
      if (this.session || this.ended) return;
      const { options: simulator, session } = this.setup;
      const options = {
        ...simulator,
        session: mergeSession(simulator.session ?? {}, session ?? {}),
      };
      const events = dataChannel(channel, () => void this.close());
      this.session = new SimulatedConnection(events, 'ga', options, this.playout);
      channel.onMessage.subscribe((data) => this.session?.receive(String(data)));
    };
    if (channel.readyState === 'open') return start();
    channel.stateChanged.subscribe((state) => {
      if (state === 'open') start();
      else if (state === 'closed') void this.close();
    });
  }
}
