import { filter, firstValueFrom } from 'rxjs';
import { toneAndSilence } from '../../src/node/simulator/index.js';
import { isEvent, type ClientEventOf, type Dialect } from '../../src/protocol/index.js';
import { simulatorFixture, within } from './e2e.js';

const fixture = simulatorFixture();

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const story = Array.from({ length: 40 }, (_, i) => `word${i}`).join(' ');

describe.each<Dialect>(['ga', 'beta'])('barge-in over the simulator (%s)', (dialect) => {
  it('user speech over playing audio: interrupted$, truncate sent, server confirms what was heard', async () => {
    const { socket, sent } = await fixture.connect(
      { pace: 'realtime', script: () => ({ text: story }) },
      { dialect },
    );
    const received = new Map<string, number>();
    socket.subscribe((e) => {
      if (e.type === 'response.output_audio.delta')
        received.set(
          e.item_id,
          (received.get(e.item_id) ?? 0) + Buffer.from(e.delta, 'base64').length,
        );
    });
    const s = fixture.session(socket, {
      session: {
        output_modalities: ['audio'],
        audio: { input: { turn_detection: { type: 'server_vad', silence_duration_ms: 200 } } },
      },
    });
    expect((await s.ready()).kind).toBe('ready');

    const firstAudio = firstValueFrom(
      socket.pipe(
        filter((e) => e.type === 'response.output_audio.delta'),
        within(5000),
      ),
    );
    const interrupted = firstValueFrom(s.interrupted$.pipe(within(5000)));
    const truncated = firstValueFrom(
      socket.pipe(filter(isEvent('conversation.item.truncated')), within(5000)),
    );
    s.sendText('Tell me a long story');
    s.createResponse();
    await firstAudio;
    await sleep(700); // the user listens a while, then talks over the assistant
    s.appendAudio(toneAndSilence([100, 600, 400]));

    const cut = await interrupted;
    const confirmed = await truncated;
    const truncate = sent.find(
      (e): e is ClientEventOf<'conversation.item.truncate'> =>
        e.type === 'conversation.item.truncate',
    );
    expect(truncate).toBeDefined();
    expect(cut.itemId).toBe(truncate?.item_id);
    expect(confirmed.item_id).toBe(truncate?.item_id);
    expect(confirmed.audio_end_ms).toBe(truncate?.audio_end_ms);
    // Heard some of it, never more than arrived (pcm16 24 kHz: 48 bytes per ms).
    const receivedMs = (received.get(confirmed.item_id) ?? 0) / 48;
    expect(confirmed.audio_end_ms).toBeGreaterThan(300);
    expect(confirmed.audio_end_ms).toBeLessThanOrEqual(receivedMs);
  }, 15000);
});
