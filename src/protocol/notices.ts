import * as t from 'io-ts';
import { describeValue } from './errors.js';
import { pathOf } from './report.js';

/**
 * What a {@link DecodeNotice} is about: an enum value the catalogue does not list yet, or an
 * item or tool whose `type` it does not know.
 *
 * @example
 * ```ts
 * import type { DecodeNoticeKind } from 'rx-realtime';
 * const worthLogging: readonly DecodeNoticeKind[] = ['unknown_member'];
 * ```
 */
export type DecodeNoticeKind = 'unknown_value' | 'unknown_member';

/**
 * A server event decoded although part of it is newer than this version of rx-realtime: an
 * enum value it does not know (kept as the string received), or a member of an unknown
 * `type` inside a known event (kept as an {@link UnknownMember} with its raw value). The event
 * is delivered; the notice says what was not understood. The socket emits notices on `errors$`;
 * {@link decodeServerEvent} hands them to `onNotice`.
 *
 * @example
 * ```ts
 * import { decodeServerEvent, type DecodeNotice } from 'rx-realtime';
 * const notices: DecodeNotice[] = [];
 * decodeServerEvent(
 *   { type: 'rate_limits.updated', event_id: 'e1', rate_limits: [{ name: 'audio_seconds', limit: 1 }] },
 *   { onNotice: (notice) => notices.push(notice) },
 * );
 * console.log(notices[0].message);
 * // rate_limits.updated: at .rate_limits[0].name unknown value "audio_seconds" (known: "requests", "tokens"), kept as received
 * ```
 */
export class DecodeNotice extends Error {
  /** Always `DecodeNotice`, so the value is recognisable after serialisation or across realms. */
  override readonly name = 'DecodeNotice';
  constructor(
    /** The `type` of the event, as on the wire. */
    readonly eventType: string,
    /** JSON path of the value, such as `.response.output[1]`. */
    readonly path: string,
    /** What was not understood. */
    readonly kind: DecodeNoticeKind,
    /** The unknown enum value, or the unknown member's `type`. */
    readonly value: string,
    /** The values (or member types) this version knows there. */
    readonly known: readonly string[],
  ) {
    super(
      `${eventType}: at ${path || '.'} ${kind === 'unknown_value' ? 'unknown value' : 'unknown member of type'} ${describeValue(value)} (known: ${known.map((k) => JSON.stringify(k)).join(', ')}), kept as received`,
    );
  }
}

/** A notice before the event it belongs to is known. */
export type PendingNotice = Pick<DecodeNotice, 'path' | 'kind' | 'value' | 'known'>;

/** Collectors of the decodes in progress; codecs report into the innermost one. */
const sinks: PendingNotice[][] = [];

/** Called by lenient codecs while they validate. Outside {@link collectNotices} it does nothing. */
export function reportNotice(
  context: t.Context,
  kind: DecodeNoticeKind,
  value: string,
  known: readonly string[],
): void {
  const sink = sinks[sinks.length - 1];
  if (sink) sink.push({ path: pathOf(context), kind, value, known });
}

/** Runs a decode and returns what its codecs reported, each once. */
export function collectNotices<T>(run: () => T): {
  readonly result: T;
  readonly notices: readonly PendingNotice[];
} {
  const sink: PendingNotice[] = [];
  sinks.push(sink);
  try {
    const result = run();
    if (sink.length < 2) return { result, notices: sink };
    const seen = new Set<string>();
    const notices = sink.filter((n) => {
      const key = `${n.path}\u0000${n.value}`;
      return seen.has(key) ? false : (seen.add(key), true);
    });
    return { result, notices };
  } finally {
    sinks.pop();
  }
}
