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
 * none). Applied to server events before they are decoded, so no copy made on the way can
 * pick one up as a prototype; such a field is never part of the protocol.
 */
export function withoutProtoFields(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) {
    let out: unknown[] | undefined;
    value.forEach((item: unknown, i) => {
      const clean = withoutProtoFields(item);
      if (clean !== item) (out ??= [...value])[i] = clean;
    });
    return out ?? value;
  }
  const record = value as Record<string, unknown>;
  let out: Record<string, unknown> | undefined = Object.hasOwn(record, '__proto__')
    ? {}
    : undefined;
  for (const key of Object.keys(record)) {
    if (key === '__proto__') continue;
    const item = record[key];
    const clean = withoutProtoFields(item);
    if (clean !== item || out) (out ??= copyUpTo(record, key))[key] = clean;
  }
  return out ?? value;
}

/** The fields of `record` before `stop`, in order, without `__proto__`. */
function copyUpTo(record: Record<string, unknown>, stop: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(record)) {
    if (key === stop) break;
    if (key !== '__proto__') out[key] = record[key];
  }
  return out;
}
