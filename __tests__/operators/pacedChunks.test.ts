import type { SchedulerAction, SchedulerLike } from 'rxjs';
import { map } from 'rxjs';
import { pacedChunks } from '../../src/operators/pacedChunks.js';
import { testScheduler } from '../helpers/marbles.js';

const bytesOf = (length: number) => Uint8Array.from({ length }, (_, i) => i % 251);

/** A clock whose timers all fire `lateMs` after they are due, as busy real timers do. */
function late(scheduler: SchedulerLike, lateMs: number): SchedulerLike {
  return {
    now: () => scheduler.now(),
    schedule<T>(work: (this: SchedulerAction<T>, state?: T) => void, delay = 0, state?: T) {
      return scheduler.schedule(work, delay + lateMs, state);
    },
  };
}

describe('pacedChunks', () => {
  it('streams chunkMs of audio every chunkMs, the first at once, the last shorter', () => {
    testScheduler().run(({ expectObservable }) => {
      // 100 ms of pcm16 is 4800 bytes; 20 ms chunks are 960 bytes; 4900 leaves 100 over.
      const sizes$ = pacedChunks(bytesOf(4900), { chunkMs: 20 }).pipe(map((c) => c.byteLength));
      expectObservable(sizes$).toBe('a 19ms b 19ms c 19ms d 19ms e 19ms (f|)', {
        a: 960,
        b: 960,
        c: 960,
        d: 960,
        e: 960,
        f: 100,
      });
    });
  });

  it('keeps every byte, in order, as views of the input', () => {
    const input = bytesOf(1441); // three 10 ms chunks and an odd byte, which is not dropped
    testScheduler().run(({ expectObservable }) => {
      const chunks$ = pacedChunks(input, { chunkMs: 10 }).pipe(
        map((chunk) => (chunk.buffer === input.buffer ? [...chunk] : 'copied')),
      );
      expectObservable(chunks$).toBe('a 9ms b 9ms c 9ms (d|)', {
        a: [...input.subarray(0, 480)],
        b: [...input.subarray(480, 960)],
        c: [...input.subarray(960, 1440)],
        d: [...input.subarray(1440)],
      });
    });
  });

  it('does not drift when every timer fires late: each chunk is due at start + k * chunkMs', () => {
    const ts = testScheduler();
    ts.run(({ expectObservable }) => {
      // Every timer 5 ms late: an interval would deliver at 5, 30, 55, 80 (5 ms more each
      // time); paced chunks come at 5, 25, 45, 65, the lateness never adding up.
      const times$ = pacedChunks(bytesOf(3840), { chunkMs: 20, scheduler: late(ts, 5) }).pipe(
        map(() => ts.now()),
      );
      expectObservable(times$).toBe('5ms a 19ms b 19ms c 19ms (d|)', {
        a: 5,
        b: 25,
        c: 45,
        d: 65,
      });
    });
  });

  it('paces G.711 by its own byte rate', () => {
    testScheduler().run(({ expectObservable }) => {
      const sizes$ = pacedChunks(bytesOf(400), { chunkMs: 25, format: 'g711_ulaw' }).pipe(
        map((c) => c.byteLength),
      );
      expectObservable(sizes$).toBe('a 24ms (b|)', { a: 200, b: 200 });
    });
  });

  it('completes at once for no audio', () => {
    testScheduler().run(({ expectObservable }) => {
      expectObservable(pacedChunks(new Uint8Array(0))).toBe('|');
    });
  });

  it('errors for a chunk size that holds no sample', () => {
    testScheduler().run(({ expectObservable }) => {
      const error = new RangeError('pacedChunks: chunkMs must hold at least one sample, got 0');
      expectObservable(pacedChunks(bytesOf(10), { chunkMs: 0 })).toBe('#', undefined, error);
      expectObservable(pacedChunks(bytesOf(10), { chunkMs: Number.NaN })).toBe(
        '#',
        undefined,
        new RangeError('pacedChunks: chunkMs must hold at least one sample, got NaN'),
      );
    });
  });

  it('stops pacing when unsubscribed', () => {
    testScheduler().run(({ expectObservable }) => {
      const sizes$ = pacedChunks(bytesOf(4800), { chunkMs: 20 }).pipe(map((c) => c.byteLength));
      expectObservable(sizes$, '^ 30ms !').toBe('a 19ms b', { a: 960, b: 960 });
    });
  });
});
