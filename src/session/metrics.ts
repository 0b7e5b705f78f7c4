import { asyncScheduler, defer, type Observable, type SchedulerLike } from 'rxjs';
import type { ResponseUsage } from '../operators/index.js';
import { emitEach } from '../operators/internal.js';
import type { ServerEvent, ServerEventOf } from '../protocol/index.js';

/**
 * Timing of one response, measured on the scheduler's clock from its `response.created`.
 *
 * @example
 * ```ts
 * import type { ResponseMetrics } from 'rx-realtime';
 * const line = (m: ResponseMetrics): string =>
 *   `${m.responseId}: first audio after ${m.timeToFirstAudioMs ?? '-'} ms, ${m.durationMs} ms in all`;
 * ```
 */
export interface ResponseMetrics {
  /** The response measured. */
  readonly responseId: string;
  /** Final status from `response.done` (`completed`, `cancelled`, `incomplete`, `failed`). */
  readonly status: ServerEventOf<'response.done'>['response']['status'];
  /** `response.created` to the first `response.output_audio.delta`; absent without audio. */
  readonly timeToFirstAudioMs?: number;
  /** `response.created` to the first `response.output_text.delta`; absent without text. */
  readonly timeToFirstTextMs?: number;
  /** `response.created` to `response.done`. */
  readonly durationMs: number;
  /** Token usage of `response.done`, when the server sent it. */
  readonly usage: ResponseUsage | undefined;
}

/**
 * Dependencies of {@link responseMetrics}.
 *
 * @example
 * ```ts
 * import { asyncScheduler } from 'rxjs';
 * import type { ResponseMetricsDeps } from 'rx-realtime';
 * const deps: ResponseMetricsDeps = { scheduler: asyncScheduler };
 * ```
 */
export interface ResponseMetricsDeps {
  /** The clock (`scheduler.now()`). Default `asyncScheduler`. */
  readonly scheduler?: SchedulerLike;
}

/** What an event that ends no measured response yields. */
const NONE: readonly ResponseMetrics[] = [];

interface Timing {
  readonly start: number;
  audio?: number;
  text?: number;
}

/**
 * One {@link ResponseMetrics} per `response.done` whose `response.created` was seen. Deltas are
 * matched to their response by `response_id`; audio transcript deltas do not count as text.
 *
 * @example
 * ```ts
 * import type { Observable } from 'rxjs';
 * import { responseMetrics, type ServerEvent } from 'rx-realtime';
 * declare const events$: Observable<ServerEvent>;
 * responseMetrics(events$, {}).subscribe((m) => console.log(m.responseId, m.durationMs));
 * ```
 */
export function responseMetrics(
  events$: Observable<ServerEvent>,
  deps: ResponseMetricsDeps = {},
): Observable<ResponseMetrics> {
  const scheduler = deps.scheduler ?? asyncScheduler;
  return defer(() => {
    const timings = new Map<string, Timing>();
    const mark = (id: string, field: 'audio' | 'text'): readonly ResponseMetrics[] => {
      const timing = timings.get(id);
      if (timing && timing[field] === undefined) timing[field] = scheduler.now() - timing.start;
      return NONE;
    };
    /** The metrics one event completes: those of the response it ends, if it was seen. */
    const measure = (event: ServerEvent): readonly ResponseMetrics[] => {
      switch (event.type) {
        case 'response.created':
          timings.set(event.response.id ?? '', { start: scheduler.now() });
          return NONE;
        case 'response.output_audio.delta':
          return mark(event.response_id, 'audio');
        case 'response.output_text.delta':
          return mark(event.response_id, 'text');
        case 'response.done': {
          const id = event.response.id ?? '';
          const timing = timings.get(id);
          if (!timing) return NONE;
          timings.delete(id);
          return [
            {
              responseId: id,
              status: event.response.status,
              ...(timing.audio === undefined ? {} : { timeToFirstAudioMs: timing.audio }),
              ...(timing.text === undefined ? {} : { timeToFirstTextMs: timing.text }),
              durationMs: scheduler.now() - timing.start,
              usage: event.response.usage ?? undefined,
            },
          ];
        }
        default:
          return NONE;
      }
    };
    // `emitEach` forwards an exception raised while measuring an event as the output's error.
    return events$.pipe(emitEach(measure));
  });
}
