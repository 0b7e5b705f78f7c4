/**
 * The response lifecycle: `response.created` starts assembling a response and
 * `response.done` ends it, reconciling every output item with its final payload, setting
 * the final `status`, `statusDetails` and `usage`, and forgetting the response and its items
 * so that a long session does not keep every response it ever saw. Not exported from the
 * package.
 * @internal
 */
import { reconcileItem } from './reconcileItem.js';
import { newResponse, responseFor, type Applier } from './state.js';

/** `response.created`: returns the new response to emit (none for a repeated or id-less one). */
export const applyResponseCreated: Applier<'response.created'> = (state, e) => {
  const id = e.response.id;
  if (id === undefined || state.responses.has(id)) return undefined;
  return newResponse(state, id);
};

/** `response.done`: returns the finished response to emit (none for an id-less one). */
export const applyResponseDone: Applier<'response.done'> = (state, e) => {
  const id = e.response.id;
  if (id === undefined) return undefined;
  const r = responseFor(state, id, e.type);
  (e.response.output ?? []).forEach((item, i) => reconcileItem(state, r, item, i, e.type));
  r.status = e.response.status ?? 'completed';
  r.statusDetails = e.response.status_details ?? undefined;
  r.usage = e.response.usage ?? undefined;
  state.responses.delete(id);
  for (const it of r.items) state.items.delete(it.id);
  return r;
};
