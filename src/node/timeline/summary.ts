import type { Timeline } from './model.js';

const count = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

/**
 * A one-line account of a {@link Timeline}: user turns, assistant audio items with their total
 * audio length, truncations (one per item and `audio_end_ms`, however many sides reported it)
 * and the clock, as `npx rx-realtime timeline` prints it.
 *
 * @example
 * ```ts
 * import { sessionTimeline, timelineSummary } from 'rx-realtime/node';
 * timelineSummary(sessionTimeline(events));
 * // '1 user turn, 2 assistant audio items (0.7 s), 1 truncation, synthetic clock'
 * ```
 */
export function timelineSummary(timeline: Timeline): string {
  const audioMs = timeline.lanes.assistant.reduce((sum, item) => sum + item.audioMs, 0);
  const truncations = timeline.markers.filter((m) => m.kind === 'truncation').length;
  return [
    count(timeline.lanes.user.length, 'user turn'),
    `${count(timeline.lanes.assistant.length, 'assistant audio item')} (${(audioMs / 1000).toFixed(1)} s)`,
    count(truncations, 'truncation'),
    `${timeline.clock} clock`,
  ].join(', ');
}
