import { TestScheduler } from 'rxjs/testing';

/** Compares what a marble test produced with what it expected; throws when they differ. */
export type AssertDeepEqual = (actual: unknown, expected: unknown) => void;

interface GlobalExpect {
  readonly expect?: (actual: unknown) => { toEqual(expected: unknown): void };
}

/**
 * A `TestScheduler` for marble tests of your own pipelines. Assertions use the test
 * framework's `expect(actual).toEqual(expected)` (jest, vitest, jasmine/Karma) when one is
 * installed globally; pass `assertDeepEqual` to use anything else.
 *
 * @example
 * ```ts
 * import { createTestScheduler } from 'rx-realtime/testing';
 * createTestScheduler().run(({ cold, expectObservable }) => {
 *   expectObservable(cold('a|')).toBe('a|');
 * });
 * ```
 */
export function createTestScheduler(assertDeepEqual?: AssertDeepEqual): TestScheduler {
  return new TestScheduler((actual, expected) => {
    if (assertDeepEqual) return assertDeepEqual(actual, expected);
    const expect = (globalThis as GlobalExpect).expect;
    if (!expect) {
      throw new Error(
        'createTestScheduler: no global expect() found; pass an assertDeepEqual function',
      );
    }
    expect(actual).toEqual(expected);
  });
}

/**
 * Builds a marble value map from events keyed by letter, e.g. for server events.
 *
 * @example
 * ```ts
 * const values = eventMarbles({ a: { type: 'response.created' } });
 * ```
 */
export function eventMarbles<T>(events: { readonly [letter: string]: T }): {
  readonly [letter: string]: T;
} {
  return events;
}
