/**
 * Guards against data that names `Object.prototype` members. A lookup table indexed with a
 * wire `type` such as `toString` or `constructor` would find the inherited member, and an
 * object copied by assignment (`Object.assign`, `target[key] = value`, as io-ts does when it
 * normalises a value) takes a `"__proto__"` field as its prototype.
 */

/** What `table` holds under `key` itself; never a member it inherits. */
export function own<V>(table: { readonly [key: string]: V }, key: string): V | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}

/**
 * `own` for a table looked up on every frame: its own entries in a `Map`. A key parsed from a
 * frame is a fresh string, which a large object must intern before the lookup; a `Map` only
 * hashes it, several times faster. Most frames repeat the previous frame's type (a stream of
 * audio deltas), so the last key and its value are kept: comparing the fresh string with the
 * last key is cheaper than hashing it.
 *
 * @example
 * ```ts
 * const codecOf = ownLookup({ 'response.done': 1 });
 * codecOf('response.done'); // 1
 * codecOf('toString'); // undefined
 * ```
 */
export function ownLookup<V>(table: { readonly [key: string]: V }): (key: string) => V | undefined {
  const entries = new Map(Object.entries(table));
  let lastKey: string | undefined;
  let lastValue: V | undefined;
  return (key) => {
    if (key === lastKey) return lastValue;
    lastValue = entries.get(key);
    lastKey = key;
    return lastValue;
  };
}

/** Sets `out[key]` as an own data field, even when `key` is `__proto__`. */
export function setField(out: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__')
    Object.defineProperty(out, key, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  else out[key] = value;
}

/**
 * The JSON value without its `"__proto__"` fields, at any depth (the same value when it has
 * none). Applied before io-ts decodes a server event, since io-ts copies an object by
 * assignment when it normalises a field; such a field is never part of the protocol.
 */
export function withoutProtoFields(value: unknown): unknown {
  return hasProtoField(value) ? copyWithoutProto(value) : value;
}

function hasProtoField(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  if (Array.isArray(value)) return value.some(hasProtoField);
  if (Object.hasOwn(value, '__proto__')) return true;
  for (const key in value) {
    const field: unknown = (value as Record<string, unknown>)[key];
    if (typeof field === 'object' && field !== null && hasProtoField(field)) return true;
  }
  return false;
}

function copyWithoutProto(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map(copyWithoutProto);
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value))
    if (key !== '__proto__') out[key] = copyWithoutProto(field);
  return out;
}
