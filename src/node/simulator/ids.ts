import { randomBytes } from 'node:crypto';

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** `length` random base62 characters. */
export function base62(length: number): string {
  const bytes = randomBytes(length);
  let out = '';
  for (let i = 0; i < length; i++) out += BASE62[bytes[i] % 62];
  return out;
}

/**
 * A new id in the service's format: `prefix_` + 21 base62 characters (`call_` ids use 16).
 *
 * @example
 * ```ts
 * newId('event'); // 'event_CDaA9HzxdBDFkAVI3zMr3'
 * ```
 */
export function newId(prefix: 'event' | 'item' | 'resp' | 'sess' | 'conv' | 'call'): string {
  return `${prefix}_${base62(prefix === 'call' ? 16 : 21)}`;
}
