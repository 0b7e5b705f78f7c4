import { Observable, asapScheduler, map, type SchedulerLike } from 'rxjs';
import { createServerEventDecoder, type Dialect, type ServerEvent } from '../protocol/index.js';

/** Options of {@link readRecording}. */
export interface ReadRecordingOptions {
  /** Dialect of the recorded frames; default `'ga'`. */
  readonly dialect?: Dialect;
  /** Replays with the recorded timing on this scheduler; without it, everything at once. */
  readonly scheduler?: SchedulerLike;
}

interface Line {
  readonly t: number | undefined;
  readonly event: unknown;
}

function parseLine(text: string): Line {
  const json = JSON.parse(text) as Record<string, unknown>;
  if ('event' in json && typeof json.event === 'object')
    return { t: typeof json.t === 'number' ? json.t : undefined, event: json.event };
  const { _t, ...event } = json;
  return { t: typeof _t === 'number' ? _t : undefined, event };
}

/**
 * Replays a JSONL recording (one wire event per line, plain or `{ "t": ms, "event": {...} }`,
 * or an event carrying `_t`) as canonical server events. Lines that do not decode are skipped.
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
    const lines = text
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map(parseLine);
    const first = lines.find((l) => l.t !== undefined)?.t ?? 0;
    const scheduler = options.scheduler;
    let index = 0;
    const emitLine = (line: Line) => {
      const decoded = decoder.decodeEvent(line.event);
      if (decoded._tag === 'Right') decoded.right.forEach((e) => subscriber.next(e));
    };
    if (!scheduler) {
      lines.forEach(emitLine);
      subscriber.complete();
      return undefined;
    }
    const start = scheduler.now();
    const step = (): void => {
      while (index < lines.length) {
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

/** One frame as the transport's `wire$` reports it. */
export interface WireFrame {
  readonly direction: 'in' | 'out';
  readonly text: string;
  readonly time: number;
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
export function recordWire(wire$: Observable<WireFrame>): Observable<string> {
  return wire$.pipe(
    map((frame) => {
      let event: unknown;
      try {
        event = JSON.parse(frame.text);
      } catch {
        event = frame.text;
      }
      return JSON.stringify({ t: frame.time, dir: frame.direction, event });
    }),
  );
}

/** @internal keeps asapScheduler referenced for bundlers that tree-shake type-only imports. */
export const defaultReplayScheduler: SchedulerLike = asapScheduler;
