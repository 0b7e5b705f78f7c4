import fc from 'fast-check';
import * as t from 'io-ts';
import { OpenEnumType } from '../../src/protocol/open-enum.js';
import { OptionalType } from '../../src/protocol/optional.js';

/** Looks through the wrappers that validate with an inner codec. */
function unwrap(codec: t.Mixed): t.Mixed {
  if (codec instanceof t.ReadonlyType) return unwrap(codec.type as t.Mixed);
  if (codec instanceof OptionalType) return unwrap(codec.inner);
  return codec;
}

/** The smallest valid value of a codec: required fields only, first member of every union. */
export function minimalValue(codec: t.Mixed): unknown {
  const c = unwrap(codec);
  if (c instanceof t.LiteralType) return c.value;
  if (c instanceof t.KeyofType) return Object.keys(c.keys)[0];
  if (c instanceof OpenEnumType) return [...c.known][0];
  if (c instanceof t.StringType) return 'x';
  if (c instanceof t.NumberType) return 1;
  if (c instanceof t.BooleanType) return true;
  if (c instanceof t.NullType) return null;
  if (c instanceof t.UnknownType) return 'anything';
  if (c instanceof t.ObjectType) return {};
  if (c instanceof t.UnionType) return minimalValue(c.types[0] as t.Mixed);
  if (c instanceof t.ReadonlyArrayType || c instanceof t.ArrayType) return [];
  if (c instanceof t.DictionaryType) return {};
  if (c instanceof t.PartialType) return {};
  if (c instanceof t.InterfaceType) {
    const props = c.props as Record<string, t.Mixed>;
    return Object.fromEntries(Object.entries(props).map(([k, v]) => [k, minimalValue(v)]));
  }
  if (c instanceof t.IntersectionType) {
    return Object.assign({}, ...(c.types as t.Mixed[]).map((m) => minimalValue(m)));
  }
  throw new Error(`no minimal value for ${c.name}`);
}

/** The required field names of an object codec. */
export function requiredFields(codec: t.Mixed): string[] {
  const c = unwrap(codec);
  if (c instanceof t.InterfaceType) return Object.keys(c.props as object);
  if (c instanceof t.IntersectionType) return (c.types as t.Mixed[]).flatMap(requiredFields);
  return [];
}

const jsonNumber = fc.oneof(
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map((n) => (Object.is(n, -0) ? 0 : n)),
);

/** A fast-check arbitrary of valid values of a codec, optional fields included at random. */
export function arbitraryOf(codec: t.Mixed, depth = 0): fc.Arbitrary<unknown> {
  const c = unwrap(codec);
  if (c instanceof t.LiteralType) return fc.constant(c.value);
  if (c instanceof t.KeyofType) return fc.constantFrom(...Object.keys(c.keys));
  if (c instanceof OpenEnumType) return fc.constantFrom(...c.known);
  if (c instanceof t.StringType) return fc.string({ maxLength: 12 });
  if (c instanceof t.NumberType) return jsonNumber;
  if (c instanceof t.BooleanType) return fc.boolean();
  if (c instanceof t.NullType) return fc.constant(null);
  if (c instanceof t.UnknownType || c instanceof t.ObjectType) {
    return fc.dictionary(
      fc.string({ maxLength: 6 }),
      fc.oneof(fc.string({ maxLength: 6 }), fc.integer()),
      { maxKeys: 2 },
    );
  }
  if (c instanceof t.UnionType)
    return fc.oneof(...(c.types as t.Mixed[]).map((m) => arbitraryOf(m, depth)));
  if (c instanceof t.ReadonlyArrayType || c instanceof t.ArrayType) {
    return depth > 3
      ? fc.constant([])
      : fc.array(arbitraryOf(c.type as t.Mixed, depth + 1), { maxLength: 2 });
  }
  if (c instanceof t.DictionaryType) {
    return fc.dictionary(
      fc.string({ minLength: 1, maxLength: 6 }),
      arbitraryOf(c.codomain as t.Mixed, depth + 1),
      { maxKeys: 2 },
    );
  }
  if (c instanceof t.InterfaceType || c instanceof t.PartialType) {
    const props = c.props as Record<string, t.Mixed>;
    const model = Object.fromEntries(
      Object.entries(props).map(([k, v]) => [k, arbitraryOf(v, depth + 1)]),
    );
    // A `type`, even one the codecs mark optional, is what tells variants apart: always give it.
    const requiredKeys = 'type' in props ? ['type'] : [];
    return c instanceof t.InterfaceType ? fc.record(model) : fc.record(model, { requiredKeys });
  }
  if (c instanceof t.IntersectionType) {
    return fc
      .tuple(...(c.types as t.Mixed[]).map((m) => arbitraryOf(m, depth)))
      .map((parts) => Object.assign({}, ...(parts as object[])));
  }
  throw new Error(`no arbitrary for ${c.name}`);
}

/** The JSON paths at which `value` holds a string an open enum of `codec` checks. */
export function openEnumPaths(
  codec: t.Mixed,
  value: unknown,
  path = '',
): { path: string; codec: OpenEnumType<string> }[] {
  const c = unwrap(codec);
  if (c instanceof OpenEnumType) return typeof value === 'string' ? [{ path, codec: c }] : [];
  if (c instanceof t.UnionType) {
    const members = c.types as t.Mixed[];
    const member =
      members.find((m) => m.is(value)) ?? members.find((m) => m.decode(value)._tag === 'Right');
    return member ? openEnumPaths(member, value, path) : [];
  }
  if (c instanceof t.ReadonlyArrayType || c instanceof t.ArrayType) {
    return Array.isArray(value)
      ? value.flatMap((v, i) => openEnumPaths(c.type as t.Mixed, v, `${path}[${i}]`))
      : [];
  }
  if (c instanceof t.IntersectionType) {
    return (c.types as t.Mixed[]).flatMap((m) => openEnumPaths(m, value, path));
  }
  if (
    (c instanceof t.InterfaceType || c instanceof t.PartialType) &&
    value &&
    typeof value === 'object'
  ) {
    const record = value as Record<string, unknown>;
    return Object.entries(c.props as Record<string, t.Mixed>).flatMap(([k, v]) =>
      k in record ? openEnumPaths(v, record[k], `${path}.${k}`) : [],
    );
  }
  return [];
}

/** Every open enum codec reachable from `codec`. */
export function openEnumsOf(
  codec: t.Mixed,
  out = new Set<OpenEnumType<string>>(),
  seen = new Set<t.Mixed>(),
): Set<OpenEnumType<string>> {
  const c = unwrap(codec);
  if (seen.has(c)) return out;
  seen.add(c);
  if (c instanceof OpenEnumType) out.add(c);
  const children: t.Mixed[] =
    c instanceof t.UnionType || c instanceof t.IntersectionType
      ? (c.types as t.Mixed[])
      : c instanceof t.ReadonlyArrayType || c instanceof t.ArrayType
        ? [c.type as t.Mixed]
        : c instanceof t.DictionaryType
          ? [c.codomain as t.Mixed]
          : c instanceof t.InterfaceType || c instanceof t.PartialType
            ? Object.values(c.props as Record<string, t.Mixed>)
            : [];
  children.forEach((child) => openEnumsOf(child, out, seen));
  return out;
}
