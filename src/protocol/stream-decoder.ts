import { either } from 'fp-ts';
import type { Dialect, ServerEvent, ServerEventOf } from './canonical.js';
import {
  decodeOptions,
  decodeServerEvent,
  decodeServerFrame,
  type DecodeOptions,
} from './decode.js';
import type { DecodeError } from './errors.js';

type Item = ServerEventOf<'conversation.item.added'>['item'];

/**
 * Decodes a whole stream of server frames, one connection's worth, into canonical events.
 * Each frame yields zero or more events.
 */
export interface ServerEventDecoder {
  /** Decodes the text of one frame. */
  decodeFrame(text: string): either.Either<DecodeError, readonly ServerEvent[]>;
  /** Decodes one already-parsed event. */
  decodeEvent(json: unknown): either.Either<DecodeError, readonly ServerEvent[]>;
}

/**
 * Creates the decoder for one connection (options as for {@link decodeServerEvent}). For GA
 * it is {@link decodeServerEvent} frame by frame. For beta it also remembers what GA would have said and a single beta event cannot:
 *
 * - GA announces each conversation item twice, `conversation.item.added` then
 *   `conversation.item.done`. Beta says `conversation.item.created` once, so the decoder adds
 *   the `.done`: right away for finished items (user and client-created items), after the
 *   item's `response.output_item.done` for items the model is still producing.
 * - GA's `response.function_call_arguments.done` carries the function `name`, taken here
 *   from the item that announced the call.
 *
 * A beta stream and its GA twin therefore yield the same canonical sequence.
 *
 * @example
 * ```ts
 * import { createServerEventDecoder } from 'rx-realtime';
 * const decoder = createServerEventDecoder('beta');
 * const events = decoder.decodeFrame(frameText); // Right([...canonical events])
 * ```
 */
export function createServerEventDecoder(options?: Dialect | DecodeOptions): ServerEventDecoder {
  const full = decodeOptions(options);
  if ((full.dialect ?? 'ga') === 'ga') {
    const one = (r: either.Either<DecodeError, ServerEvent>) =>
      either.map((e: ServerEvent) => [e] as const)(r);
    return {
      decodeFrame: (text) => one(decodeServerFrame(text, full)),
      decodeEvent: (json) => one(decodeServerEvent(json, full)),
    };
  }
  // Items the model is still producing: id -> previous_item_id from their announcement.
  const openItems = new Map<string, string | null | undefined>();
  const callNames = new Map<string, string>();

  const follow = (event: ServerEvent): readonly ServerEvent[] => {
    switch (event.type) {
      case 'conversation.item.added': {
        rememberCall(event.item);
        if ('status' in event.item && event.item.status === 'in_progress' && event.item.id) {
          openItems.set(event.item.id, event.previous_item_id);
          return [event];
        }
        return [event, itemDone(event.event_id, event.item, event.previous_item_id)];
      }
      case 'response.output_item.added':
        rememberCall(event.item);
        return [event];
      case 'response.function_call_arguments.done': {
        const name = event.name || callNames.get(event.call_id) || '';
        return [name === event.name ? event : { ...event, name }];
      }
      case 'response.output_item.done': {
        const id = event.item.id;
        if (event.item.type === 'function_call' && event.item.call_id)
          callNames.delete(event.item.call_id);
        if (!id || !openItems.has(id)) return [event];
        const previous = openItems.get(id);
        openItems.delete(id);
        return [event, itemDone(event.event_id, event.item, previous)];
      }
      default:
        return [event];
    }
  };

  const rememberCall = (item: Item): void => {
    if (item.type === 'function_call' && item.call_id) callNames.set(item.call_id, item.name);
  };

  return {
    decodeFrame: (text) => either.map(follow)(decodeServerFrame(text, full)),
    decodeEvent: (json) => either.map(follow)(decodeServerEvent(json, full)),
  };
}

/** The `conversation.item.done` GA would send; its id is derived from the event it follows. */
function itemDone(
  eventId: string,
  item: Item,
  previousItemId: string | null | undefined,
): ServerEventOf<'conversation.item.done'> {
  return {
    type: 'conversation.item.done',
    event_id: `${eventId}.item_done`,
    item,
    ...(previousItemId !== undefined ? { previous_item_id: previousItemId } : {}),
  };
}
