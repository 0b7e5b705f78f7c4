import * as t from 'io-ts';

/** The codec of an optional field; see {@link optional}. */
export class OptionalType<C extends t.Mixed> extends t.Type<t.TypeOf<C>, t.OutputOf<C>, unknown> {
  readonly _tag = 'OptionalType' as const;
  constructor(readonly inner: C) {
    super(
      inner.name,
      (u): u is t.TypeOf<C> => u === undefined || inner.is(u),
      (u, c) => (u === null ? t.success(undefined) : inner.validate(u, c)),
      (a) => inner.encode(a),
    );
  }
}

/**
 * An optional field as the service really sends it: it leaves unset fields out, or sends
 * them as `null` even where its own type declarations say "optional, not nullable".
 * A wire `null` reads as "absent", so the decoded type stays the declared one.
 * (Client events are checked strictly on top of this: see `strictViolations`.)
 *
 * @example
 * ```ts
 * import * as t from 'io-ts';
 * const Part = t.partial({ transcript: optional(t.string) });
 * Part.decode({ transcript: null }); // Right({ transcript: undefined })
 * ```
 */
export function optional<C extends t.Mixed>(codec: C): OptionalType<C> {
  return new OptionalType(codec);
}
