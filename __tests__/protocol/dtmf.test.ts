import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createServerEventDecoder, decodeServerEvent } from '../../src/protocol/index.js';

const lines = readFileSync(join(__dirname, '..', 'fixtures', 'sip', 'dtmf.server.jsonl'), 'utf8')
  .split('\n')
  .filter((line) => line !== '');

describe('input_audio_buffer.dtmf_event_received (SIP keypad presses)', () => {
  it('decodes every sample frame (one event each), keeping a field the service may add', () => {
    const decoder = createServerEventDecoder('ga');
    const events = lines.flatMap((line) => {
      const decoded = decoder.decodeFrame(line);
      if (decoded._tag === 'Left') throw decoded.left;
      return decoded.right;
    });
    expect(
      events.map((e) => e.type === 'input_audio_buffer.dtmf_event_received' && e.event),
    ).toEqual(['1', '#', '*']);
    expect(events[2]).toMatchObject({ received_at: 1762186522, duration_ms: 120 });
  });

  it('a key of the wrong JSON type is a decode error naming the path', () => {
    const result = decodeServerEvent(
      { type: 'input_audio_buffer.dtmf_event_received', event: 5, received_at: 1 },
      'ga',
    );
    expect(result._tag === 'Left' && result.left.message).toBe(
      'input_audio_buffer.dtmf_event_received: at .event expected string, got 5',
    );
  });
});
