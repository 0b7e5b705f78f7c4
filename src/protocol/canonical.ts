import type {
  ConversationItemCreatedEvent,
  GaClientEvent,
  GaServerEvent,
  TranslationClientEvent,
  TranslationServerEvent,
} from './generated/events.js';
import { itemToGa, type Json } from './beta-shapes.js';
import type { ConnectionLostEvent } from './local-events.js';
import { own } from './own.js';

/** The two wire dialects: `ga` (api.openai.com today) and `beta` (`OpenAI-Beta: realtime=v1`). */
export type Dialect = 'ga' | 'beta';

/**
 * Which Realtime endpoint a connection talks to: `realtime` (`/v1/realtime`, conversations and
 * transcription) or `translations` (`/v1/realtime/translations`, speech translation sessions
 * with their own events). Translation sessions are GA only.
 *
 * @example
 * ```ts
 * import { realtimeSocket, type Endpoint } from 'rx-realtime';
 * const endpoint: Endpoint = 'translations';
 * realtimeSocket({ model: 'gpt-realtime-translate', apiKey: 'ek_...', endpoint });
 * ```
 */
export type Endpoint = 'realtime' | 'translations';

/**
 * A server event whose `type` this version of rx-realtime does not know. It is passed
 * through, not dropped and not treated as an error, because the service adds events over time.
 *
 * @example
 * ```ts
 * import { decodeServerEvent } from 'rx-realtime';
 * const result = decodeServerEvent({ type: 'response.brand_new', event_id: 'event_1' });
 * // Right({ type: 'unknown', wireType: 'response.brand_new', raw: {...} })
 * ```
 */
export interface UnknownServerEvent {
  /** Marks an event whose wire `type` the decoder does not know (kept rather than dropped). */
  readonly type: 'unknown';
  /** The `type` as it arrived on the wire. */
  readonly wireType: string;
  /** The whole event as received. */
  readonly raw: { readonly [field: string]: unknown };
}

/**
 * A server event in the canonical vocabulary: GA names and shapes, whichever dialect was on
 * the wire. The legacy `conversation.item.created` arrives as `conversation.item.added`.
 * Translation-session events arrive on the `translations` endpoint only. The socket adds
 * library-local events (`local.*`, see {@link ConnectionLostEvent}).
 */
export type ServerEvent =
  | Exclude<GaServerEvent, ConversationItemCreatedEvent>
  | TranslationServerEvent
  | UnknownServerEvent
  | ConnectionLostEvent;

/** The `type` of every canonical server event. */
export type ServerEventType = ServerEvent['type'];

/** Narrows {@link ServerEvent} to the member with the given `type`. */
export type ServerEventOf<K extends ServerEventType> = Extract<
  ServerEvent,
  {
    /** The event type to select. */
    readonly type: K;
  }
>;

/**
 * A client event in the canonical (GA) vocabulary; the transport translates it for beta.
 * Translation-session events are sent on the `translations` endpoint.
 */
export type ClientEvent = GaClientEvent | TranslationClientEvent;

/** The `type` of every client event. */
export type ClientEventType = ClientEvent['type'];

/** Narrows {@link ClientEvent} to the member with the given `type`. */
export type ClientEventOf<K extends ClientEventType> = Extract<
  ClientEvent,
  {
    /** The event type to select. */
    readonly type: K;
  }
>;

const PART_TYPE: Record<string, string> = { output_text: 'text', output_audio: 'audio' };

const isJson = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function canonicalPart(part: unknown): unknown {
  const type =
    isJson(part) && typeof part.type === 'string' ? own(PART_TYPE, part.type) : undefined;
  return type === undefined ? part : { ...(part as Json), type };
}

/**
 * GA servers have been seen naming assistant content `text`/`audio` and parts
 * `output_text`/`output_audio` (reference §11), and sending the legacy
 * `conversation.item.created`. This rewrites those spellings on the raw event, before it is
 * validated, so the codecs stay exactly the protocol's. Only events that carry items or
 * parts are touched; every other event (all the deltas) costs one switch.
 */
export function canonicalGaWire(event: Json, type: string): Json {
  switch (type) {
    case 'conversation.item.created':
      return { ...event, type: 'conversation.item.added', item: itemToGa(event.item) };
    case 'conversation.item.added':
    case 'conversation.item.done':
    case 'conversation.item.retrieved':
    case 'response.output_item.added':
    case 'response.output_item.done': {
      const item = itemToGa(event.item);
      return item === event.item ? event : { ...event, item };
    }
    case 'response.content_part.added':
    case 'response.content_part.done': {
      const part = canonicalPart(event.part);
      return part === event.part ? event : { ...event, part };
    }
    case 'response.created':
    case 'response.done': {
      const response = event.response;
      if (!isJson(response) || !Array.isArray(response.output)) return event;
      const output: readonly unknown[] = response.output;
      const items = output.map(itemToGa);
      return items.every((item, i) => item === output[i])
        ? event
        : { ...event, response: { ...response, output: items } };
    }
    default:
      return event;
  }
}
