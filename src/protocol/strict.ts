import * as t from 'io-ts';
import { OpenEnumType } from './open-enum.js';
import { OptionalType } from './optional.js';
import { own } from './own.js';
import { isOpenUnion } from './tagged-union.js';

/**
 * One way a client event breaks the strict rules: a field the catalogue does not know, `null`
 * where none is allowed, or a value (enum value, member `type`) the catalogue does not know.
 */
export interface StrictViolation {
  readonly path: string;
  readonly reason: string;
  readonly kind: 'unknown_field' | 'null' | 'unknown_value' | 'missing';
}

type Props = Record<string, t.Mixed>;

/** The fields an object codec declares (intersections and readonly wrappers merged). */
function propsOf(codec: t.Mixed): Props | undefined {
  if (codec instanceof t.ReadonlyType) return propsOf(codec.type);
  if (codec instanceof t.InterfaceType || codec instanceof t.PartialType)
    return codec.props as Props;
  if (codec instanceof t.IntersectionType) {
    const merged: Props = {};
    for (const member of codec.types as t.Mixed[]) {
      const props = propsOf(member);
      if (!props) return undefined;
      Object.assign(merged, props);
    }
    return merged;
  }
  return undefined;
}

/**
 * A content part without `type` passes the codecs (the SDK types mark it optional), but the
 * server cannot tell text from audio or an image: `content: [{}]` must not reach the wire.
 */
function untypedContentPart(part: unknown, path: string): StrictViolation[] {
  const isPart = /\.content\[\d+\]$/.test(path) && typeof part === 'object' && part !== null;
  return isPart && (part as { readonly type?: unknown }).type === undefined
    ? [{ path: `${path}.type`, reason: 'is required', kind: 'missing' }]
    : [];
}

/**
 * Checks a value that already passed `codec` against the rules io-ts does not enforce for
 * client events: no fields the protocol does not define (a misspelt field would otherwise be
 * sent and ignored), and no `null` in optional fields that are not nullable.
 */
export function strictViolations(codec: t.Mixed, value: unknown, path = ''): StrictViolation[] {
  if (codec instanceof OptionalType) {
    if (value === null)
      return [{ path, reason: 'must be left out rather than null', kind: 'null' }];
    return strictViolations(codec.inner, value, path);
  }
  // The decoder accepts newer enum values and member types; the encoder sends known ones only.
  if (codec instanceof OpenEnumType) {
    return typeof value === 'string' && !codec.known.has(value)
      ? [{ path, reason: `expected ${codec.name}`, kind: 'unknown_value' }]
      : [];
  }
  if (codec instanceof t.ReadonlyType) return strictViolations(codec.type, value, path);
  if (codec instanceof t.UnionType) {
    // A member that matches outright wins over an open union that would keep it as unknown.
    const members = codec.types as t.Mixed[];
    const member =
      members.find((m) => m.is(value)) ?? members.find((m) => m.decode(value)._tag === 'Right');
    if (member) return strictViolations(member, value, path);
    return isOpenUnion(codec) && value && typeof value === 'object'
      ? [
          {
            path: `${path}.type`,
            reason: `expected a known ${codec.name} type`,
            kind: 'unknown_value',
          },
        ]
      : [];
  }
  if (codec instanceof t.ReadonlyArrayType || codec instanceof t.ArrayType) {
    return Array.isArray(value)
      ? value.flatMap((v, i) => [
          ...untypedContentPart(v, `${path}[${i}]`),
          ...strictViolations(codec.type as t.Mixed, v, `${path}[${i}]`),
        ])
      : [];
  }
  if (codec instanceof t.DictionaryType) {
    return value && typeof value === 'object'
      ? Object.entries(value).flatMap(([k, v]) =>
          strictViolations(codec.codomain as t.Mixed, v, `${path}.${k}`),
        )
      : [];
  }
  const props = propsOf(codec);
  if (!props || !value || typeof value !== 'object') return [];
  const record = value as Record<string, unknown>;
  return Object.keys(record).flatMap((key) => {
    const field = own(props, key);
    if (!field) {
      return record[key] === undefined
        ? []
        : [
            {
              path: `${path}.${key}`,
              reason: 'is not a field of this event',
              kind: 'unknown_field',
            },
          ];
    }
    return strictViolations(field, record[key], `${path}.${key}`);
  });
}
