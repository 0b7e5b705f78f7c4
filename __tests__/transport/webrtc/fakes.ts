// Stand-ins for the browser's RTCPeerConnection, RTCDataChannel and MediaStream, recording what
// the WebRTC socket does with them.

export class FakeTrack {
  stopped = false;
  constructor(readonly id: string) {}
  stop(): void {
    this.stopped = true;
  }
}

export class FakeStream {
  constructor(
    readonly id: string,
    readonly tracks: FakeTrack[],
  ) {}
  getTracks(): FakeTrack[] {
    return this.tracks;
  }
  getAudioTracks(): FakeTrack[] {
    return this.tracks;
  }
}

export class FakeChannel {
  readyState = 'connecting';
  readonly sent: string[] = [];
  onopen: (() => void) | null = null;
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onclose: (() => void) | null = null;
  constructor(readonly label: string) {}
  send(text: string): void {
    this.sent.push(text);
  }
  close(): void {
    this.readyState = 'closed';
  }
  /** The remote side opened it. */
  opened(): void {
    this.readyState = 'open';
    this.onopen?.();
  }
  receive(event: object): void {
    this.onmessage?.({ data: JSON.stringify(event) });
  }
}

export class FakePeer {
  readonly tracks: FakeTrack[] = [];
  readonly transceivers: { kind: string; direction: string }[] = [];
  readonly channels: FakeChannel[] = [];
  local: { type: string; sdp: string } | undefined;
  remote: { type: string; sdp: string } | undefined;
  closed = false;
  connectionState = 'new';
  ontrack: ((event: { streams: FakeStream[]; track: FakeTrack }) => void) | null = null;
  onconnectionstatechange: (() => void) | null = null;
  addTrack(track: FakeTrack): void {
    this.tracks.push(track);
  }
  addTransceiver(kind: string, init: { direction: string }): void {
    this.transceivers.push({ kind, direction: init.direction });
  }
  createDataChannel(label: string): FakeChannel {
    const channel = new FakeChannel(label);
    this.channels.push(channel);
    return channel;
  }
  createOffer(): Promise<{ type: string; sdp: string }> {
    return Promise.resolve({ type: 'offer', sdp: 'v=0\r\nm=audio offer' });
  }
  setLocalDescription(description: { type: string; sdp: string }): Promise<void> {
    this.local = description;
    return Promise.resolve();
  }
  setRemoteDescription(description: { type: string; sdp: string }): Promise<void> {
    this.remote = description;
    return Promise.resolve();
  }
  close(): void {
    this.closed = true;
    this.connectionState = 'closed';
  }
  fail(): void {
    this.connectionState = 'failed';
    this.onconnectionstatechange?.();
  }
}

/** Lets the socket's awaits (microphone, offer, answer) run. */
export const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
