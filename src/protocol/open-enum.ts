import * as t from 'io-ts';
import { reportNotice } from './notices.js';

/**
 * Marks a string that is none of an enum's known values (the brand exists only in types).
 * Comparing with a known value narrows it away, so `if (status === 'completed')` narrows.
 *
 * @example
 * ```ts
 * import type { Open } from 'rx-realtime';
 * declare const status: Open<'completed' | 'failed'>;
 * const known = status === 'completed' || status === 'failed';
 * ```
 */
export interface UnknownValue {
  /** Type-only brand: never present at run time. */
  readonly __unknownEnumValue: true;
}

/**
 * A string enum the service may extend: one of the known values, or a newer string kept as
 * received (decoded with a notice). Narrows like the known union; a plain `string` is not
 * assignable to it, so code that builds events still uses known values.
 *
 * @example
 * ```ts
 * import type { Open } from 'rx-realtime';
 * type Status = Open<'completed' | 'failed'>;
 * const label = (s: Status): string => (s === 'completed' ? 'done' : s === 'failed' ? 'error' : `new: ${s}`);
 * ```
 */
export type Open<K extends string> = K | (string & UnknownValue);

/**
 * The codec of an enum field the service may extend (see {@link openEnum}). It carries the known
 * values so the strict client check can still refuse the others.
 */
export class OpenEnumType<K extends string> extends t.Type<Open<K>, string, unknown> {
  readonly _tag = 'OpenEnumType' as const;
  constructor(
    name: string,
    /** The values this version knows. */
    readonly known: ReadonlySet<string>,
  ) {
    super(
      name,
      // `is` answers "a known value": anything else takes `validate`, which reports it.
      (u): u is Open<K> => typeof u === 'string' && known.has(u),
      (u, c) => {
        if (typeof u !== 'string') return t.failure(u, c);
        if (!known.has(u)) reportNotice(c, 'unknown_value', u, [...known]);
        return t.success(u as Open<K>);
      },
      t.identity,
    );
  }
}

/**
 * An enum of server events that may grow: a known value decodes as itself, an unknown string
 * decodes too and is reported as a notice, anything else (a number, null) fails like `t.keyof`,
 * under the same name, so error messages read `expected "a" | "b"`.
 *
 * @example
 * ```ts
 * const Status = openEnum({ completed: null, failed: null });
 * Status.decode('paused'); // Right('paused'), with an 'unknown_value' notice
 * Status.decode(3); // Left
 * ```
 */
export function openEnum<K extends string>(
  keys: { readonly [key in K]: null },
  name = Object.keys(keys)
    .map((k) => JSON.stringify(k))
    .join(' | '),
): OpenEnumType<K> {
  return new OpenEnumType<K>(name, new Set(Object.keys(keys)));
}
