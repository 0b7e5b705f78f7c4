import { toArray } from 'rxjs';
import { readRecording, recordPlayback, recordWire } from '../../src/testing/recording';
import { DecodeError } from '../../src/protocol/index';
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

describe('readRecording with damaged or mixed recordings', () => {
  const good = '{"type":"input_audio_buffer.cleared","event_id":"e1"}';
  const bad = '{"type":"response.output_text.delta","event_id":"e2"}';

  it('ends with a DecodeError naming the line when no onError is given', () => {
    const seen: string[] = [];
    let failure: unknown;
    readRecording(`${good}\n\n${bad}\n${good}\n`).subscribe({
      next: (e) => seen.push(e.type),
      error: (e: unknown) => (failure = e),
    });
    expect(seen).toEqual(['input_audio_buffer.cleared']);
    expect(failure).toBeInstanceOf(DecodeError);
    expect((failure as DecodeError).message).toMatch(
      /^line 3: response\.output_text\.delta: at \.content_index expected number/,
    );
  });

  it('reports bad lines to onError and goes on', () => {
    const errors: DecodeError[] = [];
    const seen: string[] = [];
    readRecording(`${good}\nnot json\n${good}\n`, { onError: (e) => errors.push(e) }).subscribe(
      (e) => seen.push(e.type),
    );
    expect(seen).toEqual(['input_audio_buffer.cleared', 'input_audio_buffer.cleared']);
    expect(errors.map((e) => e.message)).toEqual([
      expect.stringMatching(/^line 2: server frame is not JSON/),
    ]);
  });

  it('replays the server frames of a recordWire recording and skips the client frames', () => {
    const lines = [
      JSON.stringify({ t: 1, dir: 'out', event: { type: 'response.create' } }),
      JSON.stringify({ t: 2, dir: 'in', event: JSON.parse(good) }),
    ].join('\n');
    const seen: string[] = [];
    readRecording(lines).subscribe((e) => seen.push(e.type));
    expect(seen).toEqual(['input_audio_buffer.cleared']);
  });
});

describe('recordWire redaction', () => {
  it('redacts the given secrets in every line, also in frames that spell them with escapes', () => {
    const key = 'sk-recorded-key-123456';
    const escaped = [...key]
      .map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
      .join('');
    const frames = [
      { direction: 'out' as const, text: JSON.stringify({ type: 'x', note: key }), time: 1 },
      { direction: 'in' as const, text: `{"type":"y","note":"${escaped}"}`, time: 2 },
      { direction: 'in' as const, text: `not json ${key}`, time: 3 },
    ];
    const recorded: string[] = [];
    recordWire(of(...frames), { secrets: [key] }).subscribe((line) => recorded.push(line));
    expect(recorded).toHaveLength(3);
    for (const line of recorded) {
      expect(line).not.toContain(key);
      expect(JSON.stringify(JSON.parse(line))).not.toContain(key);
      expect(line).toContain('[REDACTED]');
    }
  });
});

describe('recordPlayback', () => {
  it('writes playback marks stamped with the scheduler clock, which readRecording skips', () => {
    const scheduler = createTestScheduler();
    scheduler.run(({ cold, expectObservable }) => {
      const playback$ = cold('-a 19ms b|', {
        a: { itemId: 'item_1', playedMs: 0 },
        b: { itemId: 'item_1', playedMs: 20 },
      });
      expectObservable(recordPlayback(playback$, scheduler)).toBe('-a 19ms b|', {
        a: '{"t":1,"dir":"playback","event":{"itemId":"item_1","playedMs":0}}',
        b: '{"t":21,"dir":"playback","event":{"itemId":"item_1","playedMs":20}}',
      });
    });
    const withMarks = `${lines}\n{"t":1002,"dir":"playback","event":{"itemId":"a","playedMs":5}}`;
    createTestScheduler().run(({ expectObservable }) => {
      expectObservable(readRecording(withMarks)).toBe('(ab|)', {
        a: expect.objectContaining({ type: 'input_audio_buffer.speech_started' }),
        b: expect.objectContaining({ type: 'input_audio_buffer.speech_stopped' }),
      });
    });
  });

  it('passes on an error of playback$', () => {
    const scheduler = createTestScheduler();
    scheduler.run(({ cold, expectObservable }) => {
      expectObservable(recordPlayback(cold('#'), scheduler)).toBe('#');
    });
  });
});
