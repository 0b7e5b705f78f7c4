import { DecodeError } from '../../src/protocol/errors.js';
import { parseRecording, recordedEvents } from '../../src/protocol/recording.js';

const cleared = { type: 'input_audio_buffer.cleared', event_id: 'e1' };
const text = [
  JSON.stringify({ t: 10, dir: 'in', event: cleared }),
  JSON.stringify({ t: 12, dir: 'playback', event: { itemId: 'item_1', playedMs: 40 } }),
  JSON.stringify({ t: 13, dir: 'out', event: { type: 'response.cancel' } }),
].join('\n');

describe('recording parser', () => {
  it('reads server, client and playback lines with their times', () => {
    expect(parseRecording(text).map((l) => [l.number, l.t, l.dir])).toEqual([
      [1, 10, 'in'],
      [2, 12, 'playback'],
      [3, 13, 'out'],
    ]);
    expect(recordedEvents(text)).toEqual([
      { t: 10, dir: 'in', event: cleared },
      { t: 12, dir: 'playback', event: { itemId: 'item_1', playedMs: 40 } },
      { t: 13, dir: 'out', event: { type: 'response.cancel' } },
    ]);
  });

  it('reports a playback mark without itemId or playedMs, naming the line, and goes on', () => {
    const bad = `${text}\n${JSON.stringify({ t: 14, dir: 'playback', event: { itemId: 'x' } })}`;
    const errors: DecodeError[] = [];
    expect(recordedEvents(bad, { onError: (e) => errors.push(e) })).toHaveLength(3);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toBeInstanceOf(DecodeError);
    expect(errors[0].message).toBe(
      'line 4: a playback mark needs a string itemId and a number playedMs',
    );
    expect(() => recordedEvents(bad)).toThrow('line 4: a playback mark');
  });
});
