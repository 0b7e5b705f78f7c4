/**
 * The microphone as PCM samples, for the WebSocket transport (over WebRTC the microphone track
 * itself goes to the service). An `AudioContext` at the session's rate resamples the device, and
 * a small AudioWorklet hands its 128-sample frames to the page in 20 ms batches.
 */
import { Observable } from 'rxjs';

const BATCH_MS = 20;

// The worklet runs on the audio thread and is loaded from a Blob, so the app needs no extra file.
const WORKLET = `
class PcmTap extends AudioWorkletProcessor {
  constructor(options) {
    super();
    this.batch = new Float32Array(options.processorOptions.batchSamples);
    this.filled = 0;
  }
  process(inputs) {
    const channel = inputs[0] && inputs[0][0];
    if (channel) {
      for (let i = 0; i < channel.length; i++) {
        this.batch[this.filled++] = channel[i];
        if (this.filled === this.batch.length) {
          this.port.postMessage(this.batch.slice());
          this.filled = 0;
        }
      }
    }
    return true;
  }
}
registerProcessor('pcm-tap', PcmTap);
`;

/**
 * Mono Float32 samples in [-1, 1] at `sampleRate`, in 20 ms batches, from the first audio track
 * of `microphone`. Unsubscribing closes the audio context (the tracks stay the caller's).
 *
 * @example
 * ```ts
 * microphonePcm(stream, 24_000).subscribe((samples) => session.appendAudio(samples));
 * ```
 */
export function microphonePcm(
  microphone: MediaStream,
  sampleRate: number,
): Observable<Float32Array> {
  return new Observable<Float32Array>((subscriber) => {
    const context = new AudioContext({ sampleRate });
    const moduleUrl = URL.createObjectURL(new Blob([WORKLET], { type: 'text/javascript' }));
    let closed = false;
    context.audioWorklet
      .addModule(moduleUrl)
      .then(() => {
        if (closed) return;
        const source = context.createMediaStreamSource(microphone);
        const tap = new AudioWorkletNode(context, 'pcm-tap', {
          numberOfInputs: 1,
          numberOfOutputs: 0,
          channelCount: 1,
          processorOptions: { batchSamples: (sampleRate * BATCH_MS) / 1000 },
        });
        tap.port.onmessage = (message: MessageEvent<Float32Array>) => subscriber.next(message.data);
        source.connect(tap);
        return context.resume();
      })
      .catch((error: unknown) => subscriber.error(error))
      .finally(() => URL.revokeObjectURL(moduleUrl));
    return () => {
      closed = true;
      void context.close();
    };
  });
}
