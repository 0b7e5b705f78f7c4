import { Observable, type OperatorFunction } from 'rxjs';
import { base64ToBytes, type AudioChunksView, type AudioFormat } from '../audio/index.js';
import type { ServerEvent, ServerEventOf } from '../protocol/index.js';
import { PagedAudio } from './pagedAudio.js';

/**
 * Final state of a response as reported by `response.done` (or `in_progress` before it).
 *
 * @example
 * ```ts
 * import type { ResponseStatus } from 'rx-realtime';
 * const finished = (s: ResponseStatus): boolean => s !== 'in_progress';
 * ```
 */
export type ResponseStatus = 'in_progress' | 'completed' | 'cancelled' | 'incomplete' | 'failed';

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
 * Status of an output item.
 *
 * @example
 * ```ts
 * import type { ItemStatus } from 'rx-realtime';
 * const status: ItemStatus = 'incomplete';
 * ```
 */
export type ItemStatus = 'in_progress' | 'completed' | 'incomplete';

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
 * midway), or a `.done` payload that disagrees with the concatenated deltas (the `.done`
 * value wins).
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

/**
 * Options of {@link assembleResponses}.
 *
 * @example
 * ```ts
 * import { assembleResponses, type AssembleResponsesOptions } from 'rx-realtime';
 * const options: AssembleResponsesOptions = { audioFormat: 'g711_ulaw' };
 * const operator = assembleResponses(options);
 * ```
 */
export interface AssembleResponsesOptions {
  /** Output audio format, used for `durationMs`. Default `'pcm16'`. */
  readonly audioFormat?: AudioFormat;
}

interface PartBuilder {
  readonly index: number;
  readonly kind: 'text' | 'audio';
  /** The text of a text part, the transcript of an audio part. */
  text: string;
  readonly audio: PagedAudio | undefined;
  snap: ContentSnapshot;
}

interface ItemBuilder {
  readonly id: string;
  readonly outputIndex: number;
  readonly kind: 'message' | 'function_call';
  role: MessageItemSnapshot['role'];
  status: ItemStatus;
  callId: string;
  name: string;
  arguments: string;
  readonly parts: PartBuilder[];
  content: readonly ContentSnapshot[];
  snap: ItemSnapshot;
}

interface ResponseBuilder {
  readonly id: string;
  status: ResponseStatus;
  statusDetails: ResponseStatusDetails | undefined;
  usage: ResponseUsage | undefined;
  readonly items: ItemBuilder[];
  output: readonly ItemSnapshot[];
  issues: readonly AssemblyIssue[];
}

type AnyItem = ServerEventOf<'response.output_item.added'>['item'];

const EMPTY: readonly never[] = Object.freeze([]);

/** Copy of `array` with `array[index] = value`; the arrays here are as long as a response has items or parts. */
function replaceAt<T>(array: readonly T[], index: number, value: T): readonly T[] {
  const copy = array.slice();
  copy[index] = value;
  return Object.freeze(copy);
}

/** Inserts keeping `list` sorted by `key` (items usually arrive in order: O(1) then). */
function insertSorted<T>(list: T[], value: T, key: (v: T) => number): number {
  let i = list.length;
  while (i > 0 && key(list[i - 1]) > key(value)) i--;
  list.splice(i, 0, value);
  return i;
}

const partKind = (type: string | undefined): 'text' | 'audio' =>
  type === 'audio' || type === 'output_audio' ? 'audio' : 'text';

/**
 * Assembles the streamed events of each response into immutable {@link ResponseSnapshot}s:
 * one snapshot every time an event changes a response, the last one carrying the `status`,
 * `statusDetails` and `usage` of `response.done`.
 *
 * - Several responses in flight are kept apart by `response_id`.
 * - Cost per delta is independent of how many deltas came before: text grows by string
 *   concatenation, audio is appended to a chunk list in O(1) and exposed as an O(1)
 *   `view()`. Snapshots share structure: a delta rebuilds only the changed part object, its
 *   item object and the two small arrays on the path to it (`content`, `output`, whose
 *   lengths are the number of parts and items of the response, never the number of
 *   deltas). Every other part and item object is reused by reference, and no snapshot is
 *   ever mutated after it was emitted (all objects are frozen), so `prev !== next` tells
 *   what changed.
 * - A delta for a response, item or part that was never announced (stream joined midway)
 *   creates it on the fly and records an {@link AssemblyIssue}; a `.done` payload (text,
 *   transcript, arguments) replaces the assembled value, recording an issue if they differ.
 * - A response is forgotten after its `response.done`.
 *
 * @param options - see {@link AssembleResponsesOptions}.
 *
 * @example
 * ```ts
 * import { filter, type Observable } from 'rxjs';
 * import { assembleResponses, type ServerEvent } from 'rx-realtime';
 * declare const events$: Observable<ServerEvent>;
 * const finished$ = events$.pipe(
 *   assembleResponses({ audioFormat: 'pcm16' }),
 *   filter((r) => r.status !== 'in_progress'),
 * );
 * finished$.subscribe((r) => console.log(r.id, r.status, r.output));
 * ```
 */
export function assembleResponses(
  options: AssembleResponsesOptions = {},
): OperatorFunction<ServerEvent, ResponseSnapshot> {
  const format: AudioFormat = options.audioFormat ?? 'pcm16';
  return (source) =>
    new Observable<ResponseSnapshot>((subscriber) => {
      const responses = new Map<string, ResponseBuilder>();
      const items = new Map<
        string,
        { readonly response: ResponseBuilder; readonly item: ItemBuilder }
      >();

      const snapshot = (r: ResponseBuilder): ResponseSnapshot => {
        const s: {
          id: string;
          status: ResponseStatus;
          statusDetails?: ResponseStatusDetails;
          usage?: ResponseUsage;
          output: readonly ItemSnapshot[];
          issues: readonly AssemblyIssue[];
        } = { id: r.id, status: r.status, output: r.output, issues: r.issues };
        if (r.statusDetails !== undefined) s.statusDetails = r.statusDetails;
        if (r.usage !== undefined) s.usage = r.usage;
        return Object.freeze(s);
      };
      const emit = (r: ResponseBuilder): void => subscriber.next(snapshot(r));

      const report = (r: ResponseBuilder, issue: AssemblyIssue): void => {
        r.issues = Object.freeze([...r.issues, issue]);
      };

      const newResponse = (id: string): ResponseBuilder => {
        const r: ResponseBuilder = {
          id,
          status: 'in_progress',
          statusDetails: undefined,
          usage: undefined,
          items: [],
          output: EMPTY,
          issues: EMPTY,
        };
        responses.set(id, r);
        return r;
      };
      const responseFor = (id: string, eventType: string): ResponseBuilder => {
        const known = responses.get(id);
        if (known) return known;
        const r = newResponse(id);
        report(r, { kind: 'unannounced_response', responseId: id, eventType });
        return r;
      };

      const itemSnap = (it: ItemBuilder): ItemSnapshot =>
        it.kind === 'message'
          ? Object.freeze({
              id: it.id,
              type: 'message' as const,
              role: it.role,
              status: it.status,
              content: it.content,
            })
          : Object.freeze({
              id: it.id,
              type: 'function_call' as const,
              callId: it.callId,
              name: it.name,
              arguments: it.arguments,
              status: it.status,
            });

      const partSnap = (p: PartBuilder): ContentSnapshot => {
        if (p.kind === 'text') return Object.freeze({ type: 'text' as const, text: p.text });
        return Object.freeze({
          type: 'audio' as const,
          transcript: p.text,
          audio: (p.audio as PagedAudio).view(),
        });
      };

      /** Re-freezes the path from an item to its response after the item changed. */
      const itemChanged = (r: ResponseBuilder, it: ItemBuilder): void => {
        it.snap = itemSnap(it);
        r.output = replaceAt(r.output, r.items.indexOf(it), it.snap);
      };
      const partChanged = (r: ResponseBuilder, it: ItemBuilder, p: PartBuilder): void => {
        p.snap = partSnap(p);
        it.content = replaceAt(it.content, it.parts.indexOf(p), p.snap);
        itemChanged(r, it);
      };

      const addItem = (
        r: ResponseBuilder,
        id: string,
        outputIndex: number,
        init: Partial<
          Pick<ItemBuilder, 'kind' | 'role' | 'status' | 'callId' | 'name' | 'arguments'>
        >,
      ): ItemBuilder => {
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
        it.snap = itemSnap(it);
        const at = insertSorted(r.items, it, (x) => x.outputIndex);
        const output = r.output.slice();
        output.splice(at, 0, it.snap);
        r.output = Object.freeze(output);
        items.set(id, { response: r, item: it });
        return it;
      };

      const itemFrom = (
        r: ResponseBuilder,
        item: AnyItem,
        outputIndex: number,
      ): ItemBuilder | undefined => {
        if (item.id === undefined) return undefined;
        if (item.type === 'function_call') {
          return addItem(r, item.id, outputIndex, {
            kind: 'function_call',
            status: item.status ?? 'in_progress',
            callId: item.call_id ?? '',
            name: item.name,
            arguments: item.arguments,
          });
        }
        if (item.type === 'message') {
          return addItem(r, item.id, outputIndex, {
            kind: 'message',
            role: item.role,
            status: item.status ?? 'in_progress',
          });
        }
        return undefined;
      };

      const itemFor = (
        r: ResponseBuilder,
        itemId: string,
        outputIndex: number,
        eventType: string,
        kind: 'message' | 'function_call',
        callId = '',
      ): ItemBuilder => {
        const known = items.get(itemId);
        if (known) return known.item;
        report(r, { kind: 'unannounced_item', responseId: r.id, itemId, eventType });
        return addItem(r, itemId, outputIndex, { kind, callId });
      };

      const addPart = (
        r: ResponseBuilder,
        it: ItemBuilder,
        index: number,
        kind: 'text' | 'audio',
        text: string,
      ): PartBuilder => {
        const p: PartBuilder = {
          index,
          kind,
          text,
          audio: kind === 'audio' ? new PagedAudio(format) : undefined,
          snap: undefined as unknown as ContentSnapshot,
        };
        p.snap = partSnap(p);
        const at = insertSorted(it.parts, p, (x) => x.index);
        const content = it.content.slice();
        content.splice(at, 0, p.snap);
        it.content = Object.freeze(content);
        itemChanged(r, it);
        return p;
      };

      const partFor = (
        r: ResponseBuilder,
        it: ItemBuilder,
        index: number,
        kind: 'text' | 'audio',
        eventType: string,
      ): PartBuilder => {
        for (const p of it.parts) if (p.index === index) return p;
        report(r, {
          kind: 'unannounced_part',
          responseId: r.id,
          itemId: it.id,
          contentIndex: index,
          eventType,
        });
        return addPart(r, it, index, kind, '');
      };

      /** Applies a final text / transcript; returns whether anything changed. */
      const finalText = (
        r: ResponseBuilder,
        it: ItemBuilder,
        p: PartBuilder,
        value: string | undefined,
        eventType: string,
      ): boolean => {
        if (value === undefined || value === p.text) return false;
        report(r, {
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
      };

      const finalArguments = (
        r: ResponseBuilder,
        it: ItemBuilder,
        value: string,
        eventType: string,
      ): boolean => {
        if (value === it.arguments) return false;
        report(r, {
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
      };

      /** Brings an item in line with a final item payload (output_item.done / response.done). */
      const reconcileItem = (
        r: ResponseBuilder,
        item: AnyItem,
        outputIndex: number,
        eventType: string,
      ): boolean => {
        if (item.id === undefined) return false;
        const known = items.get(item.id)?.item;
        if (!known) {
          const created = itemFrom(r, item, outputIndex);
          if (!created) return false;
          report(r, { kind: 'unannounced_item', responseId: r.id, itemId: item.id, eventType });
          if (item.type === 'message' && item.role === 'assistant') {
            item.content.forEach((c, i) =>
              addPart(r, created, i, partKind(c.type), c.text ?? c.transcript ?? ''),
            );
          }
          return true;
        }
        let changed = false;
        if (item.type === 'function_call' && known.kind === 'function_call') {
          changed = finalArguments(r, known, item.arguments, eventType) || changed;
          if (
            item.name !== known.name ||
            (item.call_id !== undefined && item.call_id !== known.callId)
          ) {
            known.name = item.name;
            known.callId = item.call_id ?? known.callId;
            changed = true;
          }
        }
        if (item.type === 'message' && item.role === 'assistant' && known.kind === 'message') {
          item.content.forEach((c, i) => {
            const p = known.parts.find((q) => q.index === i);
            if (!p) {
              report(r, {
                kind: 'unannounced_part',
                responseId: r.id,
                itemId: known.id,
                contentIndex: i,
                eventType,
              });
              addPart(r, known, i, partKind(c.type), c.text ?? c.transcript ?? '');
              changed = true;
            } else {
              changed =
                finalText(r, known, p, p.kind === 'text' ? c.text : c.transcript, eventType) ||
                changed;
            }
          });
        }
        const status =
          item.type === 'message' || item.type === 'function_call' ? item.status : undefined;
        if (status !== undefined && status !== known.status) {
          known.status = status;
          changed = true;
        }
        if (changed) itemChanged(r, known);
        return changed;
      };

      const onEvent = (e: ServerEvent): void => {
        switch (e.type) {
          case 'response.created': {
            const id = e.response.id;
            if (id === undefined || responses.has(id)) return;
            emit(newResponse(id));
            return;
          }
          case 'response.output_item.added': {
            const r = responseFor(e.response_id, e.type);
            if (e.item.id === undefined || items.has(e.item.id)) return;
            if (itemFrom(r, e.item, e.output_index)) emit(r);
            return;
          }
          case 'response.content_part.added': {
            const r = responseFor(e.response_id, e.type);
            const it = itemFor(r, e.item_id, e.output_index, e.type, 'message');
            if (it.parts.some((p) => p.index === e.content_index)) return;
            addPart(
              r,
              it,
              e.content_index,
              partKind(e.part.type),
              e.part.text ?? e.part.transcript ?? '',
            );
            emit(r);
            return;
          }
          case 'response.output_text.delta':
          case 'response.output_audio_transcript.delta': {
            const r = responseFor(e.response_id, e.type);
            const it = itemFor(r, e.item_id, e.output_index, e.type, 'message');
            const kind = e.type === 'response.output_text.delta' ? 'text' : 'audio';
            const p = partFor(r, it, e.content_index, kind, e.type);
            p.text += e.delta;
            partChanged(r, it, p);
            emit(r);
            return;
          }
          case 'response.output_audio.delta': {
            const r = responseFor(e.response_id, e.type);
            const it = itemFor(r, e.item_id, e.output_index, e.type, 'message');
            const p = partFor(r, it, e.content_index, 'audio', e.type);
            if (!p.audio) return; // audio bytes for a text part: nothing sensible to do with them
            p.audio.append(base64ToBytes(e.delta));
            partChanged(r, it, p);
            emit(r);
            return;
          }
          case 'response.output_text.done':
          case 'response.output_audio_transcript.done': {
            const r = responseFor(e.response_id, e.type);
            const it = itemFor(r, e.item_id, e.output_index, e.type, 'message');
            const kind = e.type === 'response.output_text.done' ? 'text' : 'audio';
            const p = partFor(r, it, e.content_index, kind, e.type);
            const value = e.type === 'response.output_text.done' ? e.text : e.transcript;
            if (finalText(r, it, p, value, e.type)) emit(r);
            return;
          }
          case 'response.content_part.done': {
            const r = responseFor(e.response_id, e.type);
            const it = itemFor(r, e.item_id, e.output_index, e.type, 'message');
            const p = partFor(r, it, e.content_index, partKind(e.part.type), e.type);
            if (finalText(r, it, p, p.kind === 'text' ? e.part.text : e.part.transcript, e.type))
              emit(r);
            return;
          }
          case 'response.function_call_arguments.delta': {
            const r = responseFor(e.response_id, e.type);
            const it = itemFor(r, e.item_id, e.output_index, e.type, 'function_call', e.call_id);
            it.arguments += e.delta;
            itemChanged(r, it);
            emit(r);
            return;
          }
          case 'response.function_call_arguments.done': {
            const r = responseFor(e.response_id, e.type);
            const it = itemFor(r, e.item_id, e.output_index, e.type, 'function_call', e.call_id);
            let changed = finalArguments(r, it, e.arguments, e.type);
            if (e.name !== it.name) {
              it.name = e.name;
              itemChanged(r, it);
              changed = true;
            }
            if (changed) emit(r);
            return;
          }
          case 'response.output_item.done': {
            const r = responseFor(e.response_id, e.type);
            if (reconcileItem(r, e.item, e.output_index, e.type)) emit(r);
            return;
          }
          case 'response.done': {
            const id = e.response.id;
            if (id === undefined) return;
            const r = responseFor(id, e.type);
            (e.response.output ?? []).forEach((item, i) => reconcileItem(r, item, i, e.type));
            r.status = e.response.status ?? 'completed';
            r.statusDetails = e.response.status_details ?? undefined;
            r.usage = e.response.usage ?? undefined;
            responses.delete(id);
            for (const it of r.items) items.delete(it.id);
            emit(r);
            return;
          }
          default:
            return;
        }
      };

      return source.subscribe({
        next: onEvent,
        error: (err: unknown) => subscriber.error(err),
        complete: () => subscriber.complete(),
      });
    });
}
