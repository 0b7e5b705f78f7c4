/**
 * Text and transcript streaming: `response.output_text.*` for text parts and
 * `response.output_audio_transcript.*` for the transcript of audio parts. Both grow a part's
 * `text` by string concatenation, O(1) amortized per delta, and both end with a `.done`
 * whose value wins over the concatenated deltas. Not exported from the package.
 * @internal
 */
import { finalText } from './doneValues.js';
import { partChanged } from './freezeSnapshots.js';
import { partTarget } from './parts.js';
import type { Applier } from './state.js';

/** `response.output_text.delta` / `response.output_audio_transcript.delta`: returns the response to emit. */
export const applyTextDelta: Applier<
  'response.output_text.delta' | 'response.output_audio_transcript.delta'
> = (state, e) => {
  const kind = e.type === 'response.output_text.delta' ? 'text' : 'audio';
  const { r, it, p } = partTarget(state, e, kind);
  p.text += e.delta;
  partChanged(r, it, p);
  return r;
};

/** `response.output_text.done` / `response.output_audio_transcript.done`: returns the response to emit, if it changed. */
export const applyTextDone: Applier<
  'response.output_text.done' | 'response.output_audio_transcript.done'
> = (state, e) => {
  const kind = e.type === 'response.output_text.done' ? 'text' : 'audio';
  const { r, it, p } = partTarget(state, e, kind);
  const value = e.type === 'response.output_text.done' ? e.text : e.transcript;
  return finalText(r, it, p, value, e.type) ? r : undefined;
};
