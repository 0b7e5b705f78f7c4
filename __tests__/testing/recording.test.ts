import { toArray } from 'rxjs';
import { readRecording, recordWire } from '../../src/testing/recording';
import { createTestScheduler } from '../../src/testing/marbles';
import { of } from 'rxjs';

const lines = [
  JSON.stringify({
    t: 1000,
    event: {
      type: 'input_audio_buffer.speech_started',
      event_id: 'e1',
      audio_start_ms: 0,
      item_id: 'i',
    },
  }),
  JSON.stringify({
    type: 'input_audio_buffer.speech_stopped',
    event_id: 'e2',
    audio_end_ms: 5,
    item_id: 'i',
    _t: 1003,
  }),
].join('\n');

describe('readRecording / recordWire', () => {
  it('replays with timing in virtual time', () => {
    const scheduler = createTestScheduler();
    scheduler.run(({ expectObservable }) => {
      expectObservable(readRecording(lines, { scheduler }), '^').toBe('a 2ms (b|)', {
        a: expect.objectContaining({ type: 'input_audio_buffer.speech_started' }),
        b: expect.objectContaining({ type: 'input_audio_buffer.speech_stopped' }),
      });
    });
  });

  it('replays immediately without a scheduler and records wire frames', (done) => {
    readRecording(lines)
      .pipe(toArray())
      .subscribe((events) => {
        expect(events.map((e) => e.type)).toEqual([
          'input_audio_buffer.speech_started',
          'input_audio_buffer.speech_stopped',
        ]);
        recordWire(of({ direction: 'in' as const, text: '{"type":"x"}', time: 5 })).subscribe(
          (line) => {
            expect(JSON.parse(line)).toEqual({ t: 5, dir: 'in', event: { type: 'x' } });
            done();
          },
        );
      });
  });
});
