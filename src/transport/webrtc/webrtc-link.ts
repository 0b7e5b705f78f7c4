// One WebRTC connection as the socket's link: a peer connection with the microphone (or a
// receive-only audio track), the `oai-events` data channel for the JSON events, the offer
// posted over HTTP. It opens when the data channel opens; a refused offer or a failed peer
// connection ends it with the TransportError that says why (kept in `lastError`).
import { createServerEventDecoder, type ServerEventDecoder } from '../../protocol/index.js';
import type { ConnectionHandlers, Link } from '../connection.js';
import { TransportError } from '../errors.js';
import { postOffer } from './offer.js';
import type { WebRtcSocketOptions } from './options.js';

/** The data channel the Realtime API carries its events on. */
export const EVENTS_CHANNEL = 'oai-events';

/** What a link tells its socket besides frames. */
export interface WebRtcLinkHooks {
  readonly onRemoteAudio: (stream: MediaStream) => void;
  readonly onCallId: (callId: string) => void;
}

/** A WebRTC call carrying a socket's events; see the file comment. */
export class WebRtcLink implements Link {
  readonly decoder: ServerEventDecoder;
  readonly url: string;
  open = false;
  lastError: unknown = undefined;
  private pc: RTCPeerConnection | undefined;
  private channel: RTCDataChannel | undefined;
  private ownTracks: readonly MediaStreamTrack[] = [];
  private closed = false;

  constructor(
    private readonly options: WebRtcSocketOptions,
    private readonly key: string,
    private readonly handlers: ConnectionHandlers,
    private readonly hooks: WebRtcLinkHooks,
  ) {
    this.url = `${(options.baseUrl ?? 'https://api.openai.com/v1').replace(/\/+$/, '')}/realtime/calls`;
    this.decoder = createServerEventDecoder({
      dialect: 'ga',
      endpoint: 'realtime',
      onNotice: (notice) => handlers.onNotice(this, notice),
    });
  }

  start(): void {
    this.connect().catch((error: unknown) =>
      this.end(
        error instanceof TransportError
          ? error
          : new TransportError(
              'connection_failed',
              'could not set up the WebRTC call',
              true,
              1006,
              {
                cause: error,
              },
            ),
      ),
    );
  }

  send(text: string): void {
    this.channel?.send(text);
  }

  close(code: number, reason: string): void {
    if (this.closed) return;
    this.release();
    this.handlers.onClose(this, code, reason, true);
  }

  dispose(): void {
    this.release();
  }

  private async connect(): Promise<void> {
    const pc = (this.options.peerConnection ?? (() => new RTCPeerConnection()))();
    this.pc = pc;
    const microphone = await this.microphone();
    if (this.closed) return;
    const tracks = microphone?.getAudioTracks() ?? [];
    for (const track of tracks) pc.addTrack(track, microphone as MediaStream);
    if (tracks.length === 0) pc.addTransceiver('audio', { direction: 'recvonly' });
    pc.ontrack = (event) => {
      const stream = event.streams[0] ?? new MediaStream([event.track]);
      this.hooks.onRemoteAudio(stream);
    };
    pc.onconnectionstatechange = () => {
      if (pc.connectionState === 'failed')
        this.end(
          new TransportError(
            'connection_failed',
            `the WebRTC connection to ${this.url} failed`,
            true,
            1006,
          ),
        );
    };
    const channel = pc.createDataChannel(EVENTS_CHANNEL);
    this.channel = channel;
    channel.onopen = () => {
      if (this.closed) return;
      this.open = true;
      this.handlers.onOpen(this);
    };
    channel.onmessage = (event: MessageEvent) => {
      if (!this.closed)
        this.handlers.onFrame(
          this,
          typeof event.data === 'string' ? event.data : String(event.data),
        );
    };
    channel.onclose = () => {
      if (!this.closed) this.end(undefined);
    };
    const offer = await pc.createOffer();
    await pc.setLocalDescription(offer);
    const session = this.options.model
      ? { type: 'realtime', model: this.options.model, ...this.options.session }
      : this.options.session;
    const answer = await postOffer({
      fetch: this.options.fetch ?? ((input, init) => fetch(input, init)),
      url: this.url,
      key: this.key,
      sdp: offer.sdp ?? '',
      session,
    });
    if (this.closed) return;
    if (answer.callId) this.hooks.onCallId(answer.callId);
    await pc.setRemoteDescription({ type: 'answer', sdp: answer.sdp });
  }

  private async microphone(): Promise<MediaStream | undefined> {
    const given = this.options.microphone;
    if (typeof given !== 'function') return given;
    const stream = await given();
    this.ownTracks = stream.getTracks();
    // Closed while the microphone was being opened: it is not wanted any more.
    if (this.closed) for (const track of this.ownTracks) track.stop();
    return stream;
  }

  /** Ends the call from its side: with why it failed, or as a close of the data channel. */
  private end(error: TransportError | undefined): void {
    if (this.closed) return;
    this.lastError = error;
    // Reported while still open, so the socket says the connection was lost.
    const reason = error ? error.message : 'data channel closed';
    this.handlers.onClose(this, error ? 1006 : 1000, reason, !error);
    this.release();
  }

  /** Closes the data channel and the peer connection, and stops the tracks it created. */
  private release(): void {
    if (this.closed) return;
    this.closed = true;
    this.open = false;
    this.channel?.close();
    for (const track of this.ownTracks) track.stop();
    this.pc?.close();
  }
}
