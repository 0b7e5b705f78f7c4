import * as t from 'io-ts';

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
  if (codec instanceof t.InterfaceType) {
    const prop = (codec.props as Record<string, t.Mixed>)[field];
    return prop instanceof t.LiteralType && typeof prop.value === 'string' ? prop.value : undefined;
  }
  return undefined;
}

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
  const plain = t.union(members, name);
  const byTag = new Map<string, number>();
  members.forEach((member, index) => {
    const type = literalOf(member, 'type');
    if (type === undefined) return;
    const role = literalOf(member, 'role');
    byTag.set(role === undefined ? type : `${type}/${role}`, index);
  });
  const lookup = (u: unknown): number | undefined => {
    if (typeof u !== 'object' || u === null) return undefined;
    const { type, role } = u as { type?: unknown; role?: unknown };
    if (typeof type !== 'string') return undefined;
    return typeof role === 'string'
      ? (byTag.get(`${type}/${role}`) ?? byTag.get(type))
      : byTag.get(type);
  };
  return new t.UnionType(
    name,
    (u): u is t.TypeOf<CS[number]> => {
      const index = lookup(u);
      return index === undefined ? plain.is(u) : members[index].is(u);
    },
    (u, c) => {
      const index = lookup(u);
      if (index === undefined) return plain.validate(u, c);
      const member = members[index];
      return member.validate(u, t.appendContext(c, String(index), member, u));
    },
    plain.encode,
    members,
  ) as t.UnionC<CS>;
}
