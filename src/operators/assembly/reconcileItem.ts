/**
 * Brings an item in line with a final item payload, as `response.output_item.done` and
 * `response.done` carry one: the payload's arguments, name, texts, transcripts and status
 * win, parts the payload has but the stream never announced are added, and an item never
 * announced at all is built from the payload. Every repair is recorded as an issue. Not
 * exported from the package.
 * @internal
 */
import { finalArguments, finalText } from './doneValues.js';
import { itemChanged } from './freezeSnapshots.js';
import { itemFromPayload, skipUnknownItem } from './items.js';
import { addPart, partKind, payloadText, skipUnknownPart } from './parts.js';
import {
  reportIssue,
  responseFor,
  type Applier,
  type AssemblyState,
  type OutputItemPayload,
  type ResponseBuilder,
} from './state.js';

/** Reconciles the item of `item.id` with the final payload `item`; returns whether anything changed. */
export function reconcileItem(
  state: AssemblyState,
  r: ResponseBuilder,
  item: OutputItemPayload,
  outputIndex: number,
  eventType: string,
): boolean {
  if (item.type === 'unknown') return skipUnknownItem(r, item, outputIndex, eventType);
  if (item.id === undefined) return false;
  const known = state.items.get(item.id);
  if (!known) {
    const created = itemFromPayload(state, r, item, outputIndex);
    if (!created) return false;
    reportIssue(r, { kind: 'unannounced_item', responseId: r.id, itemId: item.id, eventType });
    if (item.type === 'message' && item.role === 'assistant') {
      item.content.forEach((c, i) => {
        const kind = partKind(c.type);
        if (kind) addPart(state, r, created, i, kind, payloadText(c));
        else skipUnknownPart(r, created.id, i, String(c.type), eventType);
      });
    }
    return true;
  }
  let changed = false;
  if (item.type === 'function_call' && known.kind === 'function_call') {
    changed = finalArguments(r, known, item.arguments, eventType) || changed;
    if (item.name !== known.name || (item.call_id !== undefined && item.call_id !== known.callId)) {
      known.name = item.name;
      known.callId = item.call_id ?? known.callId;
      changed = true;
    }
  }
  if (item.type === 'message' && item.role === 'assistant' && known.kind === 'message') {
    item.content.forEach((c, i) => {
      const p = known.parts.find((q) => q.index === i);
      const kind = partKind(c.type);
      if (!p && !kind) {
        changed = skipUnknownPart(r, known.id, i, String(c.type), eventType) || changed;
      } else if (!p) {
        reportIssue(r, {
          kind: 'unannounced_part',
          responseId: r.id,
          itemId: known.id,
          contentIndex: i,
          eventType,
        });
        addPart(state, r, known, i, kind ?? 'text', payloadText(c));
        changed = true;
      } else {
        changed =
          finalText(r, known, p, p.kind === 'text' ? c.text : c.transcript, eventType) || changed;
      }
    });
  }
  const status = item.type === 'message' || item.type === 'function_call' ? item.status : undefined;
  if (status !== undefined && status !== known.status) {
    known.status = status;
    changed = true;
  }
  if (changed) itemChanged(r, known);
  return changed;
}

/** `response.output_item.done`: returns the response to emit, if it changed. */
export const applyOutputItemDone: Applier<'response.output_item.done'> = (state, e) => {
  const r = responseFor(state, e.response_id, e.type);
  return reconcileItem(state, r, e.item, e.output_index, e.type) ? r : undefined;
};
