import { asyncScheduler, Observable, map, type SchedulerLike } from 'rxjs';
import type { PlaybackPosition } from '../operators/index.js';
import { redactSecrets, type WireFrame } from '../transport/index.js';
import {
  createServerEventDecoder,
  decodeRecordingLine,
  parseRecording,
  type DecodeError,
  type Dialect,
  type RecordingLine,
  type ServerEvent,
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
      const decoded = decodeRecordingLine(decoder, line);
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

/**
 * Turns a player's `playback$` into JSONL playback marks
 * `{"t":ms,"dir":"playback","event":{"itemId","playedMs"}}`, stamped with `scheduler.now()`
 * (use the socket's scheduler, so they share the clock of {@link recordWire}'s lines). Merged
 * into a recording, they tell the timeline what was heard when; `readRecording` skips them.
 *
 * @example
 * ```ts
 * import { merge } from 'rxjs';
 * import { recordPlayback, recordWire } from 'rx-realtime/testing';
 * merge(recordWire(socket.wire$), recordPlayback(player.playback$)).subscribe((line) => lines.push(line));
 * ```
 */
export function recordPlayback(
  playback$: Observable<PlaybackPosition>,
  scheduler: SchedulerLike = asyncScheduler,
): Observable<string> {
  return playback$.pipe(
    map(({ itemId, playedMs }) =>
      JSON.stringify({ t: scheduler.now(), dir: 'playback', event: { itemId, playedMs } }),
    ),
  );
}
