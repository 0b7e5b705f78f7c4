import { either } from 'fp-ts';
import { Observable, map, type SchedulerLike } from 'rxjs';
import { redactSecrets, type WireFrame } from '../transport/index.js';
import {
  createServerEventDecoder,
  DecodeError,
  type Dialect,
  type ServerEvent,
  type ServerEventDecoder,
} from '../protocol/index.js';

/** Options of {@link readRecording}. */
export interface ReadRecordingOptions {
  /** Dialect of the recorded frames; default `'ga'`. */
  readonly dialect?: Dialect;
  /** Replays with the recorded timing on this scheduler; without it, everything at once. */
  readonly scheduler?: SchedulerLike;
  /**
   * Told about each line that cannot be decoded (its message names the line), and the replay
   * goes on. Without it, the first such line ends the replay with that `DecodeError`, so a
   * damaged recording is never replayed with events silently missing.
   */
  readonly onError?: (error: DecodeError) => void;
}

/** One non-empty line of a JSONL recording, parsed but not yet decoded. */
export interface RecordingLine {
  /** 1-based line number in the file, for error messages. */
  readonly number: number;
  /** Recorded time in ms (`t` or `_t`), when the line has one. */
  readonly t: number | undefined;
  /** `'out'` for a client frame of a {@link recordWire} line; plain lines count as `'in'`. */
  readonly dir: 'in' | 'out';
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
  if ('event' in json && json.dir === 'out') return { number, t, dir: 'out', event: json.event };
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

/** Decodes a server line to canonical events; a failure's message names the line. */
function decodeLine(
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

/**
 * One event of a recording: a server event decoded to the canonical vocabulary, or a client
 * frame (`"dir": "out"`) as recorded, undecoded.
 */
export type RecordedEvent =
  | { readonly t?: number; readonly dir: 'in'; readonly event: ServerEvent }
  | { readonly t?: number; readonly dir: 'out'; readonly event: unknown };

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
export function recordedEvents(
  text: string,
  options: Pick<ReadRecordingOptions, 'dialect' | 'onError'> = {},
): RecordedEvent[] {
  const decoder = createServerEventDecoder(options.dialect ?? 'ga');
  const events: RecordedEvent[] = [];
  for (const line of parseRecording(text)) {
    const t = line.t === undefined ? {} : { t: line.t };
    if (line.dir === 'out') {
      events.push({ ...t, dir: 'out', event: line.event });
      continue;
    }
    const decoded = decodeLine(decoder, line);
    if (decoded._tag === 'Right')
      decoded.right.forEach((event) => events.push({ ...t, dir: 'in', event }));
    else if (options.onError) options.onError(decoded.left);
    else throw decoded.left;
  }
  return events;
}

/**
 * Replays a JSONL recording (one wire event per line, plain or `{ "t": ms, "event": {...} }`,
 * or an event carrying `_t`, as {@link recordWire} writes them) as canonical server events.
 * Client frames (`"dir": "out"`) are skipped; a line that does not decode goes to `onError`.
 *
 * @example
 * ```ts
 * import { readRecording } from 'rx-realtime/testing';
 * readRecording('{"type":"session.created",...}\n').subscribe(console.log);
 * ```
 */
export function readRecording(
  text: string,
  options: ReadRecordingOptions = {},
): Observable<ServerEvent> {
  return new Observable<ServerEvent>((subscriber) => {
    const decoder = createServerEventDecoder(options.dialect ?? 'ga');
    const lines = parseRecording(text).filter((l) => l.dir === 'in');
    const first = lines.find((l) => l.t !== undefined)?.t ?? 0;
    const scheduler = options.scheduler;
    let index = 0;
    const emitLine = (line: RecordingLine) => {
      if (subscriber.closed) return;
      const decoded = decodeLine(decoder, line);
      if (decoded._tag === 'Right') return decoded.right.forEach((e) => subscriber.next(e));
      if (options.onError) options.onError(decoded.left);
      else subscriber.error(decoded.left);
    };
    if (!scheduler) {
      for (const line of lines) emitLine(line);
      subscriber.complete();
      return undefined;
    }
    const start = scheduler.now();
    const step = (): void => {
      while (index < lines.length && !subscriber.closed) {
        const due = (lines[index].t ?? first) - first;
        const wait = due - (scheduler.now() - start);
        if (wait > 0) {
          subscriber.add(scheduler.schedule(step, wait));
          return;
        }
        emitLine(lines[index++]);
      }
      subscriber.complete();
    };
    subscriber.add(scheduler.schedule(step, 0));
    return undefined;
  });
}

/**
 * Options of {@link recordWire}.
 *
 * @example
 * ```ts
 * import { recordWire, type RecordWireOptions } from 'rx-realtime/testing';
 * const options: RecordWireOptions = { secrets: ['sk-my-key'] };
 * recordWire(frames$, options).subscribe((line) => file.write(line + '\n'));
 * ```
 */
export interface RecordWireOptions {
  /**
   * Secrets to replace with `[REDACTED]` in every line, at any depth (see `redactSecrets`).
   * A socket's own `wire$` is redacted already; this is for frames from elsewhere.
   */
  readonly secrets?: readonly string[];
}

/**
 * Turns a transport's `wire$` into JSONL lines `{"t":ms,"dir":"in","event":{...}}`, the format
 * {@link readRecording} reads (it replays the `in` frames you filter for).
 *
 * @example
 * ```ts
 * import { recordWire } from 'rx-realtime/testing';
 * recordWire(socket.wire$).subscribe((line) => file.write(line + '\n'));
 * ```
 */
export function recordWire(
  wire$: Observable<WireFrame>,
  options: RecordWireOptions = {},
): Observable<string> {
  const secrets = options.secrets ?? [];
  return wire$.pipe(
    map((frame) => {
      let event: unknown;
      try {
        event = JSON.parse(frame.text);
      } catch {
        event = frame.text;
      }
      // Redacted after parsing, so a secret spelt with JSON escapes is caught too.
      return JSON.stringify({
        t: frame.time,
        dir: frame.direction,
        event: redactSecrets(event, secrets),
      });
    }),
  );
}
