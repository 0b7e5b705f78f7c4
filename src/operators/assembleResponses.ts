/**
 * The `assembleResponses` operator, composed from the parts in `./assembly/`: the public
 * snapshot types (`snapshotTypes`), the mutable per-response state (`state`), one applier per
 * kind of event (`responses`, `items`, `parts`, `text`, `audio`, `functionCallArguments`,
 * `reconcileItem`) and the freezing of builders into snapshots (`freezeSnapshots`). This file
 * only routes each event to its applier and emits a snapshot of the response it changed.
 */
import { defer, filter, map, type OperatorFunction } from 'rxjs';
import type { AudioFormat } from '../audio/index.js';
import type { ServerEvent } from '../protocol/index.js';
import { finishCutResponses } from './finishCutResponses.js';
import { applyAudioDelta } from './assembly/audio.js';
import { responseSnapshot } from './assembly/freezeSnapshots.js';
import { applyArgumentsDelta, applyArgumentsDone } from './assembly/functionCallArguments.js';
import { applyOutputItemAdded } from './assembly/items.js';
import { applyContentPartAdded, applyContentPartDone } from './assembly/parts.js';
import { applyOutputItemDone } from './assembly/reconcileItem.js';
import { applyResponseCreated, applyResponseDone } from './assembly/responses.js';
import type { ResponseSnapshot } from './assembly/snapshotTypes.js';
import { createAssemblyState, type AssemblyState, type ResponseBuilder } from './assembly/state.js';
import { applyTextDelta, applyTextDone } from './assembly/text.js';

export type {
  AssemblyIssue,
  AudioContentSnapshot,
  ContentSnapshot,
  FunctionCallItemSnapshot,
  ItemSnapshot,
  ItemStatus,
  MessageItemSnapshot,
  ResponseSnapshot,
  ResponseStatus,
  ResponseStatusDetails,
  ResponseUsage,
  TextContentSnapshot,
} from './assembly/snapshotTypes.js';

/**
 * Options of {@link assembleResponses}.
 *
 * @example
 * ```ts
 * import { assembleResponses, type AssembleResponsesOptions } from 'rx-realtime';
 * const options: AssembleResponsesOptions = { audioFormat: 'g711_ulaw' };
 * const operator = assembleResponses(options);
 * ```
 */
export interface AssembleResponsesOptions {
  /** Output audio format, used for `durationMs`. Default `'pcm16'`. */
  readonly audioFormat?: AudioFormat;
  /**
   * Keep the decoded audio in the snapshots. Default `true`. With `false`, audio deltas are
   * not decoded, kept or emitted for: audio parts carry their transcript and an empty `audio`,
   * so a long conversation costs its text, not its sound. For apps that play the audio from
   * {@link responseStreams} and want `responses$` for the rest.
   */
  readonly retainAudio?: boolean;
}

/** Applies one event; returns the response it changed (to emit), or `undefined`. */
function applyEvent(state: AssemblyState, e: ServerEvent): ResponseBuilder | undefined {
  switch (e.type) {
    case 'response.created':
      return applyResponseCreated(state, e);
    case 'response.output_item.added':
      return applyOutputItemAdded(state, e);
    case 'response.content_part.added':
      return applyContentPartAdded(state, e);
    case 'response.output_text.delta':
    case 'response.output_audio_transcript.delta':
      return applyTextDelta(state, e);
    case 'response.output_audio.delta':
      return state.retainAudio ? applyAudioDelta(state, e) : undefined;
    case 'response.output_text.done':
    case 'response.output_audio_transcript.done':
      return applyTextDone(state, e);
    case 'response.content_part.done':
      return applyContentPartDone(state, e);
    case 'response.function_call_arguments.delta':
      return applyArgumentsDelta(state, e);
    case 'response.function_call_arguments.done':
      return applyArgumentsDone(state, e);
    case 'response.output_item.done':
      return applyOutputItemDone(state, e);
    case 'response.done':
      return applyResponseDone(state, e);
    default:
      return undefined;
  }
}

/**
 * Assembles the streamed events of each response into immutable {@link ResponseSnapshot}s:
 * one snapshot every time an event changes a response, the last one carrying the `status`,
 * `statusDetails` and `usage` of `response.done`.
 *
 * - Several responses in flight are kept apart by `response_id`.
 * - Cost per delta is independent of how many deltas came before: text grows by string
 *   concatenation, audio is appended to a chunk list in O(1) and exposed as an O(1)
 *   `view()`. Snapshots share structure: a delta rebuilds only the changed part object, its
 *   item object and the two small arrays on the path to it (`content`, `output`, whose
 *   lengths are the number of parts and items of the response, never the number of
 *   deltas). Every other part and item object is reused by reference, and no snapshot is
 *   ever mutated after it was emitted (all objects are frozen), so `prev !== next` tells
 *   what changed.
 * - A delta for a response, item or part that was never announced (stream joined midway)
 *   creates it on the fly and records an {@link AssemblyIssue}; a `.done` payload (text,
 *   transcript, arguments) replaces the assembled value, recording an issue if they differ.
 * - A response is forgotten after its `response.done`.
 *
 * @param options - see {@link AssembleResponsesOptions}.
 *
 * @example
 * ```ts
 * import { filter, type Observable } from 'rxjs';
 * import { assembleResponses, type ServerEvent } from 'rx-realtime';
 * declare const events$: Observable<ServerEvent>;
 * const finished$ = events$.pipe(
 *   assembleResponses({ audioFormat: 'pcm16' }),
 *   filter((r) => r.status !== 'in_progress'),
 * );
 * finished$.subscribe((r) => console.log(r.id, r.status, r.output));
 * ```
 */
export function assembleResponses(
  options: AssembleResponsesOptions = {},
): OperatorFunction<ServerEvent, ResponseSnapshot> {
  return (source) => source.pipe(finishCutResponses(), assembleFinishedResponses(options));
}

/**
 * {@link assembleResponses} over events that went through {@link finishCutResponses} already,
 * as a session's events have: the same snapshots, without a second pass over every event.
 *
 * @internal
 */
export function assembleFinishedResponses(
  options: AssembleResponsesOptions = {},
): OperatorFunction<ServerEvent, ResponseSnapshot> {
  const format: AudioFormat = options.audioFormat ?? 'pcm16';
  return (source) =>
    defer(() => {
      const state = createAssemblyState(format, options.retainAudio ?? true);
      // `map` forwards an exception raised while applying an event as the output's error.
      return source.pipe(
        map((e) => {
          const changed = applyEvent(state, e);
          return changed && responseSnapshot(changed);
        }),
        filter((snapshot) => snapshot !== undefined),
      );
    });
}
