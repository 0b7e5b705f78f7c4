import type { ClientEvent } from '../../src/protocol/index.js';
import { interruption, interruptions } from '../../src/session/index.js';
import type { PlaybackPosition } from '../../src/operators/index.js';
import { testScheduler } from '../helpers/marbles.js';
import { itKeepsTheOperatorContract, unitOperator } from '../helpers/operator-contract.js';
import {
  audioDelta,
  created,
  done,
  messageAdded,
  ms,
  speechStarted,
  truncate,
} from '../operators/events.js';

/** An audio delta without its `delta`. */
const deltaWithoutAudio = {
  type: 'response.output_audio.delta',
  event_id: 'e',
  response_id: 'r1',
  item_id: 'i1',
  output_index: 0,
  content_index: 0,
};

describe('interruptions', () => {
  itKeepsTheOperatorContract({
    operator: unitOperator(interruptions, {}),
    quiet: speechStarted(),
    poison: deltaWithoutAudio,
  });

  it('a broken playback$ value is the error of the output, and both inputs are released', () => {
    testScheduler().run(({ hot, expectObservable, expectSubscriptions }) => {
      const events = hot('  -a----', { a: created('r1') });
      const playback$ = hot<PlaybackPosition>('--n---', {
        n: null as unknown as PlaybackPosition,
      });
      expectObservable(interruptions(events, { playback$ })).toBe(
        '--#',
        undefined,
        expect.any(TypeError),
      );
      expectSubscriptions(events.subscriptions).toBe('^-!');
      expectSubscriptions(playback$.subscriptions).toBe('^-!');
    });
  });

  it('emits one interruption per speech_started that cut playing audio', () => {
    testScheduler().run(({ hot, expectObservable }) => {
      const events = hot('(abc) 95ms s 9ms (de) 95ms s|', {
        a: created('r1'),
        b: messageAdded('r1', 'i1'),
        c: audioDelta('r1', 'i1', ms(4000)),
        s: speechStarted(),
        d: created('r2'),
        e: audioDelta('r2', 'i1', ms(4000)),
      });
      expectObservable(interruptions(events, {})).toBe('100ms a 108ms b|', {
        a: { itemId: 'i1', commands: [truncate(100)], audioEndMs: 100, cancelSent: false },
        b: { itemId: 'i1', commands: [truncate(99)], audioEndMs: 99, cancelSent: false },
      });
    });
  });
});

describe('interruption', () => {
  itKeepsTheOperatorContract({
    operator: unitOperator(interruption, {}),
    quiet: speechStarted(),
    poison: deltaWithoutAudio,
  });

  it('interrupted$ fires at once on speech_started while audio plays, with the commands', () => {
    testScheduler().run(({ hot, expectObservable, expectSubscriptions }) => {
      const events = hot('(abc) 1295ms s 9ms d 9ms s', {
        a: created('r1'),
        b: messageAdded('r1', 'i1'),
        c: audioDelta('r1', 'i1', ms(4000)),
        s: speechStarted(),
        d: done('r1', 'cancelled'),
      });
      const deps = { serverCancels: false };
      const cancel: ClientEvent = { type: 'response.cancel', response_id: 'r1' };
      expectObservable(interruptions(events, deps), '^ 1400ms !').toBe('1300ms i', {
        i: { itemId: 'i1', commands: [cancel, truncate(1300)], audioEndMs: 1300, cancelSent: true },
      });
      expectObservable(interruption(events, deps), '^ 1400ms !').toBe('1300ms (xy)', {
        x: cancel,
        y: truncate(1300),
      });
      expectSubscriptions(events.subscriptions).toBe(['^ 1400ms !', '^ 1400ms !']);
    });
  });

  it('speech while nothing plays is not an interruption', () => {
    testScheduler().run(({ hot, expectObservable }) => {
      const events = hot('-s--', { s: speechStarted() });
      expectObservable(interruptions(events, {})).toBe('----');
    });
  });
});

describe('interruptions on WebRTC', () => {
  const cleared = {
    type: 'output_audio_buffer.cleared',
    event_id: 'c',
    response_id: 'r1',
  } as const;
  const truncated = {
    type: 'conversation.item.truncated',
    event_id: 't',
    item_id: 'i1',
    content_index: 0,
    audio_end_ms: 640,
  } as const;

  it('sends no truncate or cancel, and reports the truncation the service made itself', () => {
    testScheduler().run(({ hot, expectObservable, expectSubscriptions }) => {
      const events = hot('  -a-b-(cd)-s-e-x-|', {
        a: created('r1'),
        b: messageAdded('r1', 'i1'),
        c: audioDelta('r1', 'i1', ms(200)),
        d: audioDelta('r1', 'i1', ms(200)),
        s: speechStarted(),
        e: cleared,
        x: truncated,
      });
      expectObservable(interruption(events, { transport: 'webrtc' })).toBe('----------------|');
      expectObservable(interruptions(events, { transport: 'webrtc' })).toBe('--------------x-|', {
        x: {
          itemId: 'i1',
          commands: [],
          audioEndMs: 640,
          cancelSent: false,
          truncatedBy: 'server',
        },
      });
      expectSubscriptions(events.subscriptions).toBe(['^---------------!', '^---------------!']);
    });
  });

  it('ends with the error of the event stream', () => {
    testScheduler().run(({ hot, expectObservable }) => {
      const events = hot('-x-#', { x: truncated });
      expectObservable(interruptions(events, { transport: 'webrtc' })).toBe('-x-#', {
        x: {
          itemId: 'i1',
          commands: [],
          audioEndMs: 640,
          cancelSent: false,
          truncatedBy: 'server',
        },
      });
    });
  });

  it('on WebSocket the same speech_started is answered with a truncate', () => {
    testScheduler().run(({ hot, expectObservable }) => {
      const events = hot('  -a-b-(cd)-s--|', {
        a: created('r1'),
        b: messageAdded('r1', 'i1'),
        c: audioDelta('r1', 'i1', ms(2000)),
        d: audioDelta('r1', 'i1', ms(2000)),
        s: speechStarted(),
      });
      expectObservable(interruption(events, { transport: 'websocket' })).toBe('----------t--|', {
        t: expect.objectContaining({ type: 'conversation.item.truncate', item_id: 'i1' }),
      });
    });
  });
});
