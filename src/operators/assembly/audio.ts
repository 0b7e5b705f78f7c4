/**
 * Audio streaming: `response.output_audio.delta` decodes the base64 delta and appends it to
 * the part's {@link PagedAudio}, O(1) amortized; the new part snapshot holds an O(1) view
 * of the pages, so no array grows with the number of deltas. `response.output_audio.done`
 * carries no audio and changes nothing. A delta that is not valid base64 is left out and
 * recorded as an `invalid_audio` issue. Not exported from the package.
 * @internal
 */
import { partChanged } from './freezeSnapshots.js';
import { partTarget } from './parts.js';
import { reportIssue, type Applier } from './state.js';

/** `response.output_audio.delta`: returns the response to emit, if it changed. */
export const applyAudioDelta: Applier<'response.output_audio.delta'> = (state, e) => {
  const { r, it, p } = partTarget(state, e, 'audio');
  if (!p.audio) return undefined; // audio bytes for a text part: nothing sensible to do with them
  const appended = p.audio.appendBase64(e.delta);
  if (appended._tag === 'Left') {
    const { response_id: responseId, item_id: itemId, content_index: contentIndex } = e;
    const reason = appended.left.message;
    reportIssue(r, {
      kind: 'invalid_audio',
      responseId,
      itemId,
      contentIndex,
      reason,
      eventType: e.type,
    });
  } else partChanged(r, it, p);
  return r;
};
