import type {
  ConversationItemCreatedEvent,
  GaClientEvent,
  GaServerEvent,
} from './generated/events.js';
import type { GaItem, ResponseContentPart } from './generated/resources.js';

/** The two wire dialects: `ga` (api.openai.com today) and `beta` (`OpenAI-Beta: realtime=v1`). */
export type Dialect = 'ga' | 'beta';

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
  readonly type: 'unknown';
  /** The `type` as it arrived on the wire. */
  readonly wireType: string;
  /** The whole event as received. */
  readonly raw: { readonly [field: string]: unknown };
}

/**
 * A server event in the canonical vocabulary: GA names and shapes, whichever dialect was on
 * the wire. The legacy `conversation.item.created` arrives as `conversation.item.added`.
 */
export type ServerEvent = Exclude<GaServerEvent, ConversationItemCreatedEvent> | UnknownServerEvent;

/** The `type` of every canonical server event. */
export type ServerEventType = ServerEvent['type'];

/** Narrows {@link ServerEvent} to the member with the given `type`. */
export type ServerEventOf<K extends ServerEventType> = Extract<ServerEvent, { readonly type: K }>;

/** A client event in the canonical (GA) vocabulary; the transport translates it for beta. */
export type ClientEvent = GaClientEvent;

/** The `type` of every client event. */
export type ClientEventType = ClientEvent['type'];

/** Narrows {@link ClientEvent} to the member with the given `type`. */
export type ClientEventOf<K extends ClientEventType> = Extract<ClientEvent, { readonly type: K }>;

/** GA servers have been seen naming assistant content and parts either way (reference §11). */
const ASSISTANT_CONTENT: Record<string, 'output_text' | 'output_audio'> = {
  text: 'output_text',
  audio: 'output_audio',
};
const PART_TYPE: Record<string, 'text' | 'audio'> = { output_text: 'text', output_audio: 'audio' };

/** An assistant item with content types in canonical GA form (`output_text` / `output_audio`). */
export function canonicalItem(item: GaItem): GaItem {
  if (item.type !== 'message' || item.role !== 'assistant') return item;
  if (!item.content.some((c) => c.type !== undefined && c.type in ASSISTANT_CONTENT)) return item;
  return {
    ...item,
    content: item.content.map((c) =>
      c.type !== undefined && c.type in ASSISTANT_CONTENT
        ? { ...c, type: ASSISTANT_CONTENT[c.type] }
        : c,
    ),
  };
}

/** A content part with the SDK's part types (`text` / `audio`). */
export function canonicalPart(part: ResponseContentPart): ResponseContentPart {
  return part.type !== undefined && part.type in PART_TYPE
    ? { ...part, type: PART_TYPE[part.type] }
    : part;
}

/**
 * Brings a decoded GA event into the canonical vocabulary. Only events that carry items or
 * parts can need it; every other event (all the deltas) is returned as it is, at no cost.
 */
export function canonicalGaEvent(event: GaServerEvent): ServerEvent {
  switch (event.type) {
    case 'conversation.item.created':
      return { ...event, type: 'conversation.item.added', item: canonicalItem(event.item) };
    case 'conversation.item.added':
    case 'conversation.item.done':
    case 'conversation.item.retrieved':
    case 'response.output_item.added':
    case 'response.output_item.done': {
      const item = canonicalItem(event.item);
      return item === event.item ? event : { ...event, item };
    }
    case 'response.content_part.added':
    case 'response.content_part.done': {
      const part = canonicalPart(event.part);
      return part === event.part ? event : { ...event, part };
    }
    case 'response.created':
    case 'response.done': {
      const output = event.response.output;
      if (!output) return event;
      const items = output.map(canonicalItem);
      return items.every((item, i) => item === output[i])
        ? event
        : { ...event, response: { ...event.response, output: items } };
    }
    default:
      return event;
  }
}
