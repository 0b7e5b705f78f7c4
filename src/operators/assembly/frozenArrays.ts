/**
 * Copy-on-write helpers for the frozen arrays of a snapshot (`output`, `content`, `issues`).
 * An emitted snapshot is never mutated, so a change makes a new frozen array instead of
 * writing into the old one. These arrays are as long as a response has items or parts (or
 * issues), never as long as the number of deltas, so copying them keeps a delta O(1) in the
 * length of the stream. Not exported from the package.
 * @internal
 */

/** The shared frozen empty array every new response, item and issue list starts from. */
export const EMPTY: readonly never[] = Object.freeze([]);

/** Copy of `array` with `array[index] = value`; the arrays here are as long as a response has items or parts. */
// Copied element by element: V8's `slice()` of a frozen array takes a slow path, about ten times
// the cost of the loop, and a response rebuilds two such arrays on every delta.
export function replaceAt<T>(array: readonly T[], index: number, value: T): readonly T[] {
  const copy = new Array<T>(array.length);
  for (let i = 0; i < array.length; i += 1) copy[i] = i === index ? value : array[i]!;
  return Object.freeze(copy);
}

/** Frozen copy of `array` with `value` inserted before `array[index]`. */
export function insertAt<T>(array: readonly T[], index: number, value: T): readonly T[] {
  const copy = new Array<T>(array.length + 1);
  for (let i = 0; i < copy.length; i += 1)
    copy[i] = i < index ? array[i]! : i === index ? value : array[i - 1]!;
  return Object.freeze(copy);
}

/** Inserts keeping `list` sorted by `key` (items usually arrive in order: O(1) then). */
export function insertSorted<T>(list: T[], value: T, key: (v: T) => number): number {
  let i = list.length;
  while (i > 0 && key(list[i - 1]) > key(value)) i--;
  list.splice(i, 0, value);
  return i;
}
