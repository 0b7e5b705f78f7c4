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

/**
 * What {@link toMarbles} returns: a diagram and the values its letters stand for.
 *
 * @example
 * ```ts
 * import { toMarbles, type Marbles } from 'rx-realtime/testing';
 * const m: Marbles<number> = toMarbles([1, 2]); // { marbles: 'ab|', values: { a: 1, b: 2 } }
 * ```
 */
export interface Marbles<T> {
  /** One letter per value, one frame each, then `|` (unless `complete` was false). */
  readonly marbles: string;
  /** The value each letter of `marbles` stands for. */
  readonly values: { readonly [letter: string]: T };
}

// Letters only: digits would read as time ("10ms") and the other ASCII signs mean something.
const LETTERS = [
  ...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ',
  ...Array.from({ length: 0x3c9 - 0x3b1 + 1 }, (_, i) => String.fromCharCode(0x3b1 + i)),
  ...Array.from({ length: 0x44f - 0x430 + 1 }, (_, i) => String.fromCharCode(0x430 + i)),
];

/**
 * A marble diagram with one frame per value, in order, and its value map, for
 * `cold(marbles, values)`: the way to feed a built response tree to a pipeline under test.
 * Throws a `RangeError` beyond the letters it has (111 values).
 *
 * @example
 * ```ts
 * import { createTestScheduler, serverEvents, toMarbles } from 'rx-realtime/testing';
 * const { marbles, values } = toMarbles(serverEvents.textResponse({ text: 'Hi.' }));
 * createTestScheduler().run(({ cold }) => {
 *   const events$ = cold(marbles, values);
 * });
 * ```
 */
export function toMarbles<T>(
  items: readonly T[],
  options: { readonly complete?: boolean } = {},
): Marbles<T> {
  if (items.length > LETTERS.length)
    throw new RangeError(`toMarbles: ${items.length} values, at most ${LETTERS.length}`);
  const letters = LETTERS.slice(0, items.length);
  return {
    marbles: letters.join('') + (options.complete === false ? '' : '|'),
    values: Object.fromEntries(letters.map((letter, i) => [letter, items[i]])),
  };
}
