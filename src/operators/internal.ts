/**
 * Helpers shared by the operators in this folder. Not exported from the package.
 * @internal
 */

import { filter, map, mergeAll, type OperatorFunction } from 'rxjs';

/**
 * Each value to the values `project` returns for it, in order, as `concatMap` over arrays
 * would, but with no inner subscription for a value that yields none: most events (every
 * audio delta) yield nothing, and subscribing to an empty array per event is the largest cost
 * of such an operator. `map` forwards an exception raised by `project` as the error.
 */
export const emitEach =
  <T, R>(project: (value: T) => readonly R[]): OperatorFunction<T, R> =>
  (source) =>
    source.pipe(
      map(project),
      filter((values) => values.length > 0),
      mergeAll(),
    );

/** Key of one content part, unique within a session. */
export const partKey = (itemId: string, contentIndex: number): string =>
  `${itemId}\u0000${contentIndex}`;
