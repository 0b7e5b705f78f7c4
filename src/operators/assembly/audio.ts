/**
 * Audio streaming: `response.output_audio.delta` decodes the base64 delta and appends it to
 * the part's {@link PagedAudio}, O(1) amortized; the new part snapshot holds an O(1) view
 * of the pages, so no array grows with the number of deltas. `response.output_audio.done`
 * carries no audio and changes nothing. Not exported from the package.
 * @internal
 */
import { base64ToBytes } from '../../audio/index.js';
import { partChanged } from './freezeSnapshots.js';
import { partTarget } from './parts.js';
import type { Applier } from './state.js';

/** `response.output_audio.delta`: returns the response to emit, if it changed. */
export const applyAudioDelta: Applier<'response.output_audio.delta'> = (state, e) => {
  const { r, it, p } = partTarget(state, e, 'audio');
  if (!p.audio) return undefined; // audio bytes for a text part: nothing sensible to do with them
  p.audio.append(base64ToBytes(e.delta));
  partChanged(r, it, p);
  return r;
};
