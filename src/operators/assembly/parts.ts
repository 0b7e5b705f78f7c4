/**
 * Content parts of a message item: creating a part (from its announcement, or made up when a
 * delta names a part never announced), `response.content_part.added` and
 * `response.content_part.done`. An audio part gets its own {@link PagedAudio} so that its
 * snapshots hold O(1) views rather than arrays of deltas. Not exported from the package.
 * @internal
 */
import { PagedAudio } from '../pagedAudio.js';
import { finalText } from './doneValues.js';
import { insertAt, insertSorted } from './frozenArrays.js';
import { itemChanged, partSnapshot } from './freezeSnapshots.js';
import { itemFor } from './items.js';
import type { ContentSnapshot } from './snapshotTypes.js';
import {
  reportIssue,
  responseFor,
  type Applier,
  type AssemblyState,
  type ItemBuilder,
  type PartBuilder,
  type ResponseBuilder,
} from './state.js';

/**
 * The kind of part a part payload's `type` stands for (both protocol dialects); `undefined`
 * for a type newer than this version, which is skipped (see {@link skipUnknownPart}).
 */
export const partKind = (type: string | undefined): 'text' | 'audio' | undefined =>
  type === 'audio' || type === 'output_audio'
    ? 'audio'
    : type === undefined || type === 'text' || type === 'output_text'
      ? 'text'
      : undefined;

/**
 * Records, once per item and content index, a content part of a type this version does not
 * know: it stays out of `content` and shows on `issues`. Returns whether it was new.
 */
export function skipUnknownPart(
  r: ResponseBuilder,
  itemId: string,
  contentIndex: number,
  wireType: string,
  eventType: string,
): boolean {
  const seen = r.issues.some(
    (i) => i.kind === 'unknown_part' && i.itemId === itemId && i.contentIndex === contentIndex,
  );
  if (seen) return false;
  reportIssue(r, {
    kind: 'unknown_part',
    responseId: r.id,
    itemId,
    contentIndex,
    wireType,
    eventType,
  });
  return true;
}

/** The initial text of a part payload: its text, else its transcript. */
export const payloadText = (part: { text?: string; transcript?: string }): string =>
  part.text ?? part.transcript ?? '';

/** Adds part `index` to item `it` in `content_index` order and re-freezes the path to `r`. */
export function addPart(
  state: AssemblyState,
  r: ResponseBuilder,
  it: ItemBuilder,
  index: number,
  kind: 'text' | 'audio',
  text: string,
): PartBuilder {
  const p: PartBuilder = {
    index,
    kind,
    text,
    audio: kind === 'audio' ? new PagedAudio(state.format) : undefined,
    snap: undefined as unknown as ContentSnapshot,
  };
  p.snap = partSnapshot(p);
  const at = insertSorted(it.parts, p, (x) => x.index);
  it.content = insertAt(it.content, at, p.snap);
  itemChanged(r, it);
  return p;
}

/** The part `index` of `it`, made up (with an `unannounced_part` issue) if it was never announced. */
export function partFor(
  state: AssemblyState,
  r: ResponseBuilder,
  it: ItemBuilder,
  index: number,
  kind: 'text' | 'audio',
  eventType: string,
): PartBuilder {
  for (const p of it.parts) if (p.index === index) return p;
  reportIssue(r, {
    kind: 'unannounced_part',
    responseId: r.id,
    itemId: it.id,
    contentIndex: index,
    eventType,
  });
  return addPart(state, r, it, index, kind, '');
}

/** The fields by which a content event names its part. */
export interface PartEvent {
  /** The event type, for issues. */
  readonly type: string;
  /** The response of the part. */
  readonly response_id: string;
  /** The item of the part. */
  readonly item_id: string;
  /** The `output_index` of the item. */
  readonly output_index: number;
  /** The `content_index` of the part. */
  readonly content_index: number;
}

/** The response, item and part a content event is about. */
export interface PartTarget {
  /** The response of the part. */
  readonly r: ResponseBuilder;
  /** The message item of the part. */
  readonly it: ItemBuilder;
  /** The part. */
  readonly p: PartBuilder;
}

/**
 * Resolves the response, item and part a content event names, making up (with an issue) any
 * of them never announced; a made-up part is of `kind`.
 */
export function partTarget(state: AssemblyState, e: PartEvent, kind: 'text' | 'audio'): PartTarget {
  const r = responseFor(state, e.response_id, e.type);
  const it = itemFor(state, r, e.item_id, e.output_index, e.type, 'message');
  return { r, it, p: partFor(state, r, it, e.content_index, kind, e.type) };
}

/** `response.content_part.added`: returns the response to emit, if it changed. */
export const applyContentPartAdded: Applier<'response.content_part.added'> = (state, e) => {
  const r = responseFor(state, e.response_id, e.type);
  const it = itemFor(state, r, e.item_id, e.output_index, e.type, 'message');
  if (it.parts.some((p) => p.index === e.content_index)) return undefined;
  const kind = partKind(e.part.type);
  if (!kind)
    return skipUnknownPart(r, it.id, e.content_index, String(e.part.type), e.type) ? r : undefined;
  addPart(state, r, it, e.content_index, kind, payloadText(e.part));
  return r;
};

/** `response.content_part.done`: its text or transcript wins; returns the response to emit, if it changed. */
export const applyContentPartDone: Applier<'response.content_part.done'> = (state, e) => {
  const kind = partKind(e.part.type);
  if (!kind) {
    const r = responseFor(state, e.response_id, e.type);
    return skipUnknownPart(r, e.item_id, e.content_index, String(e.part.type), e.type)
      ? r
      : undefined;
  }
  const { r, it, p } = partTarget(state, e, kind);
  const value = p.kind === 'text' ? e.part.text : e.part.transcript;
  return finalText(r, it, p, value, e.type) ? r : undefined;
};
