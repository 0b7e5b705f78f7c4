/**
 * The public shapes {@link assembleResponses} emits: a response, its items, their content
 * parts and the issues met on the way. They live apart from the operator so that the
 * assembly steps (which build these shapes) and the other operators (which read them) can
 * import the types without importing the operator. All of them are re-exported from
 * `assembleResponses.ts` and from the package.
 */
import type { AudioChunksView } from '../../audio/index.js';
import type { Open, ServerEventOf } from '../../protocol/index.js';

/**
 * Final state of a response as reported by `response.done` (or `in_progress` before it).
 * A status newer than this version is kept as received.
 *
 * @example
 * ```ts
 * import type { ResponseStatus } from 'rx-realtime';
 * const finished = (s: ResponseStatus): boolean => s !== 'in_progress';
 * ```
 */
export type ResponseStatus = Open<
  'in_progress' | 'completed' | 'cancelled' | 'incomplete' | 'failed'
>;

/**
 * Why a response ended the way it did (the `status_details` of `response.done`).
 *
 * @example
 * ```ts
 * import type { ResponseStatusDetails } from 'rx-realtime';
 * const details: ResponseStatusDetails = { type: 'cancelled', reason: 'turn_detected' };
 * ```
 */
export type ResponseStatusDetails = NonNullable<
  ServerEventOf<'response.done'>['response']['status_details']
>;

/**
 * Token usage of one response (the `usage` of `response.done`).
 *
 * @example
 * ```ts
 * import type { ResponseUsage } from 'rx-realtime';
 * const usage: ResponseUsage = { input_tokens: 10, output_tokens: 5, total_tokens: 15 };
 * ```
 */
export type ResponseUsage = NonNullable<ServerEventOf<'response.done'>['response']['usage']>;

/**
 * Status of an output item (a status newer than this version is kept as received).
 *
 * @example
 * ```ts
 * import type { ItemStatus } from 'rx-realtime';
 * const status: ItemStatus = 'incomplete';
 * ```
 */
export type ItemStatus = Open<'in_progress' | 'completed' | 'incomplete'>;

/**
 * A text content part.
 *
 * @example
 * ```ts
 * import type { TextContentSnapshot } from 'rx-realtime';
 * const part: TextContentSnapshot = { type: 'text', text: 'Hello' };
 * ```
 */
export interface TextContentSnapshot {
  /** A text content part. */
  readonly type: 'text';
  /** The text assembled so far (the `.done` value once it arrived). */
  readonly text: string;
}

/**
 * An audio content part: its transcript and its decoded audio. `audio` is an O(1) frozen
 * view of the audio received so far (`byteLength`, `durationMs`, `chunkCount`, `toBytes()`,
 * `slice()`, `bytesUpTo()`, and the chunks by iteration: `[...audio]`). The chunks are
 * storage pages (4 KB growing to 256 KB), not the deltas: one typed array per 960-byte delta
 * would cost ~20 % memory on top of the audio. Use {@link responseStreams} for per-delta
 * chunks. No array of chunks is exposed because building one per snapshot would copy it on
 * every delta.
 *
 * @example
 * ```ts
 * import type { AudioContentSnapshot } from 'rx-realtime';
 * declare const part: AudioContentSnapshot;
 * const pcm: Uint8Array = part.audio.toBytes(); // one contiguous copy
 * console.log(part.transcript, part.audio.durationMs, pcm.length);
 * ```
 */
export interface AudioContentSnapshot {
  /** An audio content part. */
  readonly type: 'audio';
  /** The transcript of the audio assembled so far. */
  readonly transcript: string;
  /** The decoded audio chunks received so far. */
  readonly audio: AudioChunksView;
}

/**
 * One content part of an assistant message.
 *
 * @example
 * ```ts
 * import type { ContentSnapshot } from 'rx-realtime';
 * const text = (c: ContentSnapshot): string => (c.type === 'text' ? c.text : c.transcript);
 * ```
 */
export type ContentSnapshot = TextContentSnapshot | AudioContentSnapshot;

/**
 * An assistant message output item.
 *
 * @example
 * ```ts
 * import type { MessageItemSnapshot } from 'rx-realtime';
 * const item: MessageItemSnapshot = { id: 'item_1', type: 'message', role: 'assistant', status: 'completed', content: [{ type: 'text', text: 'Hi' }] };
 * ```
 */
export interface MessageItemSnapshot {
  /** The item id, as in `conversation.item.*` events. */
  readonly id: string;
  /** A message item. */
  readonly type: 'message';
  /** Who the message is from (`assistant` for model output). */
  readonly role: 'assistant' | 'user' | 'system';
  /** `in_progress` until `response.output_item.done`. */
  readonly status: ItemStatus;
  /** Content parts in `content_index` order. */
  readonly content: readonly ContentSnapshot[];
}

/**
 * A function call output item.
 *
 * @example
 * ```ts
 * import type { FunctionCallItemSnapshot } from 'rx-realtime';
 * const call: FunctionCallItemSnapshot = { id: 'item_2', type: 'function_call', callId: 'call_1', name: 'get_weather', arguments: '{}', status: 'completed' };
 * ```
 */
export interface FunctionCallItemSnapshot {
  /** The item id, as in `conversation.item.*` events. */
  readonly id: string;
  /** A function call item. */
  readonly type: 'function_call';
  /** The `call_id` to echo in the `function_call_output` item. */
  readonly callId: string;
  /** The function the model wants called. */
  readonly name: string;
  /** The JSON arguments assembled so far (the `.done` value once it arrived). */
  readonly arguments: string;
  /** `in_progress` until `response.output_item.done`. */
  readonly status: ItemStatus;
}

/**
 * One output item of a response.
 *
 * @example
 * ```ts
 * import type { ItemSnapshot } from 'rx-realtime';
 * const label = (it: ItemSnapshot): string => (it.type === 'function_call' ? it.name : it.role);
 * ```
 */
export type ItemSnapshot = MessageItemSnapshot | FunctionCallItemSnapshot;

/**
 * Something odd about the stream that the assembler repaired rather than failed on:
 * a delta for a response, item or part that was never announced (the stream was joined
 * midway), a `.done` payload that disagrees with the concatenated deltas (the `.done`
 * value wins), or an output item or content part of a type this version does not know (left
 * out of `output` / `content`).
 *
 * @example
 * ```ts
 * import type { AssemblyIssue } from 'rx-realtime';
 * const describe = (i: AssemblyIssue): string =>
 *   i.kind === 'done_mismatch' ? `${i.field}: '${i.assembled}' -> '${i.final}'` : `${i.kind} ${i.responseId}`;
 * ```
 */
export type AssemblyIssue =
  | {
      /** A delta or `.done` arrived for a response, item or part never announced; one was made up. */
      readonly kind: 'unannounced_response' | 'unannounced_item' | 'unannounced_part';
      /** The response concerned. */
      readonly responseId: string;
      /** The item concerned, for item and part issues. */
      readonly itemId?: string;
      /** The content part concerned, for part issues. */
      readonly contentIndex?: number;
      /** The `type` of the event that revealed it. */
      readonly eventType: string;
    }
  | {
      /** An audio delta was not valid base64; its bytes were left out of the part. */
      readonly kind: 'invalid_audio';
      /** The response concerned. */
      readonly responseId: string;
      /** The item concerned. */
      readonly itemId: string;
      /** The content part concerned. */
      readonly contentIndex: number;
      /** What was wrong with the delta. */
      readonly reason: string;
      /** The `type` of the delta. */
      readonly eventType: string;
    }
  | {
      /** A `.done` event's value differs from the deltas; the `.done` value wins. */
      readonly kind: 'done_mismatch';
      /** The response concerned. */
      readonly responseId: string;
      /** The item concerned. */
      readonly itemId: string;
      /** The content part concerned (absent for function-call arguments). */
      readonly contentIndex?: number;
      /** Which assembled value disagreed. */
      readonly field: 'text' | 'transcript' | 'arguments';
      /** What the deltas added up to. */
      readonly assembled: string;
      /** What the `.done` event said (and what the snapshot now holds). */
      readonly final: string;
      /** The `type` of the `.done` event that disagreed. */
      readonly eventType: string;
    }
  | {
      /** A content part of a type this version does not know; it is left out of `content`. */
      readonly kind: 'unknown_part';
      /** The response concerned. */
      readonly responseId: string;
      /** The item the part belongs to. */
      readonly itemId: string;
      /** Where the part sits in the item's content. */
      readonly contentIndex: number;
      /** The part's `type` on the wire. */
      readonly wireType: string;
      /** The `type` of the event that carried it first. */
      readonly eventType: string;
    }
  | {
      /** An output item of a type this version does not know; it is left out of `output`. */
      readonly kind: 'unknown_item';
      /** The response concerned. */
      readonly responseId: string;
      /** The item's id, when it has one. */
      readonly itemId?: string;
      /** Where the item sits in the response's output. */
      readonly outputIndex: number;
      /** The item's `type` on the wire. */
      readonly wireType: string;
      /** The `type` of the event that carried it first. */
      readonly eventType: string;
    };

/**
 * An immutable snapshot of one response, emitted by {@link assembleResponses}.
 *
 * @example
 * ```ts
 * import type { ResponseSnapshot } from 'rx-realtime';
 * declare const r: ResponseSnapshot;
 * if (r.status === 'completed') console.log(r.output.length, r.usage?.total_tokens, r.issues.length);
 * ```
 */
export interface ResponseSnapshot {
  /** The response id of `response.created`. */
  readonly id: string;
  /** `in_progress` until `response.done`, then its final status. */
  readonly status: ResponseStatus;
  /** Why the response ended that way (for `cancelled`, `incomplete`, `failed`). */
  readonly statusDetails?: ResponseStatusDetails;
  /** Token usage, from `response.done`. */
  readonly usage?: ResponseUsage;
  /** Output items in `output_index` order. */
  readonly output: readonly ItemSnapshot[];
  /** Repairs made while assembling this response (empty for a well-formed stream). */
  readonly issues: readonly AssemblyIssue[];
}
