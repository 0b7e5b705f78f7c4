/** A path into a JSON value: object keys and array indexes from the root. */
export type JsonPath = readonly (string | number)[];

/** Paths to every value inside a JSON value, the root (the empty path) included. */
export function jsonPaths(value: unknown, at: JsonPath = []): JsonPath[] {
  const here: JsonPath[] = [at];
  if (Array.isArray(value)) return here.concat(...value.map((v, i) => jsonPaths(v, [...at, i])));
  if (typeof value === 'object' && value !== null)
    return here.concat(...Object.entries(value).map(([k, v]) => jsonPaths(v, [...at, k])));
  return here;
}

/** A copy of a JSON value with the value at `path` replaced by `put(old)` (the root too). */
export function updateAt(value: unknown, path: JsonPath, put: (old: unknown) => unknown): unknown {
  if (path.length === 0) return put(value);
  const [step, ...rest] = path;
  const copy = (Array.isArray(value) ? [...value] : { ...(value as object) }) as Record<
    string | number,
    unknown
  >;
  copy[step] = updateAt(copy[step], rest, put);
  return copy;
}
