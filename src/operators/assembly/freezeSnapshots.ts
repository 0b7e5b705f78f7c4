/**
 * Turns builders into the frozen snapshots {@link assembleResponses} emits. After a part or
 * an item changed, only the path from it up to the response is rebuilt: a new part object, a
 * new item object and new `content` / `output` arrays. Every other part and item snapshot is
 * reused by reference, so `prev !== next` tells what changed, and the cost of a delta does
 * not grow with the number of deltas before it. Not exported from the package.
 * @internal
 */
import type { PagedAudio } from '../pagedAudio.js';
import { replaceAt } from './frozenArrays.js';
import type { ItemBuilder, PartBuilder, ResponseBuilder } from './state.js';
import type {
  AssemblyIssue,
  ContentSnapshot,
  ItemSnapshot,
  ResponseSnapshot,
  ResponseStatus,
  ResponseStatusDetails,
  ResponseUsage,
} from './snapshotTypes.js';

/** A frozen snapshot of a response; `statusDetails` and `usage` only when known. */
export function responseSnapshot(r: ResponseBuilder): ResponseSnapshot {
  const s: {
    id: string;
    status: ResponseStatus;
    statusDetails?: ResponseStatusDetails;
    usage?: ResponseUsage;
    output: readonly ItemSnapshot[];
    issues: readonly AssemblyIssue[];
  } = { id: r.id, status: r.status, output: r.output, issues: r.issues };
  if (r.statusDetails !== undefined) s.statusDetails = r.statusDetails;
  if (r.usage !== undefined) s.usage = r.usage;
  return Object.freeze(s);
}

/** A frozen snapshot of an item, holding its current `content` array as is. */
export const itemSnapshot = (it: ItemBuilder): ItemSnapshot =>
  it.kind === 'message'
    ? Object.freeze({
        id: it.id,
        type: 'message' as const,
        role: it.role,
        status: it.status,
        content: it.content,
      })
    : Object.freeze({
        id: it.id,
        type: 'function_call' as const,
        callId: it.callId,
        name: it.name,
        arguments: it.arguments,
        status: it.status,
      });

/** A frozen snapshot of a part; audio as an O(1) view of the pages so far. */
export function partSnapshot(p: PartBuilder): ContentSnapshot {
  if (p.kind === 'text') return Object.freeze({ type: 'text' as const, text: p.text });
  return Object.freeze({
    type: 'audio' as const,
    transcript: p.text,
    audio: (p.audio as PagedAudio).view(),
  });
}

/** Re-freezes the path from an item to its response after the item changed. */
export function itemChanged(r: ResponseBuilder, it: ItemBuilder): void {
  it.snap = itemSnapshot(it);
  r.output = replaceAt(r.output, r.items.indexOf(it), it.snap);
}

/** Re-freezes the path from a part to its response after the part changed. */
export function partChanged(r: ResponseBuilder, it: ItemBuilder, p: PartBuilder): void {
  p.snap = partSnapshot(p);
  it.content = replaceAt(it.content, it.parts.indexOf(p), p.snap);
  itemChanged(r, it);
}
