import * as t from 'io-ts';

/** The most useful mismatch of an io-ts failure: its data path, what was expected, what was found. */
export interface Mismatch {
  readonly path: string;
  readonly expected: string;
  readonly actual: unknown;
}

const STRUCTURAL = new Set(['UnionType', 'IntersectionType']);

interface Wrapped {
  readonly _tag?: string;
  readonly type?: t.Decoder<unknown, unknown>;
  readonly inner?: t.Decoder<unknown, unknown>;
}

/** The tag of a codec, looking through wrappers (readonly, optional) that validate with their inner codec. */
function tagOf(type: t.Decoder<unknown, unknown>): string | undefined {
  let codec = type as Wrapped;
  while (codec._tag === 'ReadonlyType' || codec._tag === 'OptionalType') {
    codec = (codec._tag === 'ReadonlyType' ? codec.type : codec.inner) as Wrapped;
  }
  return codec._tag;
}

/**
 * Turns the context of one io-ts error into a JSON path. Union and intersection members
 * add context entries of their own (keyed by member index); those are not data steps.
 */
export function pathOf(context: t.Context): string {
  let path = '';
  for (let i = 1; i < context.length; i++) {
    const parent = context[i - 1];
    if (STRUCTURAL.has(tagOf(parent.type) ?? '')) continue;
    const key = context[i].key;
    path += /^\d+$/.test(key) ? `[${key}]` : `.${key}`;
  }
  return path;
}

/** Where an error entered its first union member: errors sharing it came from the same guess. */
function memberKey(context: t.Context): string {
  for (let i = 1; i < context.length; i++) {
    if (tagOf(context[i - 1].type) === 'UnionType') {
      return context
        .slice(0, i + 1)
        .map((entry) => entry.key)
        .join('/');
    }
  }
  return '';
}

const depthOf = (path: string): number => path.split(/[.[]/).length;

/**
 * Picks the mismatch to report. When a union fails, every member reports errors; the member
 * the sender meant is the one whose shallowest failure is deepest (it matched the
 * discriminators and failed further in). Within it, the deepest error is the most precise.
 */
export function firstMismatch(errors: t.Errors): Mismatch {
  const groups = new Map<string, { error: t.ValidationError; path: string }[]>();
  for (const error of errors) {
    const key = memberKey(error.context);
    const group = groups.get(key) ?? [];
    group.push({ error, path: pathOf(error.context) });
    groups.set(key, group);
  }
  let best: { error: t.ValidationError; path: string } | undefined;
  let bestScore = -1;
  for (const group of groups.values()) {
    const score = Math.min(...group.map((g) => depthOf(g.path)));
    if (score <= bestScore) continue;
    bestScore = score;
    best = group.reduce((a, b) => (depthOf(b.path) > depthOf(a.path) ? b : a));
  }
  if (!best) return { path: '', expected: 'a valid value', actual: undefined };
  const last = best.error.context[best.error.context.length - 1];
  return { path: best.path, expected: last.type.name, actual: best.error.value };
}
