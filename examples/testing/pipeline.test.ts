/**
 * Testing your own pipeline, written as a user of the published package writes it: everything
 * comes from 'rx-realtime' and 'rx-realtime/testing'. Three tools, from the fastest to the
 * closest to the wire:
 *
 * 1. Marble tests with `createTestScheduler()`: events from the builders (`serverEvent`,
 *    `serverEvents`) in, values out, in virtual time (a 100 ms audit takes no real time).
 * 2. `readRecording(text, { scheduler })`: a recorded session (JSONL) replayed as events.
 * 3. `mockWebSocket()` as the socket's constructor: you drive the server side by hand and
 *    read what your code sent.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { realtimeSocket, type ServerEvent } from 'rx-realtime';
import {
  createTestScheduler,
  eventMarbles,
  mockWebSocket,
  readRecording,
  serverEvent,
  serverEvents,
  toMarbles,
} from 'rx-realtime/testing';
import { askOnce, assistantCaptions, liveCaption } from './pipeline';

// Valid canonical events with defaults for every id; override only what the test is about.
const textDelta = (delta: string) => serverEvent('response.output_text.delta', { delta });
const textDone = (text: string) => serverEvent('response.output_text.done', { text });
const userSaid = (transcript: string) =>
  serverEvent('conversation.item.input_audio_transcription.completed', { transcript });

// A session recorded against the real service: the user asks for a fact about octopuses, the
// assistant answers in text. Recordings like this come from `recordWire(socket.wire$)`.
const recording = readFileSync(join(__dirname, 'octopus-fact.jsonl'), 'utf8');
const octopusFact =
  'Octopuses have three hearts: two pump blood through the gills, and the third pumps it to the rest of the body.';

describe('assistantCaptions and liveCaption, in virtual time', () => {
  it("captions each finished answer once, and ignores the user's words", () => {
    // `run` gives the marble helpers; each character of a diagram is one virtual millisecond.
    createTestScheduler().run(({ cold, expectObservable }) => {
      const events = eventMarbles({
        u: userSaid('Tell me about octopuses.'),
        a: textDelta('Octopuses have'),
        b: textDelta(' three hearts.'),
        d: textDone('Octopuses have three hearts.'),
      });
      const events$ = cold<ServerEvent>('u a b d |', events);
      // Only the `.done` produces a caption: frame 3, then the completion at frame 4.
      expectObservable(events$.pipe(assistantCaptions())).toBe('---x|', {
        x: 'Octopuses have three hearts.',
      });
    });
  });

  it('captions a whole built response tree, user turn included', () => {
    createTestScheduler().run(({ cold, expectObservable }) => {
      const { marbles, values } = toMarbles([
        ...serverEvents.userSpeechTurn({ transcript: 'Tell me a fact.', durationMs: 900 }),
        ...serverEvents.textResponse({ text: 'Octopuses have three hearts.' }),
      ]);
      const captions$ = cold(marbles, values).pipe(assistantCaptions());
      // One frame per event: 6 of the user's turn, then the response; the caption comes with
      // response.output_text.done (frame 14), the completion after response.done (frame 19).
      expect(marbles).toHaveLength(20);
      expectObservable(captions$).toBe('14ms x 4ms |', {
        x: 'Octopuses have three hearts.',
      });
    });
  });

  it('liveCaption shows the latest text at most once per period', () => {
    const scheduler = createTestScheduler();
    scheduler.run(({ cold, expectObservable }) => {
      // Deltas at 0, 40 and 80 ms, the last one at 300 ms, then the stream ends.
      const events$ = cold<ServerEvent>(
        'a 39ms b 39ms c 219ms d|',
        eventMarbles({
          a: textDelta('Octopuses'),
          b: textDelta(' have'),
          c: textDelta(' three'),
          d: textDelta(' hearts.'),
        }),
      );
      // The first period (0-100 ms) shows the text as of 80 ms; the second starts with the
      // delta at 300 ms and is flushed at 400 ms, together with the completion.
      expectObservable(events$.pipe(liveCaption(100, scheduler))).toBe('100ms x 299ms (y|)', {
        x: 'Octopuses have three',
        y: 'Octopuses have three hearts.',
      });
    });
  });
});

describe('a recorded session', () => {
  it('replays through the pipeline and gives the answer the assistant gave', () => {
    const scheduler = createTestScheduler();
    scheduler.run(({ expectObservable }) => {
      // This recording has no timestamps, so every event arrives at frame 0; a recording made
      // with recordWire keeps its spacing in virtual time.
      const events$ = readRecording(recording, { scheduler });
      expectObservable(events$.pipe(assistantCaptions())).toBe('(x|)', { x: octopusFact });
    });
  });
});

describe('askOnce over a mock WebSocket', () => {
  it('configures the session, asks only after session.updated, and captions the answer', () => {
    const mock = mockWebSocket();
    const socket = realtimeSocket({
      url: 'wss://example.test/v1/realtime',
      WebSocketCtor: mock.WebSocketCtor,
    });
    const captions: string[] = [];
    const subscription = askOnce(socket, 'Give me one fun fact about octopuses.').subscribe((c) =>
      captions.push(c),
    );
    const server = mock.last();

    // Nothing leaves before the connection opens; then the queued session.update goes first.
    expect(server.sent).toEqual([]);
    server.open();
    expect(server.sentEvents.map((e) => e.type)).toEqual(['session.update']);
    expect(server.sentEvents[0]).toMatchObject({ session: { output_modalities: ['text'] } });

    // The server confirms the settings (the recorded session.updated): now the question goes.
    const recorded = recording.split('\n').map((line) => JSON.parse(line || '{}') as object);
    server.triggerMessage(recorded[1]);
    expect(server.sentEvents.slice(1)).toMatchObject([
      {
        type: 'conversation.item.create',
        item: { role: 'user', content: [{ text: 'Give me one fun fact about octopuses.' }] },
      },
      { type: 'response.create' },
    ]);

    // The rest of the recorded server side streams the answer.
    recorded.slice(2).forEach((event) => server.triggerMessage(event));
    expect(captions).toEqual([octopusFact]);

    // Unsubscribing lets the socket go: it was the only listener, so the connection closes.
    subscription.unsubscribe();
    expect(server.closedWith).toEqual({ code: 1000, reason: 'OK' });
  });
});
