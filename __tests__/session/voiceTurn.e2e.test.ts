import { filter, firstValueFrom, timeout } from 'rxjs';
import {
  startSimulator,
  toneAndSilence,
  type RunningSimulator,
} from '../../src/node/simulator/index.js';
import { realtimeSocket } from '../../src/node/transport/index.js';
import type { Dialect } from '../../src/protocol/index.js';
import { createRealtimeSession, type RealtimeSession } from '../../src/session/index.js';

let sim: RunningSimulator | undefined;
let session: RealtimeSession | undefined;
afterEach(async () => {
  session?.close();
  session = undefined;
  await sim?.close();
  sim = undefined;
});

describe.each<Dialect>(['ga', 'beta'])('a voice turn with server VAD (%s)', (dialect) => {
  it('speech in 20 ms chunks becomes a transcribed user item and a spoken answer', async () => {
    sim = await startSimulator({
      pace: 'instant',
      script: ({ lastUserText }) =>
        lastUserText === null
          ? { text: '', transcript: 'Hello there' }
          : { text: 'Hi! How can I help?' },
    });
    const s = createRealtimeSession(realtimeSocket({ url: sim.url, apiKey: 'x', dialect }), {
      session: {
        output_modalities: ['audio'],
        audio: {
          input: {
            transcription: { model: 'whisper-1' },
            turn_detection: { type: 'server_vad', silence_duration_ms: 300 },
          },
        },
      },
    });
    session = s;
    expect((await s.ready()).kind).toBe('ready');
    const answered = firstValueFrom(
      s.responses$.pipe(
        filter((r) => r.status === 'completed'),
        timeout({ first: 5000 }),
      ),
    );
    const speech = toneAndSilence([200, 800, 600]);
    for (let at = 0; at < speech.length; at += 960) s.appendAudio(speech.subarray(at, at + 960));

    const response = await answered;
    const message = response.output.find((item) => item.type === 'message');
    expect(message?.type === 'message' && message.content[0]?.type === 'audio').toBe(true);
    const conversation = await firstValueFrom(
      s.conversation$.pipe(
        filter((c) => c.items.some((e) => e.item.type === 'message' && e.item.role === 'user')),
        timeout({ first: 5000 }),
      ),
    );
    expect(conversation.items[0]?.item).toMatchObject({ type: 'message', role: 'user' });
  });
});
