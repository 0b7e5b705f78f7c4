import { emitEach } from '../../src/operators/internal.js';
import { testScheduler } from '../helpers/marbles.js';

describe('emitEach (internal)', () => {
  const twice = (n: number): readonly number[] => (n === 0 ? [] : [n, n * 10]);

  it('emits what each value yields, in order, nothing for an empty yield', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('a---b---c---|', { a: 1, b: 0, c: 2 });
      expectObservable(source.pipe(emitEach(twice))).toBe('(xy)----(zw)|', {
        x: 1,
        y: 10,
        z: 2,
        w: 20,
      });
      expectSubscriptions(source.subscriptions).toBe('^-----------!');
    });
  });

  it('forwards an exception of the projection, and the source error, as errors', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      const boom = (n: number): readonly number[] => {
        if (n === 2) throw new Error('boom');
        return [n];
      };
      expectObservable(cold('a---b---c|', { a: 1, b: 2, c: 3 }).pipe(emitEach(boom))).toBe(
        'a---#',
        { a: 1 },
        new Error('boom'),
      );
      expectObservable(cold('a---#', { a: 1 }).pipe(emitEach(twice))).toBe('(xy)#', {
        x: 1,
        y: 10,
      });
    });
  });
});
