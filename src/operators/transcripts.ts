import { defer, filter, map, type OperatorFunction } from 'rxjs';
import type { ServerEvent } from '../protocol/index.js';
import { partKey } from './internal.js';

/**
 * The transcript of one content part so far, emitted by {@link transcripts}.
 *
 * @example
 * ```ts
 * import type { Transcript } from 'rx-realtime';
 * const line = (t: Transcript): string => `${t.role}${t.final ? '' : '…'}: ${t.text}`;
 * ```
 */
export interface Transcript {
  /** The conversation item transcribed. */
  readonly itemId: string;
  /** The content part transcribed within that item. */
  readonly contentIndex: number;
  /** `user` for input-audio transcription, `assistant` for the output-audio transcript. */
  readonly role: 'user' | 'assistant';
  /** The whole text so far (not just the latest delta). */
  readonly text: string;
  /** True on the last value for this part (`.completed` / `.done`). */
  readonly final: boolean;
}

/**
 * The transcripts of the conversation as values: the user's input audio transcription
 * (`conversation.item.input_audio_transcription.delta/completed`) and the assistant's audio
 * transcripts and text (`response.output_audio_transcript.*`, `response.output_text.*`). Each
 * value carries the whole text of the part so far; the last one has `final: true` and the
 * `.done` / `.completed` text, which wins over the concatenated deltas.
 *
 * Order: values come in event order, which is conversation order within a part and for the
 * assistant. The user's transcription is asynchronous (reference section 6.4) and may finish
 * after the assistant's reply has started; order by the `conversation.item.added` events
 * (`previous_item_id`) if you must display them strictly in conversation order.
 *
 * @example
 * ```ts
 * import { filter, type Observable } from 'rxjs';
 * import { transcripts, type ServerEvent } from 'rx-realtime';
 * declare const events$: Observable<ServerEvent>;
 * events$
 *   .pipe(
 *     transcripts(),
 *     filter((t) => t.final),
 *   )
 *   .subscribe((t) => console.log(`${t.role}: ${t.text}`));
 * ```
 */
export function transcripts(): OperatorFunction<ServerEvent, Transcript> {
  return (source) =>
    defer(() => {
      const texts = new Map<string, string>();
      const value = (
        role: Transcript['role'],
        itemId: string,
        contentIndex: number,
        text: string,
        final: boolean,
      ): Transcript => {
        const key = partKey(itemId, contentIndex);
        if (final) texts.delete(key);
        else texts.set(key, text);
        return Object.freeze({ itemId, contentIndex, role, text, final });
      };
      const sofar = (itemId: string, contentIndex: number): string =>
        texts.get(partKey(itemId, contentIndex)) ?? '';
      const transcriptOf = (e: ServerEvent): Transcript | undefined => {
        switch (e.type) {
          case 'conversation.item.input_audio_transcription.delta': {
            const index = e.content_index ?? 0;
            return value(
              'user',
              e.item_id,
              index,
              sofar(e.item_id, index) + (e.delta ?? ''),
              false,
            );
          }
          case 'conversation.item.input_audio_transcription.completed':
            return value('user', e.item_id, e.content_index, e.transcript, true);
          case 'response.output_text.delta':
          case 'response.output_audio_transcript.delta':
            return value(
              'assistant',
              e.item_id,
              e.content_index,
              sofar(e.item_id, e.content_index) + e.delta,
              false,
            );
          case 'response.output_text.done':
            return value('assistant', e.item_id, e.content_index, e.text, true);
          case 'response.output_audio_transcript.done':
            return value('assistant', e.item_id, e.content_index, e.transcript, true);
          default:
            return undefined;
        }
      };
      // `map` forwards an exception raised while reading an event as the output's error.
      return source.pipe(
        map(transcriptOf),
        filter((t) => t !== undefined),
      );
    });
}
