import {
  asyncScheduler,
  filter,
  ignoreElements,
  map,
  mergeAll,
  Observable,
  tap,
  type OperatorFunction,
  type SchedulerLike,
} from 'rxjs';
import { base64ByteLength, bytesToMs, type AudioFormat } from '../audio/index.js';
import type { ClientEvent, ServerEvent } from '../protocol/index.js';

/**
 * How far the app's player got into one assistant item.
 *
 * @example
 * ```ts
 * import type { PlaybackPosition } from 'rx-realtime';
 * const position: PlaybackPosition = { itemId: 'item_1', playedMs: 1300 };
 * ```
 */
export interface PlaybackPosition {
  /** The assistant item whose audio is playing. */
  readonly itemId: string;
  /** Milliseconds of that item's audio played so far. */
  readonly playedMs: number;
}

/**
 * Options of {@link truncateOnInterruption}.
 *
 * @example
 * ```ts
 * import { asyncScheduler } from 'rxjs';
 * import type { TruncateOnInterruptionOptions } from 'rx-realtime';
 * const options: TruncateOnInterruptionOptions = { serverCancels: false, whenNothingHeard: 'delete', scheduler: asyncScheduler };
 * ```
 */
export interface TruncateOnInterruptionOptions {
  /**
   * The player's position, reported by the app. When given it is authoritative: an item it
   * never reported counts as not heard. When absent, playback is estimated as real time from
   * the item's first audio delta. Default: none (estimate).
   */
  readonly playback$?: Observable<PlaybackPosition>;
  /**
   * Whether the server cancels the response itself on speech (server VAD with
   * `interrupt_response: true`, the default). When false, a `response.cancel` is sent first
   * if the response is still in progress. Default `true`.
   */
  readonly serverCancels?: boolean;
  /**
   * What to do when the user heard nothing of the item (0 ms): `'skip'` sends nothing (the
   * server keeps the item as generated), `'delete'` sends `conversation.item.delete` (the
   * model forgets an answer nobody heard). Default `'skip'`.
   */
  readonly whenNothingHeard?: 'skip' | 'delete';
  /** Output audio format, for bytes -> ms. Default `'pcm16'` (24 kHz, 48 bytes/ms). */
  readonly audioFormat?: AudioFormat;
  /** Clock for the real-time estimate. Default `asyncScheduler`. */
  readonly scheduler?: SchedulerLike;
}

/** What an event that calls for no client event yields. */
const NONE: readonly ClientEvent[] = [];

interface PlayingItem {
  readonly itemId: string;
  readonly responseId: string;
  readonly contentIndex: number;
  /** `scheduler.now()` at the first audio delta. */
  readonly startedAt: number;
  receivedBytes: number;
  audioDone: boolean;
}

/**
 * Decides what to tell the server when the user talks over the assistant. On
 * `input_audio_buffer.speech_started` while assistant audio is still playing, it emits
 * `conversation.item.truncate { item_id, content_index, audio_end_ms }` for the item being
 * played, preceded by `response.cancel` when the response is still in progress and
 * `serverCancels` is false.
 *
 * `audio_end_ms` is what the user actually heard: the latest `playback$` position for the item
 * when `playback$` is given, otherwise `scheduler.now()` minus the time of the item's first
 * audio delta (real-time playback). It is floored to an integer and clamped to the audio
 * received so far. Nothing is emitted when the item had played to its end (all its audio
 * received and played); when nothing was heard, see `whenNothingHeard`. The item counted as
 * playing is the last one that received audio; after an interruption it is forgotten, so a
 * second `speech_started` does not truncate it again. An item deleted
 * (`conversation.item.deleted`) or a connection lost (`local.connection_lost`) is forgotten too,
 * so a truncate never names an item the server no longer has.
 *
 * Subscribes to `playback$` together with the source and unsubscribes from both together.
 *
 * @param options - see {@link TruncateOnInterruptionOptions}.
 *
 * @example
 * ```ts
 * import { type Observable } from 'rxjs';
 * import { truncateOnInterruption, type ClientEvent, type ServerEvent } from 'rx-realtime';
 * declare const events$: Observable<ServerEvent>;
 * declare const playback$: Observable<{ itemId: string; playedMs: number }>;
 * declare function send(event: ClientEvent): void;
 * events$.pipe(truncateOnInterruption({ playback$, whenNothingHeard: 'delete' })).subscribe(send);
 * ```
 */
export function truncateOnInterruption(
  options: TruncateOnInterruptionOptions = {},
): OperatorFunction<ServerEvent, ClientEvent> {
  return (source) => source.pipe(interruptionCommands(options), mergeAll());
}

/**
 * The commands of {@link truncateOnInterruption}, one array per interruption (never empty), at
 * the event that called for them. For the session, which reports each interruption as a whole.
 *
 * @internal
 */
export function interruptionCommands(
  options: TruncateOnInterruptionOptions = {},
): OperatorFunction<ServerEvent, readonly ClientEvent[]> {
  const serverCancels = options.serverCancels ?? true;
  const whenNothingHeard = options.whenNothingHeard ?? 'skip';
  const format: AudioFormat = options.audioFormat ?? 'pcm16';
  const scheduler = options.scheduler ?? asyncScheduler;
  const playback$ = options.playback$;

  return (source) =>
    new Observable<readonly ClientEvent[]>((subscriber) => {
      const played = new Map<string, number>();
      const active = new Set<string>();
      let playing: PlayingItem | undefined;

      const heardMs = (item: PlayingItem): number =>
        playback$ ? (played.get(item.itemId) ?? 0) : scheduler.now() - item.startedAt;

      /** What to send for an interruption now: nothing, or the cancel/truncate/delete. */
      const interrupt = (): readonly ClientEvent[] => {
        const item = playing;
        if (!item) return NONE;
        playing = undefined;
        const receivedMs = bytesToMs(item.receivedBytes, format);
        const heard = heardMs(item);
        if (item.audioDone && heard >= receivedMs) return NONE; // played to its end: nothing to fix
        const cancel: readonly ClientEvent[] =
          !serverCancels && active.has(item.responseId)
            ? [{ type: 'response.cancel', response_id: item.responseId }]
            : NONE;
        const audioEndMs = Math.max(0, Math.floor(Math.min(heard, receivedMs)));
        if (audioEndMs === 0) {
          return whenNothingHeard === 'delete'
            ? [...cancel, { type: 'conversation.item.delete', item_id: item.itemId }]
            : cancel;
        }
        return [
          ...cancel,
          {
            type: 'conversation.item.truncate',
            item_id: item.itemId,
            content_index: item.contentIndex,
            audio_end_ms: audioEndMs,
          },
        ];
      };

      const decide = (e: ServerEvent): readonly ClientEvent[] => {
        switch (e.type) {
          case 'response.created':
            if (e.response.id !== undefined) active.add(e.response.id);
            return NONE;
          case 'response.done':
            if (e.response.id !== undefined) active.delete(e.response.id);
            return NONE;
          case 'response.output_audio.delta':
            if (
              !playing ||
              playing.itemId !== e.item_id ||
              playing.contentIndex !== e.content_index
            ) {
              if (played.size > 64) played.clear(); // keep memory bounded in long sessions
              playing = {
                itemId: e.item_id,
                responseId: e.response_id,
                contentIndex: e.content_index,
                startedAt: scheduler.now(),
                receivedBytes: 0,
                audioDone: false,
              };
              active.add(e.response_id);
            }
            playing.receivedBytes += base64ByteLength(e.delta);
            return NONE;
          case 'response.output_audio.done':
            if (playing && playing.itemId === e.item_id) playing.audioDone = true;
            return NONE;
          case 'input_audio_buffer.speech_started':
            return interrupt();
          case 'conversation.item.deleted':
            // A deleted item cannot be truncated (the server answers item_not_found).
            if (playing?.itemId === e.item_id) playing = undefined;
            return NONE;
          case 'local.connection_lost':
            // The new connection's server has none of these items or responses.
            playing = undefined;
            active.clear();
            return NONE;
          default:
            return NONE;
        }
      };

      // `tap` and `map` forward an exception raised while handling a value as the error.
      if (playback$) {
        const positions$ = playback$.pipe(
          tap((p) => played.set(p.itemId, p.playedMs)),
          ignoreElements(),
        );
        subscriber.add(positions$.subscribe({ error: (err: unknown) => subscriber.error(err) }));
      }
      subscriber.add(
        source
          .pipe(
            map(decide),
            filter((commands) => commands.length > 0),
          )
          .subscribe(subscriber),
      );
    });
}
