import type { Observable, OperatorFunction } from 'rxjs';
import type { ServerEvent } from '../../src/protocol/index.js';
import { testScheduler } from './marbles.js';

/** What {@link itKeepsTheOperatorContract} needs to know about one operator. */
export interface OperatorContract {
  /** Builds a fresh instance of the operator. */
  readonly operator: () => OperatorFunction<ServerEvent, unknown>;
  /** An event the operator handles quietly (emits nothing for it). */
  readonly quiet: ServerEvent;
  /** A malformed event that makes the operator's handler throw. */
  readonly poison: unknown;
  /** What the output emits at subscription, before any event (a state stream's initial state). */
  readonly initial?: unknown;
}

/**
 * A session unit `(events$, deps) => Observable` as an operator factory, so units pass the same
 * contract as the operators.
 */
export const unitOperator =
  <D>(unit: (events$: Observable<ServerEvent>, deps: D) => Observable<unknown>, deps: D) =>
  (): OperatorFunction<ServerEvent, unknown> =>
  (events$) =>
    unit(events$, deps);

/**
 * The standard RxJS set every public operator passes: a source error propagates, an exception
 * raised while handling a value becomes the output's error, early unsubscription tears the
 * source down, and empty and never sources give empty and never outputs.
 */
export function itKeepsTheOperatorContract(contract: OperatorContract): void {
  const { operator, quiet, poison, initial } = contract;
  /** The expected marble with the initial value, when there is one, at frame 0. */
  const opening = (marble: string): string =>
    initial === undefined ? marble : marble === '|' ? '(i|)' : `i${marble.trimStart().slice(1)}`;
  const values = initial === undefined ? undefined : { i: initial };

  describe('the standard operator contract', () => {
    it('propagates a source error', () => {
      testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
        const boom = new Error('source failed');
        const source = cold('-q-#', { q: quiet }, boom);
        const expected = '   ---#';
        const sourceSubs = ' ^--!';
        expectObservable(source.pipe(operator())).toBe(opening(expected), values, boom);
        expectSubscriptions(source.subscriptions).toBe(sourceSubs);
      });
    });

    it('forwards an exception raised while handling a value as its error', () => {
      testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
        const source = cold('-q-p-q|', { q: quiet, p: poison as ServerEvent });
        const expected = '   ---#';
        const sourceSubs = ' ^--!';
        expectObservable(source.pipe(operator())).toBe(
          opening(expected),
          values,
          expect.any(Error),
        );
        expectSubscriptions(source.subscriptions).toBe(sourceSubs);
      });
    });

    it('unsubscribes from the source when unsubscribed early', () => {
      testScheduler().run(({ hot, expectObservable, expectSubscriptions }) => {
        const source = hot('-q-q-q-q|', { q: quiet });
        const unsub = '    ^--!';
        const expected = '  ----';
        const sourceSubs = '^--!';
        expectObservable(source.pipe(operator()), unsub).toBe(opening(expected), values);
        expectSubscriptions(source.subscriptions).toBe(sourceSubs);
      });
    });

    it('completes at once on an empty source', () => {
      testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
        const source = cold<ServerEvent>('|');
        expectObservable(source.pipe(operator())).toBe(opening('|'), values);
        expectSubscriptions(source.subscriptions).toBe('(^!)');
      });
    });

    it('stays silent and subscribed on a never source', () => {
      testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
        const source = cold<ServerEvent>('-');
        expectObservable(source.pipe(operator())).toBe(opening('-'), values);
        expectSubscriptions(source.subscriptions).toBe('^');
      });
    });
  });
}
