import * as t from 'io-ts';
import { reportNotice } from './notices.js';
import { OptionalType } from './optional.js';

/**
 * A member of a known event (an item, content part, tool, format...) whose `type` this
 * version of rx-realtime does not know yet. It is kept, not dropped, and the rest of the event
 * decodes as usual; a `DecodeNotice` reports it.
 *
 * @example
 * ```ts
 * import { decodeServerEvent, isEvent } from 'rx-realtime';
 * const result = decodeServerEvent({
 *   type: 'conversation.item.done',
 *   event_id: 'e1',
 *   item: { type: 'hologram', id: 'item_1' },
 * });
 * // Right({ ..., item: { type: 'unknown', wireType: 'hologram', raw: { type: 'hologram', id: 'item_1' } } })
 * if (result._tag === 'Right' && isEvent(result.right, 'conversation.item.done')) {
 *   console.log(result.right.item.type === 'unknown' ? result.right.item.wireType : result.right.item.id);
 * }
 * ```
 */
export interface UnknownMember {
  /** Marks a member whose wire `type` the decoder does not know (kept rather than dropped). */
  readonly type: 'unknown';
  /** The `type` as it arrived on the wire. */
  readonly wireType: string;
  /** The member's `id` when it has one (items do), so conversation order survives it. */
  readonly id?: string;
  /** The member as received. */
  readonly raw: { readonly [field: string]: unknown };
}

/** The literal value a member codec requires for `field`, if it requires exactly one. */
function literalOf(codec: t.Mixed, field: string): string | undefined {
  if (codec instanceof t.ReadonlyType) return literalOf(codec.type as t.Mixed, field);
  if (codec instanceof t.IntersectionType) {
    for (const member of codec.types as t.Mixed[]) {
      const value = literalOf(member, field);
      if (value !== undefined) return value;
    }
    return undefined;
  }
  if (codec instanceof t.InterfaceType || codec instanceof t.PartialType) {
    // An optional tag (`type?: 'function'`) still names the member.
    const declared = (codec.props as Record<string, t.Mixed>)[field];
    const prop = declared instanceof OptionalType ? declared.inner : declared;
    return prop instanceof t.LiteralType && typeof prop.value === 'string' ? prop.value : undefined;
  }
  return undefined;
}

/** The codec {@link openTaggedUnion} builds: its members, or an {@link UnknownMember}. */
export type OpenTaggedUnionC<CS extends [t.Mixed, t.Mixed, ...t.Mixed[]]> = t.UnionType<
  CS,
  t.TypeOf<CS[number]> | UnknownMember,
  t.OutputOf<CS[number]>,
  unknown
>;

/**
 * A union of object codecs told apart by their `type` literal (and `role`, for messages),
 * checked by looking the member up instead of trying each one in turn. It is an ordinary
 * `t.UnionType`: when no member matches the tags, it validates as a plain union, so error
 * reports are the same.
 */
export function taggedUnion<CS extends [t.Mixed, t.Mixed, ...t.Mixed[]]>(
  members: CS,
  name: string,
): t.UnionC<CS> {
  return build(members, name, false) as t.UnionC<CS>;
}

/**
 * {@link taggedUnion} for the unions the service extends (items, tools): a value whose `type`
 * is a string no member has (or a message of an unknown role) decodes as an
 * {@link UnknownMember} and is reported as a notice; the strict client check still refuses it.
 */
export function openTaggedUnion<CS extends [t.Mixed, t.Mixed, ...t.Mixed[]]>(
  members: CS,
  name: string,
): OpenTaggedUnionC<CS> {
  const codec = build(members, name, true);
  openUnions.add(codec);
  return codec as OpenTaggedUnionC<CS>;
}

/** The codecs {@link openTaggedUnion} built, for the strict client check. */
const openUnions = new WeakSet<t.Mixed>();

/** Whether `codec` keeps members of unknown types (see {@link openTaggedUnion}). */
export const isOpenUnion = (codec: t.Mixed): boolean => openUnions.has(codec);

function build(members: [t.Mixed, t.Mixed, ...t.Mixed[]], name: string, open: boolean): t.Mixed {
  const plain = t.union(members, name);
  // Members by `type`, and messages by `type` then `role`: no key is built per lookup.
  const byType = new Map<string, number>();
  const byRole = new Map<string, Map<string, number>>();
  const knownTypes = new Set<string>();
  members.forEach((member, index) => {
    const type = literalOf(member, 'type');
    if (type === undefined) return;
    knownTypes.add(type);
    const role = literalOf(member, 'role');
    if (role === undefined) byType.set(type, index);
    else byRole.set(type, (byRole.get(type) ?? new Map<string, number>()).set(role, index));
  });
  const lookup = (u: unknown): number | undefined => {
    if (typeof u !== 'object' || u === null) return undefined;
    const { type, role } = u as { type?: unknown; role?: unknown };
    if (typeof type !== 'string') return undefined;
    const roles = typeof role === 'string' ? byRole.get(type) : undefined;
    return roles?.get(role as string) ?? byType.get(type);
  };
  return new t.UnionType(
    name,
    (u): u is unknown => {
      const index = lookup(u);
      return index === undefined ? plain.is(u) : members[index].is(u);
    },
    (u, c) => {
      const index = lookup(u);
      if (index === undefined) {
        const wireType = open ? unknownType(u) : undefined;
        if (wireType === undefined) return plain.validate(u, c);
        reportNotice(c, 'unknown_member', wireType, [...knownTypes]);
        return t.success(unknownMember(wireType, u as UnknownMember['raw']));
      }
      const member = members[index];
      return member.validate(u, t.appendContext(c, String(index), member, u));
    },
    plain.encode,
    members,
  );
}

/** The wire `type` of an object whose tags matched no member, if it has a string `type`. */
function unknownType(u: unknown): string | undefined {
  if (typeof u !== 'object' || u === null || Array.isArray(u)) return undefined;
  const { type } = u as { type?: unknown };
  return typeof type === 'string' ? type : undefined;
}

function unknownMember(wireType: string, raw: UnknownMember['raw']): UnknownMember {
  return typeof raw.id === 'string'
    ? { type: 'unknown', wireType, id: raw.id, raw }
    : { type: 'unknown', wireType, raw };
}
