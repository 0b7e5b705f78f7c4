import {
  connect,
  distinctUntilChanged,
  filter,
  ignoreElements,
  map,
  merge,
  scan,
  shareReplay,
  startWith,
  switchMap,
  take,
  timer,
  type Observable,
  type OperatorFunction,
  type SchedulerLike,
} from 'rxjs';
import { isEvent, type ServerEvent } from '../protocol/index.js';

/**
 * Whether nothing is going on that a connection change would cut: `true` while no response is
 * in progress and the user is not speaking. Starts `true`; a lost connection makes it `true`.
 *
 * @example
 * ```ts
 * import type { Observable } from 'rxjs';
 * import { sessionIdle, type ServerEvent } from 'rx-realtime';
 * declare const events$: Observable<ServerEvent>;
 * events$.pipe(sessionIdle()).subscribe((idle) => console.log(idle ? 'idle' : 'busy'));
 * ```
 */
export function sessionIdle(): OperatorFunction<ServerEvent, boolean> {
  type Busy = { readonly responses: ReadonlySet<string>; readonly speaking: boolean };
  const step = (busy: Busy, e: ServerEvent): Busy => {
    switch (e.type) {
      case 'response.created':
        return { ...busy, responses: new Set(busy.responses).add(e.response.id ?? '') };
      case 'response.done': {
        const responses = new Set(busy.responses);
        responses.delete(e.response.id ?? '');
        return { ...busy, responses };
      }
      case 'input_audio_buffer.speech_started':
        return { ...busy, speaking: true };
      case 'input_audio_buffer.speech_stopped':
        return { ...busy, speaking: false };
      case 'local.connection_lost':
        return { responses: new Set(), speaking: false };
      default:
        return busy;
    }
  };
  return (events$) =>
    events$.pipe(
      scan(step, { responses: new Set<string>(), speaking: false }),
      map((busy) => busy.responses.size === 0 && !busy.speaking),
      startWith(true),
      distinctUntilChanged(),
    );
}

/**
 * Dependencies of {@link expiryRecycling}.
 *
 * @example
 * ```ts
 * import { asyncScheduler } from 'rxjs';
 * import type { ExpiryRecyclingDeps } from 'rx-realtime';
 * const deps: ExpiryRecyclingDeps = { recycleBeforeMs: 60_000, scheduler: asyncScheduler };
 * ```
 */
export interface ExpiryRecyclingDeps {
  /** How long before `expires_at` the session should be renewed. */
  readonly recycleBeforeMs: number;
  /** The clock `expires_at` is compared with, and the timer's scheduler. */
  readonly scheduler: SchedulerLike;
}

/** The event types {@link expiryRecycling} reads, {@link sessionIdle}'s among them. */
export const expiryEvents = [
  'session.created',
  'response.created',
  'response.done',
  'input_audio_buffer.speech_started',
  'input_audio_buffer.speech_stopped',
  'local.connection_lost',
] as const;

/**
 * Emits when the server session should be renewed: `recycleBeforeMs` before the `expires_at` of
 * each `session.created` (unix seconds, compared with `scheduler.now()`), at the first moment
 * from then on when the session is idle (see {@link sessionIdle}). A new `session.created`
 * starts over.
 *
 * @example
 * ```ts
 * import { asyncScheduler, type Observable } from 'rxjs';
 * import { expiryRecycling, type ServerEvent } from 'rx-realtime';
 * declare const events$: Observable<ServerEvent>;
 * expiryRecycling(events$, { recycleBeforeMs: 60_000, scheduler: asyncScheduler }).subscribe(() =>
 *   console.log('time to renew the session'),
 * );
 * ```
 */
export function expiryRecycling(
  events$: Observable<ServerEvent>,
  deps: ExpiryRecyclingDeps,
): Observable<void> {
  const { recycleBeforeMs, scheduler } = deps;
  return events$.pipe(
    connect((shared$) => {
      // Followed from the start, so the idleness is known when the time comes.
      const idle$ = shared$.pipe(sessionIdle(), shareReplay(1));
      const due$ = shared$.pipe(
        filter(isEvent('session.created')),
        map((e) => e.session.expires_at),
        filter((expiresAt): expiresAt is number => typeof expiresAt === 'number'),
        switchMap((expiresAt) =>
          timer(Math.max(0, expiresAt * 1000 - recycleBeforeMs - scheduler.now()), scheduler).pipe(
            // Not `first`: events that end before an idle moment end this quietly.
            switchMap(() =>
              idle$.pipe(
                filter((idle) => idle),
                take(1),
              ),
            ),
          ),
        ),
        map((): void => undefined),
      );
      return merge(idle$.pipe(ignoreElements()), due$);
    }),
  );
}
