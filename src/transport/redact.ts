const SECRET_PARAMS = /([?&](?:api-key|api_key|key|token|access_token|authorization)=)[^&#]*/gi;

/** What replaces a secret in logs, errors and `wire$`. *
 * @example
 * ```ts
 * import { REDACTED, redactSecrets } from 'rx-realtime';
 * redactSecrets('sk-123456', ['sk-123456']) === REDACTED; // true
 * ```
 */
export const REDACTED = '[REDACTED]';

/**
 * Replaces the values of query parameters that carry credentials (`api-key`, `key`, `token`,
 * `access_token`, `authorization`) with `[REDACTED]`.
 *
 * @example
 * ```ts
 * import { redactUrl } from 'rx-realtime';
 * redactUrl('wss://r.openai.azure.com/openai/realtime?api-version=2024-10-01-preview&api-key=abc');
 * // 'wss://r.openai.azure.com/openai/realtime?api-version=2024-10-01-preview&api-key=[REDACTED]'
 * ```
 */
export function redactUrl(url: string): string {
  return url.replace(SECRET_PARAMS, `$1${REDACTED}`);
}

const SUBPROTOCOL_KEY = /(openai-insecure-api-key\.)[^\s,"']+/g;

/** Secrets shorter than this are not redacted: they would mangle ordinary text. */
const MIN_SECRET_LENGTH = 4;

/**
 * Replaces every occurrence of the given secrets with `[REDACTED]`, and the
 * `openai-insecure-api-key.<key>` subprotocol form of any key, in a text or in every string
 * inside a value: the fields (and field names) of plain objects and arrays, and the `message`, `stack`, `cause`
 * and other own fields of errors, at any depth (cycles are fine). Objects that hold no secret
 * come back as they are; the others are copied (errors keep their class, frozen objects stay
 * frozen) and never mutated. Other objects (typed arrays, maps, class instances that are not
 * errors) are returned as they are.
 *
 * @example
 * ```ts
 * import { redactSecrets } from 'rx-realtime';
 * redactSecrets('Bearer sk-123', ['sk-123']); // 'Bearer [REDACTED]'
 * const error = redactSecrets(new Error('bad key sk-123', { cause: { key: 'sk-123' } }), ['sk-123']);
 * error.message; // 'bad key [REDACTED]'
 * ```
 */
export function redactSecrets<T>(value: T, secrets: readonly string[]): T {
  const usable = secrets.filter((secret) => secret.length >= MIN_SECRET_LENGTH);
  return redactValue(value, usable, new Map()) as T;
}

/**
 * Whether a JSON text may hold a secret in one of the strings it parses to: it mentions one
 * of them, the subprotocol form, or has an escape sequence (which could spell one). A cheap
 * test to skip {@link redactSecrets} on the frames that cannot need it.
 */
export function mayHoldSecret(text: string, secrets: readonly string[]): boolean {
  return (
    text.includes('\\') ||
    text.includes('openai-insecure-api-key.') ||
    secrets.some((secret) => secret.length >= MIN_SECRET_LENGTH && text.includes(secret))
  );
}

function redactText(text: string, secrets: readonly string[]): string {
  let out = text.replace(SUBPROTOCOL_KEY, `$1${REDACTED}`);
  for (const secret of secrets) if (out.includes(secret)) out = out.split(secret).join(REDACTED);
  return out;
}

/** Plain objects, arrays and errors are walked; everything else is kept as it is. */
function isWalked(value: object): boolean {
  if (Array.isArray(value) || value instanceof Error) return true;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function redactValue(
  value: unknown,
  secrets: readonly string[],
  seen: Map<object, unknown>,
): unknown {
  if (typeof value === 'string') return redactText(value, secrets);
  if (typeof value !== 'object' || value === null || !isWalked(value)) return value;
  const known = seen.get(value);
  if (known !== undefined) return known;
  const proto = Object.getPrototypeOf(value) as object | null;
  const copy: object = Array.isArray(value) ? [] : (Object.create(proto) as object);
  seen.set(value, copy); // a cycle back to `value` points at the copy
  let changed = false;
  for (const key of Reflect.ownKeys(value)) {
    const descriptor = Object.getOwnPropertyDescriptor(value, key);
    if (!descriptor) continue;
    // An accessor (V8's `stack` on some versions) is read once and kept as data.
    const original: unknown =
      'value' in descriptor ? descriptor.value : (value as Record<PropertyKey, unknown>)[key];
    const redacted = redactValue(original, secrets, seen);
    const name = typeof key === 'string' ? redactText(key, secrets) : key;
    if (redacted !== original || name !== key) changed = true;
    Object.defineProperty(copy, name, {
      value: redacted,
      enumerable: descriptor.enumerable ?? false,
      writable: descriptor.writable ?? true,
      configurable: descriptor.configurable ?? true,
    });
  }
  if (!changed) {
    seen.set(value, value);
    return value;
  }
  return Object.isFrozen(value) ? Object.freeze(copy) : copy;
}
