import type { OperatorFunction } from 'rxjs';
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
}

/**
 * The standard RxJS set every public operator passes: a source error propagates, an exception
 * raised while handling a value becomes the output's error, early unsubscription tears the
 * source down, and empty and never sources give empty and never outputs.
 */
export function itKeepsTheOperatorContract(contract: OperatorContract): void {
  const { operator, quiet, poison } = contract;

  describe('the standard operator contract', () => {
    it('propagates a source error', () => {
      testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
        const boom = new Error('source failed');
        const source = cold('-q-#', { q: quiet }, boom);
        const expected = '   ---#';
        const sourceSubs = ' ^--!';
        expectObservable(source.pipe(operator())).toBe(expected, undefined, boom);
        expectSubscriptions(source.subscriptions).toBe(sourceSubs);
      });
    });

    it('forwards an exception raised while handling a value as its error', () => {
      testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
        const source = cold('-q-p-q|', { q: quiet, p: poison as ServerEvent });
        const expected = '   ---#';
        const sourceSubs = ' ^--!';
        expectObservable(source.pipe(operator())).toBe(expected, undefined, expect.any(Error));
        expectSubscriptions(source.subscriptions).toBe(sourceSubs);
      });
    });

    it('unsubscribes from the source when unsubscribed early', () => {
      testScheduler().run(({ hot, expectObservable, expectSubscriptions }) => {
        const source = hot('-q-q-q-q|', { q: quiet });
        const unsub = '    ^--!';
        const expected = '  ----';
        const sourceSubs = '^--!';
        expectObservable(source.pipe(operator()), unsub).toBe(expected);
        expectSubscriptions(source.subscriptions).toBe(sourceSubs);
      });
    });

    it('completes at once on an empty source', () => {
      testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
        const source = cold<ServerEvent>('|');
        expectObservable(source.pipe(operator())).toBe('|');
        expectSubscriptions(source.subscriptions).toBe('(^!)');
      });
    });

    it('stays silent and subscribed on a never source', () => {
      testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
        const source = cold<ServerEvent>('-');
        expectObservable(source.pipe(operator())).toBe('-');
        expectSubscriptions(source.subscriptions).toBe('^');
      });
    });
  });
}
