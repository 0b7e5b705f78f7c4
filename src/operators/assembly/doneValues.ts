/**
 * The ".done wins" rule for assembled strings: a `.done` event (or a final item payload)
 * carries the whole text, transcript or arguments, and that value replaces what the deltas
 * added up to. A difference is not an error but a `done_mismatch` issue holding both values,
 * so a user can see a lost or reordered delta without the stream failing. Not exported from
 * the package.
 * @internal
 */
import { itemChanged, partChanged } from './freezeSnapshots.js';
import { reportIssue, type ItemBuilder, type PartBuilder, type ResponseBuilder } from './state.js';

/** Applies a final text / transcript; returns whether anything changed. */
export function finalText(
  r: ResponseBuilder,
  it: ItemBuilder,
  p: PartBuilder,
  value: string | undefined,
  eventType: string,
): boolean {
  if (value === undefined || value === p.text) return false;
  reportIssue(r, {
    kind: 'done_mismatch',
    responseId: r.id,
    itemId: it.id,
    contentIndex: p.index,
    field: p.kind === 'text' ? 'text' : 'transcript',
    assembled: p.text,
    final: value,
    eventType,
  });
  p.text = value;
  partChanged(r, it, p);
  return true;
}

/** Applies final function-call arguments; returns whether anything changed. */
export function finalArguments(
  r: ResponseBuilder,
  it: ItemBuilder,
  value: string,
  eventType: string,
): boolean {
  if (value === it.arguments) return false;
  reportIssue(r, {
    kind: 'done_mismatch',
    responseId: r.id,
    itemId: it.id,
    field: 'arguments',
    assembled: it.arguments,
    final: value,
    eventType,
  });
  it.arguments = value;
  itemChanged(r, it);
  return true;
}
