/**
 * A server frame that could not be decoded: not JSON, not an event object, or a known
 * event type with the wrong shape. Carries the raw input so nothing is lost.
 *
 * @example
 * ```ts
 * import { decodeServerFrame } from 'rx-realtime';
 * const result = decodeServerFrame('{"type":"response.output_audio.delta"}');
 * if (result._tag === 'Left') console.log(result.left.message);
 * // response.output_audio.delta: at .content_index expected number, got undefined
 * ```
 */
export class DecodeError extends Error {
  /** Always `DecodeError`, so the error is recognisable after serialisation or across realms. */
  override readonly name = 'DecodeError';
  constructor(
    /** The event's `type` when it had one. */
    readonly eventType: string | undefined,
    /** JSON path of the first mismatch, such as `.item.content[0].type` (empty for the whole frame). */
    readonly path: string,
    /** What the codec expected there. */
    readonly expected: string,
    /** What was found there. */
    readonly actual: unknown,
    /** The frame text or value as received. */
    readonly raw: unknown,
    message?: string,
  ) {
    super(
      message ??
        `${eventType ?? 'server event'}: at ${path || '.'} expected ${expected}, got ${describeValue(actual)}`,
    );
  }
}

/**
 * A client event that was refused before it reached the wire: wrong shape, an unknown
 * field, or something the chosen dialect cannot express.
 *
 * @example
 * ```ts
 * import { encodeClientEvent } from 'rx-realtime';
 * const result = encodeClientEvent(
 *   { type: 'session.update', session: { type: 'realtime', truncation: 'auto' } },
 *   'beta',
 * );
 * if (result._tag === 'Left') console.log(result.left.message);
 * // session.update: at .session.truncation has no counterpart in the beta dialect
 * ```
 */
export class EncodeError extends Error {
  /** Always `EncodeError`, so the error is recognisable after serialisation or across realms. */
  override readonly name = 'EncodeError';
  constructor(
    /** The event's `type` when it had one. */
    readonly eventType: string | undefined,
    /** JSON path of the problem. */
    readonly path: string,
    /** What is wrong there, in words. */
    readonly reason: string,
    /** The event as given. */
    readonly event: unknown,
  ) {
    super(`${eventType ?? 'client event'}: at ${path || '.'} ${reason}`);
  }
}

/** A short, safe description of a value for error messages (never the whole audio payload). */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (value === null) return 'null';
  if (typeof value === 'string') {
    return value.length > 40
      ? `${JSON.stringify(value.slice(0, 40))}… (${value.length} chars)`
      : JSON.stringify(value);
  }
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `an array of ${value.length}`;
  return typeof value === 'object' ? 'an object' : typeof value;
}
