import type { SchedulerLike } from 'rxjs';
import { msToBytes } from '../../src/audio/formats.js';
import { playbackClock, type SpeakerEvent } from '../../src/operators/playbackClock.js';
import { testScheduler } from '../helpers/marbles.js';

const MS = 48; // pcm16 bytes per ms
const queued = (itemId: string, ms: number, at: number): SpeakerEvent => ({
  type: 'queued',
  itemId,
  byteLength: ms * MS,
  at,
});

describe('playbackClock', () => {
  /** The reports for 50 ms of item_1 queued at 0, ticking every 20 ms. */
  const fiftyMs = {
    p: { itemId: 'item_1', playedMs: 0 },
    q: { itemId: 'item_1', playedMs: 20 },
    r: { itemId: 'item_1', playedMs: 40 },
    s: { itemId: 'item_1', playedMs: 50 },
  };

  it('reports the position every tickMs while an item plays, and once at its end', () => {
    const ts = testScheduler();
    ts.run(({ cold, expectObservable, expectSubscriptions }) => {
      const speaker$ = cold('a', { a: queued('item_1', 50, 0) });
      expectObservable(playbackClock(speaker$, { scheduler: ts, tickMs: 20 })).toBe(
        'p 19ms q 19ms r 9ms s',
        fiftyMs,
      );
      expectSubscriptions(speaker$.subscriptions).toBe('^');
    });
  });

  it('reports the whole item at its end even when the timer fires a millisecond early', () => {
    // Node's timers can run while the clock still reads a millisecond before their due time:
    // this virtual clock runs every timer a millisecond early.
    const ts = testScheduler();
    type Work = Parameters<typeof ts.schedule<unknown>>[0];
    const early: SchedulerLike = {
      now: () => ts.now(),
      schedule: (work: Work, delay = 0, state?: unknown) =>
        ts.schedule(work, Math.max(0, delay - 1), state),
    };
    ts.run(({ cold, expectObservable }) => {
      const speaker$ = cold('a', { a: queued('item_1', 50, 0) });
      expectObservable(playbackClock(speaker$, { scheduler: early, tickMs: 20 })).toBe(
        'p 19ms q 19ms r 8ms s',
        fiftyMs,
      );
    });
  });

  it('reports every byte of an item of odd-sized chunks as played at its end', () => {
    const ts = testScheduler();
    const sizes = [2000, 1000, 6666, 2468, 4800, 998, 3002, 14];
    const total = sizes.reduce((sum, bytes) => sum + bytes, 0);
    const last: { playedMs: number }[] = [];
    ts.run(({ cold, flush }) => {
      const events = Object.fromEntries(
        sizes.map((byteLength, i) => [
          String.fromCharCode(97 + i),
          { type: 'queued', itemId: 'item_1', byteLength, at: i } as SpeakerEvent,
        ]),
      );
      playbackClock(cold('abcdefgh', events), { scheduler: ts }).subscribe((p) => last.push(p));
      flush();
    });
    expect(msToBytes(last.at(-1)!.playedMs, 'pcm16')).toBe(total);
  });

  it('plays an answer queued behind another only after the first ends', () => {
    const ts = testScheduler();
    ts.run(({ cold, expectObservable }) => {
      // Both handed over at once: item_2 starts at 40 ms, when item_1 has played out.
      const speaker$ = cold('(ab)', { a: queued('item_1', 40, 0), b: queued('item_2', 40, 0) });
      expectObservable(playbackClock(speaker$, { scheduler: ts, tickMs: 20 })).toBe(
        'p 19ms q 19ms r 19ms s 19ms t',
        {
          p: { itemId: 'item_1', playedMs: 0 },
          q: { itemId: 'item_1', playedMs: 20 },
          r: { itemId: 'item_2', playedMs: 0 },
          s: { itemId: 'item_2', playedMs: 20 },
          t: { itemId: 'item_2', playedMs: 40 },
        },
      );
    });
  });

  it('adds up the chunks of one item, with a gap when the speaker ran dry', () => {
    const ts = testScheduler();
    ts.run(({ cold, expectObservable }) => {
      const speaker$ = cold('a 39ms b', {
        a: queued('item_1', 20, 0),
        b: queued('item_1', 20, 40),
      });
      expectObservable(playbackClock(speaker$, { scheduler: ts, tickMs: 20 })).toBe(
        'p 19ms q 19ms - 19ms s',
        {
          p: { itemId: 'item_1', playedMs: 0 },
          q: { itemId: 'item_1', playedMs: 20 },
          s: { itemId: 'item_1', playedMs: 40 },
        },
      );
    });
  });

  it('stops where the speaker was cleared', () => {
    const ts = testScheduler();
    ts.run(({ cold, expectObservable }) => {
      const speaker$ = cold<SpeakerEvent>('a 29ms b', {
        a: queued('item_1', 100, 0),
        b: { type: 'cleared', at: 30 },
      });
      expectObservable(playbackClock(speaker$, { scheduler: ts, tickMs: 20 })).toBe(
        'p 19ms q 9ms r',
        {
          p: { itemId: 'item_1', playedMs: 0 },
          q: { itemId: 'item_1', playedMs: 20 },
          r: { itemId: 'item_1', playedMs: 30 },
        },
      );
    });
  });

  it('passes on an error of the speaker events', () => {
    const ts = testScheduler();
    ts.run(({ cold, expectObservable, expectSubscriptions }) => {
      const speaker$ = cold('a 9ms #', { a: queued('item_1', 100, 0) });
      expectObservable(playbackClock(speaker$, { scheduler: ts, tickMs: 20 })).toBe('p 9ms #', {
        p: { itemId: 'item_1', playedMs: 0 },
      });
      expectSubscriptions(speaker$.subscriptions).toBe('^ 9ms !');
    });
  });

  it('stops ticking when unsubscribed', () => {
    const ts = testScheduler();
    ts.run(({ cold, expectObservable, expectSubscriptions }) => {
      const speaker$ = cold('a', { a: queued('item_1', 100, 0) });
      expectObservable(playbackClock(speaker$, { scheduler: ts }), '^ 25ms !').toBe('p 19ms q', {
        p: { itemId: 'item_1', playedMs: 0 },
        q: { itemId: 'item_1', playedMs: 20 },
      });
      expectSubscriptions(speaker$.subscriptions).toBe('^ 25ms !');
    });
  });
});
