import { filter, firstValueFrom } from 'rxjs';
import { toneAndSilence } from '../../src/node/simulator/index.js';
import type { Dialect } from '../../src/protocol/index.js';
import { simulatorFixture, within } from './e2e.js';

const fixture = simulatorFixture();

describe.each<Dialect>(['ga', 'beta'])('a voice turn with server VAD (%s)', (dialect) => {
  it('speech in 20 ms chunks becomes a transcribed user item and a spoken answer', async () => {
    const { socket } = await fixture.connect(
      {
        pace: 'instant',
        script: ({ lastUserText }) =>
          lastUserText === null
            ? { text: '', transcript: 'Hello there' }
            : { text: 'Hi! How can I help?' },
      },
      { dialect },
    );
    const s = fixture.session(socket, {
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
    expect((await s.ready()).kind).toBe('ready');
    const answered = firstValueFrom(
      s.responses$.pipe(
        filter((r) => r.status === 'completed'),
        within(5000),
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
        within(5000),
      ),
    );
    expect(conversation.items[0]?.item).toMatchObject({ type: 'message', role: 'user' });
  });
});
