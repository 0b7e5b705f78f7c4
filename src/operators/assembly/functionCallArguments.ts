/**
 * Function-call arguments streaming: `response.function_call_arguments.delta` grows an
 * item's `arguments` by string concatenation, and `.done` replaces them (and the function
 * name) with its final values. A delta for a call never announced makes up a function-call
 * item carrying the event's `call_id`. Not exported from the package.
 * @internal
 */
import { finalArguments } from './doneValues.js';
import { itemChanged } from './freezeSnapshots.js';
import { itemFor } from './items.js';
import { responseFor, type Applier } from './state.js';

/** `response.function_call_arguments.delta`: returns the response to emit. */
export const applyArgumentsDelta: Applier<'response.function_call_arguments.delta'> = (
  state,
  e,
) => {
  const r = responseFor(state, e.response_id, e.type);
  const it = itemFor(state, r, e.item_id, e.output_index, e.type, 'function_call', e.call_id);
  it.arguments += e.delta;
  itemChanged(r, it);
  return r;
};

/** `response.function_call_arguments.done`: returns the response to emit, if it changed. */
export const applyArgumentsDone: Applier<'response.function_call_arguments.done'> = (state, e) => {
  const r = responseFor(state, e.response_id, e.type);
  const it = itemFor(state, r, e.item_id, e.output_index, e.type, 'function_call', e.call_id);
  let changed = finalArguments(r, it, e.arguments, e.type);
  if (e.name !== it.name) {
    it.name = e.name;
    itemChanged(r, it);
    changed = true;
  }
  return changed ? r : undefined;
};
