import type { DecodeError, Dialect } from '../../protocol/index.js';
import { recordedEvents } from '../../protocol/index.js';
import { sessionTimeline, type SessionTimelineOptions, type Timeline } from './model.js';

/**
 * Options of {@link recordingTimeline}.
 *
 * @example
 * ```ts
 * import type { RecordingTimelineOptions } from 'rx-realtime/node';
 * const options: RecordingTimelineOptions = { dialect: 'beta', onError: console.warn };
 * ```
 */
export interface RecordingTimelineOptions extends SessionTimelineOptions {
  /** Dialect of the recorded server frames; default `'ga'`. */
  readonly dialect?: Dialect;
  /** Told about each server line that cannot be decoded; without it, the first one throws. */
  readonly onError?: (error: DecodeError) => void;
}

/**
 * The {@link Timeline} of a JSONL recording's text, in any format `readRecording` reads (one
 * wire event per line, or `recordWire` lines with times and client frames): what
 * `npx rx-realtime timeline` draws. Pure: pass it the file's contents.
 *
 * @example
 * ```ts
 * import { readFileSync } from 'node:fs';
 * import { recordingTimeline, renderTimelineSvg } from 'rx-realtime/node';
 * const timeline = recordingTimeline(readFileSync('session.jsonl', 'utf8'), { dialect: 'ga' });
 * const svg = renderTimelineSvg(timeline);
 * ```
 */
export function recordingTimeline(text: string, options: RecordingTimelineOptions = {}): Timeline {
  const { dialect, onError, ...timelineOptions } = options;
  return sessionTimeline(recordedEvents(text, { dialect, onError }), timelineOptions);
}
