import { truncateOnInterruption, type PlaybackPosition } from '../../src/operators/index.js';
import { testScheduler } from '../helpers/marbles.js';
import { itKeepsTheOperatorContract } from '../helpers/operator-contract.js';
import {
  audioDelta,
  audioDone,
  created,
  done,
  messageAdded,
  ms,
  silence,
  speechStarted,
  truncate,
} from './events.js';

describe('truncateOnInterruption', () => {
  itKeepsTheOperatorContract({
    operator: () => truncateOnInterruption(),
    quiet: speechStarted(),
    // an audio delta without `delta`
    poison: {
      type: 'response.output_audio.delta',
      event_id: 'e',
      response_id: 'r1',
      item_id: 'i1',
      output_index: 0,
      content_index: 0,
    },
  });

  it('propagates a playback$ error and unsubscribes from both', () => {
    testScheduler().run(({ cold, hot, expectObservable, expectSubscriptions }) => {
      const boom = new Error('player gone');
      const source = cold(' -a----', { a: created('r1') });
      const playback$ = hot<PlaybackPosition>('---#', undefined, boom);
      const expected = '     ---#';
      const subs = '       ^--!';
      expectObservable(source.pipe(truncateOnInterruption({ playback$ }))).toBe(
        expected,
        undefined,
        boom,
      );
      expectSubscriptions(source.subscriptions).toBe(subs);
      expectSubscriptions(playback$.subscriptions).toBe(subs);
    });
  });

  it('forwards an exception raised while reading a playback position as its error', () => {
    testScheduler().run(({ cold, hot, expectObservable, expectSubscriptions }) => {
      const source = cold(' -a----', { a: created('r1') });
      const playback$ = hot('--p', { p: null as unknown as PlaybackPosition });
      const expected = '     --#';
      const subs = '       ^-!';
      expectObservable(source.pipe(truncateOnInterruption({ playback$ }))).toBe(
        expected,
        undefined,
        expect.any(TypeError),
      );
      expectSubscriptions(source.subscriptions).toBe(subs);
      expectSubscriptions(playback$.subscriptions).toBe(subs);
    });
  });

  it('truncates at what was heard: speech 1.3 s into a 4 s item gives 1300 ms', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('(ab) 1296ms s 9ms |', {
        a: created('r1'),
        b: audioDelta('r1', 'i1', ms(4000)),
        s: speechStarted(),
      });
      const expected = '   1300ms t 9ms |';
      expectObservable(source.pipe(truncateOnInterruption({}))).toBe(expected, {
        t: truncate(1300),
      });
      const sourceSubs = ' ^ 1309ms !';
      expectSubscriptions(source.subscriptions).toBe(sourceSubs);
    });
  });

  it('prefers the playback$ position over the estimate, floored to an integer', () => {
    testScheduler().run(({ cold, hot, expectObservable, expectSubscriptions }) => {
      const source = cold('  (ab) 1296ms s 9ms |', {
        a: created('r1'),
        b: audioDelta('r1', 'i1', ms(4000)),
        s: speechStarted(),
      });
      const playback$ = hot('-- 799ms p', { p: { itemId: 'i1', playedMs: 800.9 } });
      const expected = '     1300ms t 9ms |';
      expectObservable(source.pipe(truncateOnInterruption({ playback$ }))).toBe(expected, {
        t: truncate(800),
      });
      const sourceSubs = '   ^ 1309ms !';
      expectSubscriptions(source.subscriptions).toBe(sourceSubs);
      const playbackSubs = ' ^ 1309ms !';
      expectSubscriptions(playback$.subscriptions).toBe(playbackSubs);
    });
  });

  it('clamps to the audio received so far', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      const source = cold('(ab) 1296ms (s|)', {
        a: created('r1'),
        b: audioDelta('r1', 'i1', ms(1000)),
        s: speechStarted(),
      });
      const expected = '   1300ms (t|)';
      expectObservable(source.pipe(truncateOnInterruption({}))).toBe(expected, {
        t: truncate(1000),
      });
    });
  });

  it('clamps G.711 audio at 8 bytes per millisecond', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      const source = cold('(ab) 1296ms (s|)', {
        a: created('r1'),
        b: audioDelta('r1', 'i1', silence(8 * 500)),
        s: speechStarted(),
      });
      const expected = '   1300ms (t|)';
      expectObservable(source.pipe(truncateOnInterruption({ audioFormat: 'g711_ulaw' }))).toBe(
        expected,
        {
          t: truncate(500),
        },
      );
    });
  });

  it('does not truncate an item that played to its end', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      const source = cold('(abcd) 1294ms (s|)', {
        a: created('r1'),
        b: audioDelta('r1', 'i1', ms(1000)),
        c: audioDone('r1', 'i1'),
        d: done('r1'),
        s: speechStarted(),
      });
      const expected = '   1300ms |';
      expectObservable(source.pipe(truncateOnInterruption({}))).toBe(expected);
    });
  });

  it('cancels first when the server does not cancel by itself and the response is active', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      const source = cold('(ab) 1296ms (s|)', {
        a: created('r1'),
        b: audioDelta('r1', 'i1', ms(4000)),
        s: speechStarted(),
      });
      const expected = '   1300ms (ct|)';
      expectObservable(source.pipe(truncateOnInterruption({ serverCancels: false }))).toBe(
        expected,
        {
          c: { type: 'response.cancel', response_id: 'r1' },
          t: truncate(1300),
        },
      );
    });
  });

  it('sends no cancel for a response that is already done', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      const source = cold('(abd) 1295ms (s|)', {
        a: created('r1'),
        b: audioDelta('r1', 'i1', ms(4000)),
        d: done('r1', 'completed'),
        s: speechStarted(),
      });
      const expected = '   1300ms (t|)';
      expectObservable(source.pipe(truncateOnInterruption({ serverCancels: false }))).toBe(
        expected,
        {
          t: truncate(1300),
        },
      );
    });
  });

  it('skips, or deletes, an item nobody heard', () => {
    testScheduler().run(({ cold, hot, expectObservable }) => {
      const events = {
        a: created('r1'),
        m: messageAdded('r1', 'i1'),
        b: audioDelta('r1', 'i1', ms(4000)),
        s: speechStarted(),
      };
      const playback$ = hot<PlaybackPosition>('-');
      const skip = cold('(amb) 95ms (s|)', events);
      const del = cold(' (amb) 95ms (s|)', events);
      const expected = ' 100ms |';
      expectObservable(skip.pipe(truncateOnInterruption({ playback$ }))).toBe(expected);
      const expected2 = '100ms (x|)';
      expectObservable(
        del.pipe(truncateOnInterruption({ playback$, whenNothingHeard: 'delete' })),
      ).toBe(expected2, {
        x: { type: 'conversation.item.delete', item_id: 'i1' },
      });
    });
  });

  it('truncates once per interruption', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      const source = cold('(ab) 96ms s 99ms (s|)', {
        a: created('r1'),
        b: audioDelta('r1', 'i1', ms(4000)),
        s: speechStarted(),
      });
      const expected = '   100ms t 99ms |';
      expectObservable(source.pipe(truncateOnInterruption({}))).toBe(expected, {
        t: truncate(100),
      });
    });
  });

  it('unsubscribes from the source and playback$ together', () => {
    testScheduler().run(({ hot, expectObservable, expectSubscriptions }) => {
      const source = hot('   -a-b-----s', {
        a: created('r1'),
        b: audioDelta('r1', 'i1', ms(4000)),
        s: speechStarted(),
      });
      const playback$ = hot('---p------', { p: { itemId: 'i1', playedMs: 2 } });
      const unsub = '        -----!';
      const expected = '     ----------';
      expectObservable(source.pipe(truncateOnInterruption({ playback$ })), unsub).toBe(expected);
      const sourceSubs = '   ^----!';
      expectSubscriptions(source.subscriptions).toBe(sourceSubs);
      const playbackSubs = '  ^----!';
      expectSubscriptions(playback$.subscriptions).toBe(playbackSubs);
    });
  });
});
