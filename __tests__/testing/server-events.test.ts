import { decodeServerEvent, type ServerEvent } from '../../src/protocol/index.js';
import {
  assembleResponses,
  accumulateFunctionCalls,
  transcripts,
} from '../../src/operators/index.js';
import { knownServerEventTypes, serverEvent } from '../../src/testing/server-event.js';
import { serverEvents } from '../../src/testing/server-events.js';
import { toMarbles } from '../../src/testing/marbles.js';
import { testScheduler } from '../helpers/marbles.js';
import { from, lastValueFrom, toArray, filter } from 'rxjs';

/** Decodes a built event as the wire would carry it, and expects the same event back. */
/** Events of translation sessions, which only the `translations` endpoint carries. */
const TRANSLATION_TYPES: ReadonlySet<string> = new Set([
  'session.closed',
  'session.input_transcript.delta',
  'session.output_audio.delta',
  'session.output_transcript.delta',
]);

function expectValidWire(event: ServerEvent): void {
  const endpoint = TRANSLATION_TYPES.has(event.type) ? 'translations' : 'realtime';
  const decoded = decodeServerEvent(JSON.parse(JSON.stringify(event)) as unknown, { endpoint });
  if (decoded._tag === 'Left') throw new Error(`${event.type}: ${decoded.left.message}`);
  expect(decoded.right).toEqual(event);
}

describe('serverEvent', () => {
  const wireTypes = knownServerEventTypes.filter((type) => !type.startsWith('local.'));

  it.each(wireTypes)('builds a valid %s', (type) => {
    expectValidWire(serverEvent(type));
  });

  it('covers every canonical type the decoder knows, and the library-local ones', () => {
    // 46 GA server events, minus the legacy conversation.item.created the decoder renames,
    // plus the 4 of translation sessions.
    expect(wireTypes).toHaveLength(49);
    expect(knownServerEventTypes).not.toContain('conversation.item.created');
    expect(serverEvent('local.connection_lost', { code: 1001 })).toEqual({
      type: 'local.connection_lost',
      code: 1001,
      reason: '',
      willReconnect: true,
    });
  });

  it('replaces top-level fields with the overrides', () => {
    const stopped = serverEvent('input_audio_buffer.speech_stopped', {
      audio_end_ms: 1200,
      item_id: 'item_9',
    });
    expect(stopped).toMatchObject({ audio_end_ms: 1200, item_id: 'item_9', event_id: 'event_1' });
    expectValidWire(stopped);
  });

  it('keeps the type it was asked for, whatever the overrides say', () => {
    const overrides = { type: 'error' } as unknown as { delta: string };
    expect(serverEvent('response.output_text.delta', overrides).type).toBe(
      'response.output_text.delta',
    );
  });
});

describe('serverEvents trees', () => {
  const trees = {
    text: serverEvents.textResponse({ text: 'Octopuses have three hearts.' }),
    audio: serverEvents.audioResponse({ text: 'Hi there.', durationMs: 450, chunkMs: 100 }),
    call: serverEvents.functionCallResponse({
      name: 'get_weather',
      arguments: { location: 'Paris', unit: 'celsius' },
    }),
    user: serverEvents.userSpeechTurn({ transcript: 'Hello?', durationMs: 800, startMs: 200 }),
  };

  it.each(Object.entries(trees))(
    '%s: every event is valid wire, with its own event_id',
    (_, events) => {
      events.forEach(expectValidWire);
      const ids = events.map((e) => ('event_id' in e ? e.event_id : undefined));
      expect(new Set(ids).size).toBe(events.length);
    },
  );

  it('a text response assembles to its text', async () => {
    const [done] = await lastValueFrom(
      from(trees.text).pipe(
        assembleResponses(),
        filter((r) => r.status !== 'in_progress'),
        toArray(),
      ),
    );
    expect(done.status).toBe('completed');
    expect(done.output[0]).toMatchObject({
      type: 'message',
      content: [{ type: 'text', text: 'Octopuses have three hearts.' }],
    });
  });

  it('an audio response carries durationMs of audio in chunkMs deltas, with its transcript', async () => {
    const deltas = trees.audio.filter((e) => e.type === 'response.output_audio.delta');
    expect(deltas).toHaveLength(5); // 100, 100, 100, 100, 50 ms
    const [done] = await lastValueFrom(
      from(trees.audio).pipe(
        assembleResponses(),
        filter((r) => r.status !== 'in_progress'),
        toArray(),
      ),
    );
    const part = done.output[0].type === 'message' ? done.output[0].content[0] : undefined;
    expect(part).toMatchObject({ type: 'audio', transcript: 'Hi there.' });
    expect(part?.type === 'audio' ? part.audio.durationMs : 0).toBe(450);
  });

  it('a function call response accumulates to its arguments', async () => {
    const calls = await lastValueFrom(
      from(trees.call).pipe(
        accumulateFunctionCalls(),
        filter((c) => c.ready),
        toArray(),
      ),
    );
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({
      name: 'get_weather',
      callId: 'call_1',
      arguments: '{"location":"Paris","unit":"celsius"}',
    });
  });

  it('a user speech turn gives the final user transcript and the VAD times', async () => {
    const said = await lastValueFrom(
      from(trees.user).pipe(
        transcripts(),
        filter((t) => t.final),
        toArray(),
      ),
    );
    expect(said).toMatchObject([{ role: 'user', text: 'Hello?' }]);
    expect(trees.user[1]).toMatchObject({
      type: 'input_audio_buffer.speech_stopped',
      audio_end_ms: 1000,
    });
  });
});

describe('toMarbles', () => {
  it('gives one frame per value and a completion', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      const { marbles, values } = toMarbles(['x', 'y', 'z']);
      expect(marbles).toBe('abc|');
      expectObservable(cold(marbles, values)).toBe('abc|', { a: 'x', b: 'y', c: 'z' });
    });
  });

  it('leaves the stream open when asked, and goes past the Latin letters', () => {
    const { marbles, values } = toMarbles(
      Array.from({ length: 60 }, (_, i) => i),
      { complete: false },
    );
    expect(marbles).toHaveLength(60);
    expect(Object.values(values)).toEqual(Array.from({ length: 60 }, (_, i) => i));
    testScheduler().run(({ cold, expectObservable }) => {
      expectObservable(cold(marbles, values)).toBe(marbles, values);
    });
  });

  it('an error in the pipeline shows as #', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      const { marbles, values } = toMarbles([1, 2]);
      const failing$ = cold(marbles.replace('|', '#'), values);
      expectObservable(failing$).toBe('ab#', { a: 1, b: 2 });
    });
  });

  it('refuses more values than it has letters', () => {
    expect(() => toMarbles(Array.from({ length: 200 }, () => 0))).toThrow(RangeError);
  });
});
