/**
 * The WebRTC page of `npm run test:browser`: `webrtcSocket` + `createRealtimeSession` over a
 * real WebRTC call to the simulator, the microphone being Chromium's fake capture device fed
 * with speech. It waits for a completed voice turn and a barge-in, then publishes what it saw.
 *
 * Query string: `httpUrl` (the simulator's HTTP base), `key` (an `ek_` key).
 */
import { filter, firstValueFrom, take, timeout } from 'rxjs';
import { createRealtimeSession, webrtcSocket, type ServerEvent } from 'rx-realtime';
import type { WebRtcPageResult } from './webrtc-result.js';

const params = new URLSearchParams(location.search);
const events: string[] = [];
const sent: string[] = [];
const statuses: string[] = [];
const interruptions: { truncatedBy?: string; audioEndMs?: number }[] = [];
let maxLevel = 0;
let transcript: string | undefined;
let transcriptDone: string | undefined;
let partial = '';

/** Measures the loudness of the remote track, as an app's level meter would. */
function meter(stream: MediaStream): void {
  // Chromium only lets a remote WebRTC stream flow into Web Audio while a media element plays it.
  const audio = document.getElementById('voice') as HTMLAudioElement;
  audio.srcObject = stream;
  void audio.play();
  const context = new AudioContext();
  const analyser = context.createAnalyser();
  context.createMediaStreamSource(stream).connect(analyser);
  const samples = new Float32Array(analyser.fftSize);
  setInterval(() => {
    analyser.getFloatTimeDomainData(samples);
    let sum = 0;
    for (const s of samples) sum += s * s;
    maxLevel = Math.max(maxLevel, Math.sqrt(sum / samples.length));
  }, 50);
}

function record(event: ServerEvent): void {
  events.push(event.type);
  if (event.type === 'response.output_audio_transcript.delta') partial += event.delta;
  if (event.type === 'response.output_audio_transcript.done' && transcript === undefined)
    transcriptDone = event.transcript;
  if (event.type === 'response.done') {
    statuses.push(event.response.status ?? '');
    if (event.response.status === 'completed' && transcript === undefined) transcript = partial;
    partial = '';
  }
}

async function main(): Promise<WebRtcPageResult> {
  const socket = webrtcSocket({
    clientSecret: params.get('key') ?? '',
    baseUrl: params.get('httpUrl') ?? '',
    microphone: () => navigator.mediaDevices.getUserMedia({ audio: true }),
  });
  socket.remoteAudio$.subscribe(meter);
  socket.wire$.subscribe((frame) => {
    if (frame.direction === 'out')
      sent.push(String((JSON.parse(frame.text) as { type: unknown }).type));
  });
  socket.subscribe(record);
  const session = createRealtimeSession(socket);
  session.interrupted$.subscribe((cut) =>
    interruptions.push({ truncatedBy: cut.truncatedBy, audioEndMs: cut.audioEndMs }),
  );
  // A completed turn, then a barge-in (the fake microphone speaks again while the reply plays).
  try {
    await firstValueFrom(
      socket.pipe(
        filter(
          () =>
            statuses.includes('completed') &&
            events.includes('output_audio_buffer.cleared') &&
            interruptions.length > 0,
        ),
        take(1),
        timeout(60_000),
      ),
    );
    return {
      events,
      sent,
      statuses,
      interruptions,
      maxLevel,
      transcript,
      transcriptDone,
      callId: socket.callId,
    };
  } catch (e) {
    const error = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
    return {
      events,
      sent,
      statuses,
      interruptions,
      maxLevel,
      transcript,
      transcriptDone,
      callId: socket.callId,
      error,
    };
  } finally {
    session.close();
  }
}

void main().then((result) => {
  window.rxRealtimeWebRtcResult = result;
  console.log(`rx-realtime WebRTC result: ${JSON.stringify(result)}`);
});
