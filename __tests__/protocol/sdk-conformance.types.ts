/**
 * Type-level conformance with the official `openai` SDK (devDependency, 7.59). This file is
 * checked by `npm run typecheck`; a mismatch that appears or disappears fails the build.
 */
import type {
  RealtimeClientEvent,
  RealtimeServerEvent,
  RealtimeTranslationClientEvent,
  RealtimeTranslationServerEvent,
} from 'openai/resources/realtime/realtime';
import type { ClientEvent, ServerEvent, UnknownMember } from '../../src/protocol/index.js';
import type {
  TranslationClientEvent,
  TranslationServerEvent,
} from '../../src/protocol/generated/events.js';
import type { UnknownValue } from '../../src/protocol/open-enum.js';

/**
 * Our events are readonly; the SDK's are mutable. Readonly is ours to add, so compare without
 * it. Decoding is also wider than the SDK on purpose (an enum value or an item/tool type newer
 * than the catalogue decodes): compare only the known part, without `UnknownValue` and
 * `UnknownMember`.
 */
type DeepMutable<T> = T extends UnknownMember | UnknownValue
  ? never
  : T extends (infer U)[] | readonly (infer U)[]
    ? DeepMutable<U>[]
    : T extends object
      ? { -readonly [K in keyof T]: DeepMutable<T[K]> }
      : T;

type Equal<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

// Library-local events (`local.*`) never come from the wire.
type Decoded = DeepMutable<
  Exclude<ServerEvent, { type: 'unknown' | `local.${string}` } | TranslationServerEvent>
>;
type ServerMismatch<E, Sdk = RealtimeServerEvent> = E extends { type: infer K }
  ? [E] extends [Extract<Sdk, { type: K }>]
    ? never
    : K
  : never;

/**
 * Where decoded events are not assignable to the SDK's `RealtimeServerEvent`, and why: each
 * is a place where the wire sends `null` (or leaves out a field) that the SDK types as
 * non-null (or required), recorded in the reference's `wire_overrides`:
 * - items: user `input_audio` content has `transcript: null` until transcribed;
 * - responses: `status_details: null` and `usage: null` on `response.created`, and items;
 * - sessions: `tracing`, `include`, `audio.input.transcription`/`noise_reduction` are `null`
 *   when unset, and the object carries `id`/`object`/`expires_at` the SDK's request type lacks;
 * - `…input_audio_transcription.completed`: `usage` is absent for whisper-1 and beta captures.
 */
type DocumentedServerMismatches =
  | 'conversation.item.added'
  | 'conversation.item.done'
  | 'conversation.item.retrieved'
  | 'response.output_item.added'
  | 'response.output_item.done'
  | 'response.created'
  | 'response.done'
  | 'session.created'
  | 'session.updated'
  | 'conversation.item.input_audio_transcription.completed';

export const serverConformance: Equal<ServerMismatch<Decoded>, DocumentedServerMismatches> = true;

/** Every event the SDK can build is accepted by our encoder's input type: no exceptions. */
type ClientMismatch<E> = E extends { type: infer K }
  ? [E] extends [Extract<ClientEvent, { type: K }>]
    ? never
    : K
  : never;
export const clientConformance: Equal<ClientMismatch<RealtimeClientEvent>, never> = true;

/** Translation sessions: decoded events are the SDK's, and the SDK's client events are ours. */
export const translationServerConformance: Equal<
  ServerMismatch<DeepMutable<TranslationServerEvent>, RealtimeTranslationServerEvent>,
  never
> = true;
type TranslationClientMismatch<E> = E extends { type: infer K }
  ? [E] extends [Extract<TranslationClientEvent, { type: K }>]
    ? never
    : K
  : never;
export const translationClientConformance: Equal<
  TranslationClientMismatch<RealtimeTranslationClientEvent>,
  never
> = true;
