import { distinctUntilChanged, scan, startWith, type Observable } from 'rxjs';
import type { ServerEvent } from '../protocol/index.js';
import type { RealtimeItem } from './types.js';

/**
 * Marks an assistant item the user interrupted: the server keeps its audio only up to
 * `audioEndMs` and drops the transcript of that part, so the transcript is cleared in `item`
 * and the text the model had produced is kept here for display.
 *
 * @example
 * ```ts
 * import type { Truncation } from 'rx-realtime';
 * const cut: Truncation = { contentIndex: 0, audioEndMs: 1200, transcriptBefore: 'Hello the' };
 * ```
 */
export interface Truncation {
  /** The audio content part that was cut. */
  readonly contentIndex: number;
  /** How much of that audio the user heard, in milliseconds; the server keeps this much. */
  readonly audioEndMs: number;
  /** The part's transcript as it was before the server cleared it. */
  readonly transcriptBefore: string;
}

/**
 * One item of the conversation, as the client knows it.
 *
 * @example
 * ```ts
 * import type { ConversationEntry } from 'rx-realtime';
 * declare const entry: ConversationEntry;
 * console.log(entry.id, entry.item.type, entry.truncated?.audioEndMs);
 * ```
 */
export interface ConversationEntry {
  /** The item id. */
  readonly id: string;
  /** The item in its canonical shape, with the content deltas applied so far. */
  readonly item: RealtimeItem;
  /** Set once `conversation.item.done` arrived. */
  readonly done: boolean;
  /** Present once the item was truncated by an interruption. */
  readonly truncated?: Truncation;
}

/**
 * The conversation: `items` in server order; `orphans` are items whose `previous_item_id` has
 * not arrived yet (placed as soon as it does).
 *
 * @example
 * ```ts
 * import { initialConversation } from 'rx-realtime';
 * initialConversation.items.length; // 0
 * ```
 */
export interface ConversationState {
  /** The placed items, in server order. */
  readonly items: readonly ConversationEntry[];
  /** Items waiting for their predecessor to arrive. */
  readonly orphans: readonly {
    /** The item waiting to be placed. */
    readonly entry: ConversationEntry;
    /** The `previous_item_id` it goes after. */
    readonly after: string;
  }[];
}

/**
 * The empty conversation.
 *
 * @example
 * ```ts
 * import { conversationReducer, initialConversation } from 'rx-realtime';
 * declare const event: Parameters<typeof conversationReducer>[1];
 * conversationReducer(initialConversation, event);
 * ```
 */
export const initialConversation: ConversationState = { items: [], orphans: [] };

type Content = { readonly [key: string]: unknown };

const contentOf = (item: RealtimeItem): readonly Content[] | undefined =>
  'content' in item && Array.isArray(item.content)
    ? (item.content as readonly Content[])
    : undefined;

const withContent = (item: RealtimeItem, content: readonly Content[]): RealtimeItem =>
  ({ ...item, content }) as RealtimeItem;

/** Places the orphans whose predecessor is now present, repeatedly (chains arrive reversed). */
function adopt(state: ConversationState): ConversationState {
  let { items, orphans } = state;
  for (;;) {
    const index = orphans.findIndex((o) => items.some((i) => i.id === o.after));
    if (index < 0) return { items, orphans };
    const orphan = orphans[index];
    orphans = orphans.filter((_, i) => i !== index);
    const at = items.findIndex((i) => i.id === orphan.after) + 1;
    items = [...items.slice(0, at), orphan.entry, ...items.slice(at)];
  }
}

function upsert(
  state: ConversationState,
  item: RealtimeItem,
  previous: string | null | undefined,
  done: boolean,
): ConversationState {
  const id = item.id;
  if (id === undefined) return state;
  const existing = state.items.find((i) => i.id === id);
  if (existing) {
    return {
      ...state,
      items: state.items.map((i) => (i.id === id ? { ...i, item, done: i.done || done } : i)),
    };
  }
  const orphan = state.orphans.find((o) => o.entry.id === id);
  const entry: ConversationEntry = { id, item, done: done || (orphan?.entry.done ?? false) };
  const orphans = state.orphans.filter((o) => o.entry.id !== id);
  if (previous === null || previous === undefined)
    return adopt({ items: [...state.items, entry], orphans });
  const at = state.items.findIndex((i) => i.id === previous);
  if (at < 0) return { items: state.items, orphans: [...orphans, { entry, after: previous }] };
  return adopt({
    items: [...state.items.slice(0, at + 1), entry, ...state.items.slice(at + 1)],
    orphans,
  });
}

function update(
  state: ConversationState,
  id: string,
  f: (entry: ConversationEntry) => ConversationEntry,
): ConversationState {
  return {
    items: state.items.map((i) => (i.id === id ? f(i) : i)),
    orphans: state.orphans.map((o) => (o.entry.id === id ? { ...o, entry: f(o.entry) } : o)),
  };
}

/**
 * Pure reducer of the conversation over canonical server events. Items are placed after their
 * `previous_item_id`; a null or absent one appends. An item whose predecessor is unknown waits
 * in `orphans` until it arrives. Handles `conversation.item.added` / `.done` / `.deleted` /
 * `.truncated` and `conversation.item.input_audio_transcription.completed`; other events return
 * the same state object.
 *
 * @example
 * ```ts
 * import { conversationReducer, initialConversation, type ServerEvent } from 'rx-realtime';
 * declare const events: readonly ServerEvent[];
 * const state = events.reduce(conversationReducer, initialConversation);
 * ```
 */
export function conversationReducer(
  state: ConversationState,
  event: ServerEvent,
): ConversationState {
  switch (event.type) {
    case 'conversation.item.added':
      return upsert(state, event.item, event.previous_item_id, false);
    case 'conversation.item.done':
      return upsert(state, event.item, event.previous_item_id, true);
    case 'conversation.item.deleted':
      return {
        items: state.items.filter((i) => i.id !== event.item_id),
        orphans: state.orphans.filter((o) => o.entry.id !== event.item_id),
      };
    case 'conversation.item.truncated':
      return update(state, event.item_id, (entry) => {
        const content = contentOf(entry.item) ?? [];
        const part = content[event.content_index];
        const transcriptBefore = typeof part?.transcript === 'string' ? part.transcript : '';
        return {
          ...entry,
          item: withContent(
            entry.item,
            content.map((c, i) => (i === event.content_index ? { ...c, transcript: '' } : c)),
          ),
          truncated: {
            contentIndex: event.content_index,
            audioEndMs: event.audio_end_ms,
            transcriptBefore,
          },
        };
      });
    case 'conversation.item.input_audio_transcription.completed':
      return update(state, event.item_id, (entry) => {
        const content = contentOf(entry.item);
        if (!content) return entry;
        return {
          ...entry,
          item: withContent(
            entry.item,
            content.map((c, i) =>
              i === event.content_index ? { ...c, transcript: event.transcript } : c,
            ),
          ),
        };
      });
    default:
      return state;
  }
}

/** The event types {@link conversationReducer} reads (the session routes only these to it). */
export const conversationEvents = [
  'conversation.item.added',
  'conversation.item.done',
  'conversation.item.deleted',
  'conversation.item.truncated',
  'conversation.item.input_audio_transcription.completed',
] as const;

/**
 * The conversation as a stream of states: starts with the empty conversation and emits on every
 * event that changes it.
 *
 * @example
 * ```ts
 * import type { Observable } from 'rxjs';
 * import { conversationState, type ServerEvent } from 'rx-realtime';
 * declare const events$: Observable<ServerEvent>;
 * conversationState(events$).subscribe((c) => console.log(c.items.length));
 * ```
 */
export function conversationState(events$: Observable<ServerEvent>): Observable<ConversationState> {
  return events$.pipe(
    scan(conversationReducer, initialConversation),
    startWith(initialConversation),
    distinctUntilChanged(),
  );
}

/**
 * What a message entry says: its texts and transcripts joined by spaces. The server drops the
 * transcript of an interrupted part, so an entry cut by `item.truncated` gives what had been
 * said before the cut. Empty for audio without a transcript and for other item types.
 *
 * @example
 * ```ts
 * import { entryText, type ConversationState } from 'rx-realtime';
 * declare const state: ConversationState;
 * const lines = state.items.map((entry) => `${entry.id}: ${entryText(entry)}`);
 * ```
 */
export function entryText(entry: ConversationEntry): string {
  const item = entry.item;
  if (item.type !== 'message') return '';
  const words = item.content
    .map((c) => ('text' in c && c.text) || ('transcript' in c && c.transcript) || '')
    .filter((w) => w !== '')
    .join(' ');
  return words || entry.truncated?.transcriptBefore || '';
}
