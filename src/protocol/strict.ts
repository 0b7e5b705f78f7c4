import * as t from 'io-ts';
import { OptionalType } from './optional.js';
import { own } from './own.js';

/** One way a client event breaks the strict rules: an unknown field, or `null` where none is allowed. */
export interface StrictViolation {
  readonly path: string;
  readonly reason: string;
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
    ? [{ path: `${path}.type`, reason: 'is required' }]
    : [];
}

/**
 * Checks a value that already passed `codec` against the rules io-ts does not enforce for
 * client events: no fields the protocol does not define (a misspelt field would otherwise be
 * sent and ignored), and no `null` in optional fields that are not nullable.
 */
export function strictViolations(codec: t.Mixed, value: unknown, path = ''): StrictViolation[] {
  if (codec instanceof OptionalType) {
    if (value === null) return [{ path, reason: 'must be left out rather than null' }];
    return strictViolations(codec.inner, value, path);
  }
  if (codec instanceof t.ReadonlyType) return strictViolations(codec.type, value, path);
  if (codec instanceof t.UnionType) {
    const member = (codec.types as t.Mixed[]).find(
      (m) => m.is(value) || m.decode(value)._tag === 'Right',
    );
    return member ? strictViolations(member, value, path) : [];
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
        : [{ path: `${path}.${key}`, reason: 'is not a field of this event' }];
    }
    return strictViolations(field, record[key], `${path}.${key}`);
  });
}
