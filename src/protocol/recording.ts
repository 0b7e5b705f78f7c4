import { either } from 'fp-ts';
import type { Dialect, ServerEvent } from './canonical.js';
import { DecodeError } from './errors.js';
import { createServerEventDecoder, type ServerEventDecoder } from './stream-decoder.js';

/**
 * Reading JSONL recordings of a session, one wire event per line: plain events, events with a
 * `_t` time, or `{ "t": ms, "dir": "in" | "out", "event": {...} }` lines as `recordWire`
 * writes them. A recording may also hold what the app's speaker played, a line kind of this
 * library, not of the wire: `{ "t": ms, "dir": "playback", "event": { "itemId", "playedMs" } }`
 * (`recordPlayback` writes them). Pure, so the CLI and the testing kit both build on it.
 */

/**
 * How far the app's speaker had played an assistant item at a recorded time.
 *
 * @example
 * ```ts
 * import type { PlaybackMark } from 'rx-realtime/node';
 * const mark: PlaybackMark = { itemId: 'item_1', playedMs: 1200 };
 * ```
 */
export interface PlaybackMark {
  /** The assistant item being heard. */
  readonly itemId: string;
  /** Ms of its audio played by then. */
  readonly playedMs: number;
}

const isPlaybackMark = (value: unknown): value is PlaybackMark =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as Record<string, unknown>).itemId === 'string' &&
  typeof (value as Record<string, unknown>).playedMs === 'number';

/** One non-empty line of a JSONL recording, parsed but not yet decoded. */
export interface RecordingLine {
  /** 1-based line number in the file, for error messages. */
  readonly number: number;
  /** Recorded time in ms (`t` or `_t`), when the line has one. */
  readonly t: number | undefined;
  /**
   * `'out'` for a client frame of a `recordWire` line, `'playback'` for a playback mark;
   * plain lines count as `'in'`.
   */
  readonly dir: 'in' | 'out' | 'playback';
  /** The wire event: parsed JSON, or the raw text when the line is not JSON. */
  readonly event: unknown;
}

function parseLine(text: string, number: number): RecordingLine {
  let json: Record<string, unknown>;
  try {
    json = JSON.parse(text) as Record<string, unknown>;
  } catch {
    return { number, t: undefined, dir: 'in', event: text };
  }
  if (typeof json !== 'object' || json === null)
    return { number, t: undefined, dir: 'in', event: json };
  const t = typeof json.t === 'number' ? json.t : undefined;
  if ('event' in json && (json.dir === 'out' || json.dir === 'playback'))
    return { number, t, dir: json.dir, event: json.event };
  if ('event' in json && typeof json.event === 'object')
    return { number, t, dir: 'in', event: json.event };
  const { _t, ...event } = json;
  return { number, t: typeof _t === 'number' ? _t : undefined, dir: 'in', event };
}

/**
 * The non-empty lines of a JSONL recording in any of the formats {@link readRecording}
 * reads, client frames included, each with its line number and recorded time.
 *
 * @example
 * ```ts
 * import { parseRecording } from './recording.js';
 * parseRecording('{"t":5,"dir":"out","event":{"type":"response.cancel"}}\n');
 * // [{ number: 1, t: 5, dir: 'out', event: { type: 'response.cancel' } }]
 * ```
 */
export function parseRecording(text: string): RecordingLine[] {
  return text
    .split('\n')
    .map((l, i) => ({ l, i }))
    .filter(({ l }) => l.trim() !== '')
    .map(({ l, i }) => parseLine(l, i + 1));
}

/**
 * Decodes a server line to canonical events; a failure's message names the line.
 *
 * @example
 * ```ts
 * const [line] = parseRecording('{"type":"input_audio_buffer.cleared","event_id":"e"}');
 * decodeRecordingLine(createServerEventDecoder('ga'), line); // Right([...])
 * ```
 */
export function decodeRecordingLine(
  decoder: ServerEventDecoder,
  line: RecordingLine,
): either.Either<DecodeError, readonly ServerEvent[]> {
  const decoded =
    typeof line.event === 'string'
      ? decoder.decodeFrame(line.event)
      : decoder.decodeEvent(line.event);
  return either.mapLeft(
    (e: DecodeError) =>
      new DecodeError(
        e.eventType,
        e.path,
        e.expected,
        e.actual,
        e.raw,
        `line ${line.number}: ${e.message}`,
      ),
  )(decoded);
}

/** Options of {@link recordedEvents}. */
export interface RecordedEventsOptions {
  /** Dialect of the recorded frames; default `'ga'`. */
  readonly dialect?: Dialect;
  /** Told about each server line that does not decode; without it, the error is thrown. */
  readonly onError?: (error: DecodeError) => void;
}

/**
 * One event of a recording: a server event decoded to the canonical vocabulary, a client
 * frame (`"dir": "out"`) as recorded, undecoded, or a playback mark.
 */
export type RecordedEvent =
  | { readonly t?: number; readonly dir: 'in'; readonly event: ServerEvent }
  | { readonly t?: number; readonly dir: 'out'; readonly event: unknown }
  | { readonly t?: number; readonly dir: 'playback'; readonly event: PlaybackMark };

/** A playback line whose event is not a {@link PlaybackMark}. */
function badMark(line: RecordingLine): DecodeError {
  const message = `line ${line.number}: a playback mark needs a string itemId and a number playedMs`;
  return new DecodeError('playback', '', 'PlaybackMark', line.event, line.event, message);
}

/**
 * Every event of a JSONL recording at once, in file order, with its recorded time and
 * direction: what {@link readRecording} replays, plus the client frames it skips. A server line
 * that does not decode goes to `onError`; without it, its `DecodeError` is thrown.
 *
 * @example
 * ```ts
 * import { recordedEvents } from './recording.js';
 * const events = recordedEvents(text, { dialect: 'ga' });
 * events.filter((e) => e.dir === 'out').length; // client frames
 * ```
 */
export function recordedEvents(text: string, options: RecordedEventsOptions = {}): RecordedEvent[] {
  const decoder = createServerEventDecoder(options.dialect ?? 'ga');
  const events: RecordedEvent[] = [];
  for (const line of parseRecording(text)) {
    const t = line.t === undefined ? {} : { t: line.t };
    if (line.dir === 'out') {
      events.push({ ...t, dir: 'out', event: line.event });
      continue;
    }
    if (line.dir === 'playback') {
      if (isPlaybackMark(line.event)) events.push({ ...t, dir: 'playback', event: line.event });
      else if (options.onError) options.onError(badMark(line));
      else throw badMark(line);
      continue;
    }
    const decoded = decodeRecordingLine(decoder, line);
    if (decoded._tag === 'Right')
      decoded.right.forEach((event) => events.push({ ...t, dir: 'in', event }));
    else if (options.onError) options.onError(decoded.left);
    else throw decoded.left;
  }
  return events;
}
