import { EncodeError } from '../../../src/protocol/index.js';
import {
  TransportError,
  webrtcSocket,
  type RealtimeSocketError,
  type SocketState,
  type WebRtcSocketOptions,
} from '../../../src/transport/index.js';
import { FakePeer, FakeStream, FakeTrack, settle } from './fakes.js';

interface Posted {
  readonly url: string;
  readonly init: RequestInit;
}

function setup(
  options: Partial<WebRtcSocketOptions> = {},
  answer = () =>
    new Response('v=0\r\nanswer', {
      status: 201,
      headers: { Location: '/v1/realtime/calls/rtc_abc' },
    }),
) {
  const peer = new FakePeer();
  const posted: Posted[] = [];
  const socket = webrtcSocket({
    clientSecret: 'ek_secret123',
    baseUrl: 'http://sim.test/v1',
    environment: 'browser',
    onUnobservedError: () => {},
    peerConnection: () => peer as unknown as RTCPeerConnection,
    fetch: (url, init) => {
      posted.push({ url: String(url), init: init ?? {} });
      return Promise.resolve(answer());
    },
    ...options,
  });
  const states: SocketState['kind'][] = [];
  const errors: RealtimeSocketError[] = [];
  socket.state$.subscribe((s) => states.push(s.kind));
  socket.errors$.subscribe((e) => errors.push(e));
  return { peer, posted, socket, states, errors };
}

describe('webrtcSocket', () => {
  it('posts the SDP offer with the ek_ key, sets the answer, takes the call id, and decodes events from oai-events', async () => {
    const { peer, posted, socket, states } = setup();
    const types: string[] = [];
    socket.subscribe((e) => types.push(e.type));
    await settle();
    expect(posted).toHaveLength(1);
    expect(posted[0].url).toBe('http://sim.test/v1/realtime/calls');
    expect(posted[0].init.headers).toMatchObject({
      Authorization: 'Bearer ek_secret123',
      'Content-Type': 'application/sdp',
    });
    expect(posted[0].init.body).toBe('v=0\r\nm=audio offer');
    expect(peer.remote).toEqual({ type: 'answer', sdp: 'v=0\r\nanswer' });
    expect(socket.callId).toBe('rtc_abc');
    expect(socket.transport).toBe('webrtc');
    // No microphone: the call only listens.
    expect(peer.transceivers).toEqual([{ kind: 'audio', direction: 'recvonly' }]);
    const channel = peer.channels[0];
    expect(channel.label).toBe('oai-events');
    socket.next({ type: 'response.create' });
    expect(channel.sent).toEqual([]);
    channel.opened();
    expect(states).toEqual(['idle', 'connecting', 'open']);
    expect(JSON.parse(channel.sent[0])).toMatchObject({ type: 'response.create' });
    channel.receive({ type: 'output_audio_buffer.started', event_id: 'e1', response_id: 'resp_1' });
    expect(types).toEqual(['output_audio_buffer.started']);
  });

  it('sends the session configuration as a multipart form with sdp and session parts', async () => {
    const { posted, socket } = setup({
      model: 'gpt-realtime',
      session: { instructions: 'Be brief.' },
    });
    socket.connect();
    await settle();
    const form = posted[0].init.body as FormData;
    expect(await (form.get('sdp') as Blob).text()).toBe('v=0\r\nm=audio offer');
    expect(JSON.parse(await (form.get('session') as Blob).text())).toEqual({
      type: 'realtime',
      model: 'gpt-realtime',
      instructions: 'Be brief.',
    });
    socket.close();
  });

  it('adds the microphone tracks, emits the remote stream, and on close stops the tracks it opened and closes channel and peer', async () => {
    const mic = new FakeTrack('mic');
    const { peer, socket, states } = setup({
      microphone: () => Promise.resolve(new FakeStream('local', [mic]) as unknown as MediaStream),
    });
    const streams: unknown[] = [];
    socket.remoteAudio$.subscribe((s) => streams.push(s));
    let completed = false;
    socket.subscribe({ complete: () => (completed = true) });
    await settle();
    expect(peer.tracks).toEqual([mic]);
    expect(peer.transceivers).toEqual([]);
    const remote = new FakeStream('remote', [new FakeTrack('voice')]);
    peer.ontrack?.({ streams: [remote], track: remote.tracks[0] });
    expect(streams).toEqual([remote]);
    peer.channels[0].opened();
    socket.close();
    expect(mic.stopped).toBe(true);
    expect(peer.channels[0].readyState).toBe('closed');
    expect(peer.closed).toBe(true);
    expect(completed).toBe(true);
    expect(states.at(-1)).toBe('closed');
  });

  it('leaves a microphone stream given as is running', async () => {
    const mic = new FakeTrack('mic');
    const { socket } = setup({
      microphone: new FakeStream('local', [mic]) as unknown as MediaStream,
    });
    socket.connect();
    await settle();
    socket.close();
    expect(mic.stopped).toBe(false);
  });

  it('refuses input_audio_buffer.append, by next() or appendAudio, with an EncodeError instead of sending it', async () => {
    const { peer, socket, errors } = setup();
    socket.connect();
    await settle();
    peer.channels[0].opened();
    socket.next({ type: 'input_audio_buffer.append', audio: 'AAAA' });
    socket.appendAudio(new Uint8Array(960));
    expect(peer.channels[0].sent).toEqual([]);
    expect(errors).toHaveLength(2);
    for (const error of errors) {
      expect(error).toBeInstanceOf(EncodeError);
      expect(error.message).toMatch(/microphone track/);
    }
    socket.close();
  });

  it.each([
    [401, 'auth_refused'],
    [404, 'upgrade_refused'],
  ])(
    'fails with a fatal TransportError when the offer is refused with HTTP %d',
    async (status, reason) => {
      const { socket, peer } = setup({}, () => new Response('{"error":{}}', { status }));
      const failure = new Promise<unknown>((resolve) => socket.subscribe({ error: resolve }));
      const error = (await failure) as TransportError;
      expect(error).toBeInstanceOf(TransportError);
      expect(error.reason).toBe(reason);
      expect(error.status).toBe(status);
      expect(error.fatal).toBe(true);
      expect(error.message).not.toContain('ek_secret123');
      expect(peer.closed).toBe(true);
    },
  );

  it('fails with a TransportError when the peer connection fails, after local.connection_lost', async () => {
    const { socket, peer, states } = setup();
    const types: string[] = [];
    const failure = new Promise<unknown>((resolve) =>
      socket.subscribe({ next: (e) => types.push(e.type), error: resolve }),
    );
    await settle();
    peer.channels[0].opened();
    peer.fail();
    const error = (await failure) as TransportError;
    expect(error.reason).toBe('connection_failed');
    expect(types).toEqual(['local.connection_lost']);
    expect(states.at(-1)).toBe('closed');
    expect(states).not.toContain('reconnecting');
  });

  it('refuses a standard API key in a browser before anything is posted', async () => {
    const { socket, posted } = setup({ clientSecret: 'sk-real' });
    const failure = new Promise<unknown>((resolve) => socket.subscribe({ error: resolve }));
    expect(((await failure) as TransportError).reason).toBe('browser_key_refused');
    expect(posted).toEqual([]);
  });
});
