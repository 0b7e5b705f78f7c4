import { filter, map, mergeMap, type Observable, type SchedulerLike } from 'rxjs';
import { interruptionCommands, type TruncateOnInterruptionOptions } from '../operators/index.js';
import { isEvent, type ClientEvent, type ServerEvent } from '../protocol/index.js';

/**
 * Dependencies of {@link interruption}: the options of `truncateOnInterruption`.
 *
 * @example
 * ```ts
 * import type { InterruptionDeps } from 'rx-realtime';
 * const deps: InterruptionDeps = { serverCancels: false, whenNothingHeard: 'delete' };
 * ```
 */
export type InterruptionDeps = TruncateOnInterruptionOptions & {
  /** Scheduler of the playback clock. Default `asyncScheduler`. */
  readonly scheduler?: SchedulerLike;
  /**
   * What carries the session (the socket's `transport`). On `webrtc` the service plays the
   * audio, cancels and truncates by itself on a barge-in, so nothing is sent: each
   * `conversation.item.truncated` the service sends unasked is reported. Default `websocket`.
   */
  readonly transport?: 'websocket' | 'webrtc';
};

/**
 * The user talked over the assistant: what was cut and the commands sent to fix the server's
 * view (`response.cancel`, `conversation.item.truncate` or `.delete`).
 *
 * @example
 * ```ts
 * import type { Interruption } from 'rx-realtime';
 * declare const interruption: Interruption;
 * console.log(interruption.itemId, interruption.commands.length);
 * ```
 */
export interface Interruption {
  /** The assistant item that was playing, when a command named it. */
  readonly itemId: string | undefined;
  /** The commands sent to fix the server's view, in the order they were sent. */
  readonly commands: readonly ClientEvent[];
  /** What the user heard of the item, when a truncation said so (`audio_end_ms`). */
  readonly audioEndMs?: number;
  /** Whether a `response.cancel` was sent (with `serverCancels: false`). */
  readonly cancelSent: boolean;
  /**
   * The item's transcript as far as it had arrived (the session fills it from the
   * conversation; the part after `audioEndMs` was not heard).
   */
  readonly transcript?: string;
  /**
   * Set when the session left out the truncation: `item_not_in_conversation` when the item
   * was deleted or belongs to a connection that was replaced.
   */
  readonly skipped?: 'item_not_in_conversation';
  /**
   * `server` on WebRTC: the service cut its playback (`output_audio_buffer.cleared`) and
   * truncated the item itself; `audioEndMs` is from its `conversation.item.truncated`.
   */
  readonly truncatedBy?: 'server';
}

const itemOf = (commands: readonly ClientEvent[]): string | undefined => {
  for (const c of commands) {
    if (c.type === 'conversation.item.truncate' || c.type === 'conversation.item.delete')
      return c.item_id;
  }
  return undefined;
};

/**
 * The event types {@link interruptions} reads: those of `truncateOnInterruption`, and the
 * service's own truncation on WebRTC (the session routes only these to it).
 */
export const interruptionEvents = [
  'conversation.item.truncated',
  'response.created',
  'response.done',
  'response.output_audio.delta',
  'response.output_audio.done',
  'input_audio_buffer.speech_started',
  'conversation.item.deleted',
  'local.connection_lost',
] as const;

/**
 * Emits an {@link Interruption} at the `input_audio_buffer.speech_started` that interrupted
 * playing assistant audio, i.e. the moment `truncateOnInterruption` decided something had to be
 * fixed. Speech while nothing plays (or after the audio played to its end) emits nothing; with
 * `whenNothingHeard: 'skip'` (the default), speech before a single millisecond was heard emits
 * nothing either.
 *
 * @example
 * ```ts
 * import type { Observable } from 'rxjs';
 * import { interruptions, type ServerEvent } from 'rx-realtime';
 * declare const events$: Observable<ServerEvent>;
 * interruptions(events$, {}).subscribe(() => console.log('stop the speaker'));
 * ```
 */
export function interruptions(
  events$: Observable<ServerEvent>,
  deps: InterruptionDeps,
): Observable<Interruption> {
  if (deps.transport === 'webrtc') return serverTruncations(events$);
  return events$.pipe(
    interruptionCommands(deps),
    map((commands): Interruption => {
      const truncate = commands.find((c) => c.type === 'conversation.item.truncate');
      return {
        itemId: itemOf(commands),
        commands,
        cancelSent: commands.some((c) => c.type === 'response.cancel'),
        ...(truncate?.type === 'conversation.item.truncate'
          ? { audioEndMs: truncate.audio_end_ms }
          : {}),
      };
    }),
  );
}

/** WebRTC: the library never truncates there, so every truncation is the service's own. */
function serverTruncations(events$: Observable<ServerEvent>): Observable<Interruption> {
  return events$.pipe(
    filter(isEvent('conversation.item.truncated')),
    map((event): Interruption => ({
      itemId: event.item_id,
      commands: [],
      audioEndMs: event.audio_end_ms,
      cancelSent: false,
      truncatedBy: 'server',
    })),
  );
}

/**
 * Session unit: the commands of {@link interruptions} (cancel + truncate when the user talks
 * over the assistant).
 *
 * @example
 * ```ts
 * import type { Observable } from 'rxjs';
 * import { interruption, type ServerEvent } from 'rx-realtime';
 * declare const events$: Observable<ServerEvent>;
 * interruption(events$, { serverCancels: false }).subscribe((e) => console.log(e.type));
 * ```
 */
export function interruption(
  events$: Observable<ServerEvent>,
  deps: InterruptionDeps,
): Observable<ClientEvent> {
  return interruptions(events$, deps).pipe(mergeMap((i) => i.commands));
}
