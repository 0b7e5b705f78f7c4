/**
 * The mutable working state behind {@link assembleResponses}: one builder per response, item
 * and content part, each holding the raw values (text so far, audio pages, status) next to
 * the frozen snapshot last made from them. Builders are mutated in place as events arrive;
 * only their `snap` fields and the frozen arrays are ever handed out, which is how a delta
 * rebuilds just the changed part while unchanged items keep their identity. This file also
 * holds the lookups every event needs (response by id, recording an issue when one was never
 * announced). Not exported from the package.
 * @internal
 */
import type { AudioFormat } from '../../audio/index.js';
import type { ServerEventOf, ServerEventType } from '../../protocol/index.js';
import type { PagedAudio } from '../pagedAudio.js';
import { EMPTY } from './frozenArrays.js';
import type {
  AssemblyIssue,
  ContentSnapshot,
  ItemSnapshot,
  ItemStatus,
  MessageItemSnapshot,
  ResponseStatus,
  ResponseStatusDetails,
  ResponseUsage,
} from './snapshotTypes.js';

/** One content part being assembled, and its latest snapshot. */
export interface PartBuilder {
  /** The `content_index` of the part. */
  readonly index: number;
  /** Whether the part is text or audio (with a transcript). */
  readonly kind: 'text' | 'audio';
  /** The text of a text part, the transcript of an audio part. */
  text: string;
  /** The audio pages of an audio part (`undefined` for a text part). */
  readonly audio: PagedAudio | undefined;
  /** The latest frozen snapshot of this part. */
  snap: ContentSnapshot;
}

/** One output item being assembled, and its latest snapshot. */
export interface ItemBuilder {
  /** The item id. */
  readonly id: string;
  /** The `output_index` of the item in its response. */
  readonly outputIndex: number;
  /** Whether the item is a message or a function call. */
  readonly kind: 'message' | 'function_call';
  /** The role of a message item. */
  role: MessageItemSnapshot['role'];
  /** The item status. */
  status: ItemStatus;
  /** The `call_id` of a function call item. */
  callId: string;
  /** The function name of a function call item. */
  name: string;
  /** The JSON arguments of a function call item, assembled so far. */
  arguments: string;
  /** The content parts of a message item, sorted by `index`. */
  readonly parts: PartBuilder[];
  /** The frozen snapshots of `parts`, in the same order. */
  content: readonly ContentSnapshot[];
  /** The latest frozen snapshot of this item. */
  snap: ItemSnapshot;
}

/** One response being assembled. */
export interface ResponseBuilder {
  /** The response id. */
  readonly id: string;
  /** `in_progress` until `response.done`. */
  status: ResponseStatus;
  /** The `status_details` of `response.done`. */
  statusDetails: ResponseStatusDetails | undefined;
  /** The `usage` of `response.done`. */
  usage: ResponseUsage | undefined;
  /** The output items, sorted by `outputIndex`. */
  readonly items: ItemBuilder[];
  /** The frozen snapshots of `items`, in the same order. */
  output: readonly ItemSnapshot[];
  /** The issues recorded so far (a frozen array). */
  issues: readonly AssemblyIssue[];
}

/** The item payload of `response.output_item.*` and of `response.done`'s output. */
export type OutputItemPayload = ServerEventOf<'response.output_item.added'>['item'];

/** Everything one subscription to {@link assembleResponses} keeps between events. */
export interface AssemblyState {
  /** Output audio format, for the audio pages' `durationMs`. */
  readonly format: AudioFormat;
  /** Whether audio deltas are decoded and kept (`retainAudio`). */
  readonly retainAudio: boolean;
  /** The responses in flight, by id (forgotten at `response.done`). */
  readonly responses: Map<string, ResponseBuilder>;
  /** The items of the responses in flight, by item id. */
  readonly items: Map<string, ItemBuilder>;
}

/**
 * Applies one event of type `K` to the state; returns the response to emit (the one the event
 * changed), or `undefined` when nothing changed.
 */
export type Applier<K extends ServerEventType> = (
  state: AssemblyState,
  e: ServerEventOf<K>,
) => ResponseBuilder | undefined;

/** A fresh state for one subscription. */
export const createAssemblyState = (format: AudioFormat, retainAudio: boolean): AssemblyState => ({
  format,
  retainAudio,
  responses: new Map(),
  items: new Map(),
});

/** Records a repair on a response (a new frozen `issues` array, as snapshots share it). */
export function reportIssue(r: ResponseBuilder, issue: AssemblyIssue): void {
  r.issues = Object.freeze([...r.issues, issue]);
}

/** Starts assembling response `id`. */
export function newResponse(state: AssemblyState, id: string): ResponseBuilder {
  const r: ResponseBuilder = {
    id,
    status: 'in_progress',
    statusDetails: undefined,
    usage: undefined,
    items: [],
    output: EMPTY,
    issues: EMPTY,
  };
  state.responses.set(id, r);
  return r;
}

/** The response `id`, made up (with an `unannounced_response` issue) if it was never created. */
export function responseFor(state: AssemblyState, id: string, eventType: string): ResponseBuilder {
  const known = state.responses.get(id);
  if (known) return known;
  const r = newResponse(state, id);
  reportIssue(r, { kind: 'unannounced_response', responseId: id, eventType });
  return r;
}
