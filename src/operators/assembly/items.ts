/**
 * Output items of a response: creating an item (from its announcement, or made up when a
 * delta names an item never announced) and `response.output_item.added`. A new item is
 * inserted in `output_index` order, which costs O(1) when items arrive in order, and the
 * response's `output` array is copied once; the other items keep their snapshots. Not
 * exported from the package.
 * @internal
 */
import { EMPTY, insertAt, insertSorted } from './frozenArrays.js';
import { itemSnapshot } from './freezeSnapshots.js';
import type { ItemSnapshot } from './snapshotTypes.js';
import {
  reportIssue,
  responseFor,
  type Applier,
  type AssemblyState,
  type ItemBuilder,
  type OutputItemPayload,
  type ResponseBuilder,
} from './state.js';

/** Adds item `id` to response `r` at its `outputIndex`, with defaults for what `init` lacks. */
export function addItem(
  state: AssemblyState,
  r: ResponseBuilder,
  id: string,
  outputIndex: number,
  init: Partial<Pick<ItemBuilder, 'kind' | 'role' | 'status' | 'callId' | 'name' | 'arguments'>>,
): ItemBuilder {
  const it: ItemBuilder = {
    id,
    outputIndex,
    kind: init.kind ?? 'message',
    role: init.role ?? 'assistant',
    status: init.status ?? 'in_progress',
    callId: init.callId ?? '',
    name: init.name ?? '',
    arguments: init.arguments ?? '',
    parts: [],
    content: EMPTY,
    snap: undefined as unknown as ItemSnapshot,
  };
  it.snap = itemSnapshot(it);
  const at = insertSorted(r.items, it, (x) => x.outputIndex);
  r.output = insertAt(r.output, at, it.snap);
  state.items.set(id, it);
  return it;
}

/** Adds the item an item payload describes; `undefined` for items this operator does not assemble. */
export function itemFromPayload(
  state: AssemblyState,
  r: ResponseBuilder,
  item: OutputItemPayload,
  outputIndex: number,
): ItemBuilder | undefined {
  if (item.id === undefined) return undefined;
  if (item.type === 'function_call') {
    return addItem(state, r, item.id, outputIndex, {
      kind: 'function_call',
      status: item.status ?? 'in_progress',
      callId: item.call_id ?? '',
      name: item.name,
      arguments: item.arguments,
    });
  }
  if (item.type === 'message') {
    return addItem(state, r, item.id, outputIndex, {
      kind: 'message',
      role: item.role,
      status: item.status ?? 'in_progress',
    });
  }
  return undefined;
}

/** The item `itemId`, made up (with an `unannounced_item` issue) if it was never announced. */
export function itemFor(
  state: AssemblyState,
  r: ResponseBuilder,
  itemId: string,
  outputIndex: number,
  eventType: string,
  kind: 'message' | 'function_call',
  callId = '',
): ItemBuilder {
  const known = state.items.get(itemId);
  if (known) return known;
  reportIssue(r, { kind: 'unannounced_item', responseId: r.id, itemId, eventType });
  return addItem(state, r, itemId, outputIndex, { kind, callId });
}

/**
 * Records, once per output index, an item of a type this version does not know: it stays out
 * of `output` and shows on `issues`. Returns whether it was new.
 */
export function skipUnknownItem(
  r: ResponseBuilder,
  item: Extract<OutputItemPayload, { type: 'unknown' }>,
  outputIndex: number,
  eventType: string,
): boolean {
  if (r.issues.some((i) => i.kind === 'unknown_item' && i.outputIndex === outputIndex))
    return false;
  reportIssue(r, {
    kind: 'unknown_item',
    responseId: r.id,
    ...(item.id !== undefined ? { itemId: item.id } : {}),
    outputIndex,
    wireType: item.wireType,
    eventType,
  });
  return true;
}

/** `response.output_item.added`: returns the response to emit, if it changed. */
export const applyOutputItemAdded: Applier<'response.output_item.added'> = (state, e) => {
  const r = responseFor(state, e.response_id, e.type);
  if (e.item.type === 'unknown')
    return skipUnknownItem(r, e.item, e.output_index, e.type) ? r : undefined;
  if (e.item.id === undefined || state.items.has(e.item.id)) return undefined;
  return itemFromPayload(state, r, e.item, e.output_index) ? r : undefined;
};
