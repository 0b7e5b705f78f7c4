import {
  connect,
  endWith,
  ignoreElements,
  map,
  merge,
  mergeMap,
  scan,
  takeUntil,
  type Observable,
} from 'rxjs';
import type { ClientEvent, ClientEventOf, ServerEvent } from '../protocol/index.js';
import type { SocketState } from '../transport/index.js';
import {
  conversationReducer,
  initialConversation,
  type ConversationState,
} from './conversationState.js';
import type { RealtimeItem } from './types.js';

/**
 * Why an item of the conversation was not replayed after a reconnect.
 *
 * - `audio-without-transcript`: only audio, and no transcript to stand in for it.
 * - `truncated`: an interrupted assistant audio item; the server had cleared its transcript.
 * - `empty`: no content at all (e.g. the item of a response the drop cut short).
 * - `unpaired-function-call`: a function call without its output, or an output without its call.
 * - `unsupported`: an item type the replay does not know (images, MCP items...).
 *
 * @example
 * ```ts
 * import type { ReplaySkipReason } from 'rx-realtime';
 * const reason: ReplaySkipReason = 'audio-without-transcript';
 * ```
 */
export type ReplaySkipReason =
  'audio-without-transcript' | 'truncated' | 'empty' | 'unpaired-function-call' | 'unsupported';

/**
 * What happened to one conversation item during a replay.
 *
 * @example
 * ```ts
 * import type { ReplayOutcome } from 'rx-realtime';
 * const outcome: ReplayOutcome = { kind: 'transcript-as-text', itemId: 'item_1' };
 * ```
 */
export type ReplayOutcome =
  | {
      /** The item was sent again as it was. */
      readonly kind: 'replayed';
      /** The item concerned. */
      readonly itemId: string;
    }
  | {
      /** An audio item replayed as the text of its transcript (the audio itself is lost). */
      readonly kind: 'transcript-as-text';
      /** The item concerned. */
      readonly itemId: string;
    }
  | {
      /** The item could not be replayed. */
      readonly kind: 'skipped';
      /** The item concerned. */
      readonly itemId: string;
      /** Why it was left out. */
      readonly reason: ReplaySkipReason;
    };

/**
 * One replay: the `conversation.item.create` events to send, and an outcome per item.
 *
 * @example
 * ```ts
 * import type { Recovery } from 'rx-realtime';
 * declare const recovery: Recovery;
 * const lost = recovery.outcomes.filter((o) => o.kind === 'skipped');
 * ```
 */
export interface Recovery {
  /** The `conversation.item.create` events that rebuild the conversation, in order. */
  readonly events: readonly ClientEventOf<'conversation.item.create'>[];
  /** What happened to each item of the conversation. */
  readonly outcomes: readonly ReplayOutcome[];
  /**
   * Input audio the dropped connection held uncommitted (appended after the server's last
   * `committed` or `cleared`), in milliseconds: the new server never heard it. Set by the
   * session, which counts what it appended.
   */
  readonly lostInputAudioMs?: number;
}

/**
 * Dependencies of {@link recovery} and {@link recoveries}: the socket's connection state
 * (a `RealtimeSocket`'s `state$` fits).
 *
 * @example
 * ```ts
 * import { of } from 'rxjs';
 * import type { RecoveryDeps } from 'rx-realtime';
 * const deps: RecoveryDeps = { state$: of({ kind: 'open' as const }) };
 * ```
 */
export interface RecoveryDeps {
  /** The socket's connection state; a return to `open` after a reconnect triggers the replay. */
  readonly state$: Observable<Pick<SocketState, 'kind'>>;
}

type Content = { readonly [key: string]: unknown };
type CreateItem = ClientEventOf<'conversation.item.create'>['item'];
type Part =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'transcript'; readonly text: string }
  | { readonly kind: 'lost'; readonly reason: ReplaySkipReason };

const contentOf = (item: RealtimeItem): readonly Content[] =>
  'content' in item && Array.isArray(item.content) ? (item.content as readonly Content[]) : [];

const str = (value: unknown): string | undefined =>
  typeof value === 'string' && value.length > 0 ? value : undefined;

function partOf(part: Content, truncated: boolean): Part {
  switch (part.type) {
    case 'input_text':
    case 'output_text':
    case 'text': {
      const text = str(part.text);
      return text ? { kind: 'text', text } : { kind: 'lost', reason: 'empty' };
    }
    case 'input_audio':
    case 'output_audio':
    case 'audio': {
      const text = str(part.transcript);
      if (text) return { kind: 'transcript', text };
      return { kind: 'lost', reason: truncated ? 'truncated' : 'audio-without-transcript' };
    }
    default:
      return { kind: 'lost', reason: 'unsupported' };
  }
}

function messageOf(
  item: Extract<RealtimeItem, { readonly type: 'message' }>,
  id: string,
  truncated: boolean,
): { readonly create?: CreateItem; readonly outcome: ReplayOutcome } {
  const parts = contentOf(item).map((c) => partOf(c, truncated));
  const texts = parts.flatMap((p) => (p.kind === 'lost' ? [] : [p.text]));
  if (texts.length === 0) {
    const lost = parts.find((p) => p.kind === 'lost');
    const reason = lost?.kind === 'lost' ? lost.reason : 'empty';
    return { outcome: { kind: 'skipped', itemId: id, reason } };
  }
  const outcome: ReplayOutcome = parts.some((p) => p.kind === 'transcript')
    ? { kind: 'transcript-as-text', itemId: id }
    : { kind: 'replayed', itemId: id };
  const create: CreateItem =
    item.role === 'assistant'
      ? {
          id,
          type: 'message',
          role: 'assistant',
          content: texts.map((text) => ({ type: 'output_text' as const, text })),
        }
      : {
          id,
          type: 'message',
          role: item.role,
          content: texts.map((text) => ({ type: 'input_text' as const, text })),
        };
  return { create, outcome };
}

/**
 * Pure: the replay of a conversation, in order. Text messages (user, system, assistant) are
 * re-created with their text; audio parts with a transcript are re-created as that text
 * (`transcript-as-text`); function calls are re-created with their outputs, only as complete
 * pairs. Items keep their ids, so the server's echoes update the client's conversation in place.
 * Items are appended in order (no `previous_item_id`): the server handles events in order.
 *
 * @example
 * ```ts
 * import { initialConversation, replayPlan } from 'rx-realtime';
 * replayPlan(initialConversation).events.length; // 0
 * ```
 */
export function replayPlan(conversation: ConversationState): Recovery {
  const entries = conversation.items;
  const calls = new Set<string>();
  const outputs = new Set<string>();
  for (const { item } of entries) {
    if (item.type === 'function_call' && item.call_id !== undefined) calls.add(item.call_id);
    if (item.type === 'function_call_output' && item.call_id !== undefined)
      outputs.add(item.call_id);
  }
  const events: ClientEventOf<'conversation.item.create'>[] = [];
  const outcomes: ReplayOutcome[] = [];
  for (const entry of entries) {
    const { id, item } = entry;
    if (item.type === 'message') {
      const { create, outcome } = messageOf(item, id, entry.truncated !== undefined);
      if (create) events.push({ type: 'conversation.item.create', item: create });
      outcomes.push(outcome);
    } else if (item.type === 'function_call' || item.type === 'function_call_output') {
      const callId = item.call_id;
      if (callId === undefined || !calls.has(callId) || !outputs.has(callId)) {
        outcomes.push({ kind: 'skipped', itemId: id, reason: 'unpaired-function-call' });
        continue;
      }
      const create: CreateItem =
        item.type === 'function_call'
          ? {
              id,
              type: 'function_call',
              call_id: callId,
              name: item.name,
              arguments: item.arguments ?? '',
            }
          : { id, type: 'function_call_output', call_id: callId, output: item.output };
      events.push({ type: 'conversation.item.create', item: create });
      outcomes.push({ kind: 'replayed', itemId: id });
    } else {
      outcomes.push({ kind: 'skipped', itemId: id, reason: 'unsupported' });
    }
  }
  return { events, outcomes };
}

/** What {@link recoveries} listens to: the events and the connection state, merged. */
type Input = { readonly event: ServerEvent } | { readonly state: Pick<SocketState, 'kind'> };

/** The conversation so far, whether the connection dropped, and the replay due now, if any. */
interface Progress {
  readonly conversation: ConversationState;
  readonly dropped: boolean;
  readonly recovery?: Recovery;
}

/** A drop is a `reconnecting`; the next `open` ends it with a replay, a `closed` without one. */
function step(progress: Progress, input: Input): Progress {
  const { conversation, dropped } = progress;
  if ('event' in input)
    return { conversation: conversationReducer(conversation, input.event), dropped };
  const { kind } = input.state;
  if (kind === 'open' && dropped)
    return { conversation, dropped: false, recovery: replayPlan(conversation) };
  return { conversation, dropped: kind === 'reconnecting' || (dropped && kind !== 'closed') };
}

/**
 * Emits a {@link Recovery} (the {@link replayPlan} of the conversation as it stood) each time
 * the socket is `open` again after `reconnecting`. The first open is not a recovery. The server
 * of a new connection starts with an empty conversation; the transport re-sends the session
 * settings itself, this restores the items. Completes when `events$` completes.
 *
 * @example
 * ```ts
 * import type { Observable } from 'rxjs';
 * import { recoveries, type RecoveryDeps, type ServerEvent } from 'rx-realtime';
 * declare const events$: Observable<ServerEvent>;
 * declare const deps: RecoveryDeps;
 * recoveries(events$, deps).subscribe((r) => console.log(r.outcomes));
 * ```
 */
export function recoveries(
  events$: Observable<ServerEvent>,
  deps: RecoveryDeps,
): Observable<Recovery> {
  return events$.pipe(
    connect((shared$) =>
      merge(
        shared$.pipe(map((event): Input => ({ event }))),
        deps.state$.pipe(
          map((state): Input => ({ state })),
          // The replays end with the events: nothing is left to replay once they complete.
          takeUntil(shared$.pipe(ignoreElements(), endWith(true))),
        ),
      ),
    ),
    scan(step, { conversation: initialConversation, dropped: false }),
    mergeMap((progress) => (progress.recovery ? [progress.recovery] : [])),
  );
}

/**
 * Session unit: the `conversation.item.create` events of {@link recoveries}, sent after a
 * reconnect to restore the conversation on the new server session.
 *
 * @example
 * ```ts
 * import type { Observable } from 'rxjs';
 * import { recovery, type RecoveryDeps, type ServerEvent } from 'rx-realtime';
 * declare const events$: Observable<ServerEvent>;
 * declare const deps: RecoveryDeps;
 * recovery(events$, deps).subscribe((e) => console.log(e.type));
 * ```
 */
export function recovery(
  events$: Observable<ServerEvent>,
  deps: RecoveryDeps,
): Observable<ClientEvent> {
  return recoveries(events$, deps).pipe(mergeMap((r) => r.events));
}
