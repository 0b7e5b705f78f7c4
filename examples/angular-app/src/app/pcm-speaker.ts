/**
 * The assistant's voice for the WebSocket transport, as a `MediaStream` for the page's `<audio>`
 * element (what WebRTC delivers as a track): each audio delta is scheduled right after the
 * previous one in an `AudioContext` whose output is a media stream. When the user starts
 * speaking, what is still queued is dropped, as the service stops the answer.
 */
import { filter, merge, Observable, tap, type Subscription } from 'rxjs';
import { base64ToBytes, isEvent, pcm16BytesToFloat32, type ServerEvent } from 'rx-realtime';

/**
 * Plays the `response.output_audio.delta`s of `events$` (PCM16 at `sampleRate`) while
 * subscribed, and emits the stream to attach to an `<audio>` element once.
 *
 * @example
 * ```ts
 * pcmSpeaker(socket, 24_000).subscribe((stream) => (audio.srcObject = stream));
 * ```
 */
export function pcmSpeaker(
  events$: Observable<ServerEvent>,
  sampleRate: number,
): Observable<MediaStream> {
  return new Observable<MediaStream>((subscriber) => {
    const context = new AudioContext({ sampleRate });
    const output = context.createMediaStreamDestination();
    const playing = new Set<AudioBufferSourceNode>();
    let nextStart = 0;

    const play = (delta: string): void => {
      const samples = pcm16BytesToFloat32(base64ToBytes(delta));
      if (samples.length === 0) return;
      const buffer = context.createBuffer(1, samples.length, sampleRate);
      buffer.getChannelData(0).set(samples);
      const source = context.createBufferSource();
      source.buffer = buffer;
      source.connect(output);
      source.onended = () => playing.delete(source);
      nextStart = Math.max(nextStart, context.currentTime);
      source.start(nextStart);
      nextStart += buffer.duration;
      playing.add(source);
    };
    const silence = (): void => {
      playing.forEach((source) => source.stop());
      playing.clear();
      nextStart = 0;
    };

    subscriber.next(output.stream);
    const feeding: Subscription = merge(
      events$.pipe(
        filter(isEvent('response.output_audio.delta')),
        tap((event) => play(event.delta)),
      ),
      events$.pipe(filter(isEvent('input_audio_buffer.speech_started')), tap(silence)),
    ).subscribe({ error: (error: unknown) => subscriber.error(error) });
    return () => {
      feeding.unsubscribe();
      void context.close();
    };
  });
}
