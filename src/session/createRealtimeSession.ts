import {
  BehaviorSubject,
  firstValueFrom,
  merge,
  mergeMap,
  type Observable,
  ReplaySubject,
  share,
  Subject,
  Subscription,
  type SchedulerLike,
} from 'rxjs';
import { bytesToBase64 } from '../audio/index.js';
import { assembleResponses, type ResponseSnapshot } from '../operators/index.js';
import type { ClientEvent, ClientEventOf, ServerEvent } from '../protocol/index.js';
import {
  initialConversation,
  conversationState,
  type ConversationState,
} from './conversationState.js';
import { handshake, handshakeResult, type HandshakeResult } from './handshake.js';
import { interruptions, type Interruption, type InterruptionDeps } from './interruption.js';
import { responseSequencer } from './responseSequencer.js';
import { toolLoop, type Tool } from './toolLoop.js';
import type { ResponseParams, SessionSettings } from './types.js';

/**
 * What a session needs from a socket: the server events, `next` to send, optionally `close`.
 * A `RealtimeSocket` fits.
 *
 * @example
 * ```ts
 * import { realtimeSocket, type SessionSocket } from 'rx-realtime';
 * const socket: SessionSocket = realtimeSocket({ model: 'gpt-realtime', apiKey: 'ek_...' });
 * ```
 */
export type SessionSocket = Observable<ServerEvent> & {
  next(event: ClientEvent): void;
  close?(): void;
};

/**
 * Options of {@link createRealtimeSession}.
 *
 * @example
 * ```ts
 * import type { RealtimeSessionOptions } from 'rx-realtime';
 * const options: RealtimeSessionOptions = { session: { instructions: 'Be brief.' }, tools: [] };
 * ```
 */
export interface RealtimeSessionOptions {
  /** Settings sent by the handshake. Default `{}`. */
  readonly session?: SessionSettings;
  /** Tools: declared in the handshake's `session.update` and run by the tool loop. Default none. */
  readonly tools?: readonly Tool[];
  /** Options of the interruption unit. Default `{}`. */
  readonly interruption?: InterruptionDeps;
  /** Scheduler of tool timeouts and interruption timing. Default `asyncScheduler`. */
  readonly scheduler?: SchedulerLike;
  /** `event_id` of the handshake's `session.update`. */
  readonly handshakeEventId?: string;
}

/**
 * How the handshake ended, or `closed` when the session ended first.
 *
 * @example
 * ```ts
 * import type { SessionReady } from 'rx-realtime';
 * declare const ready: SessionReady;
 * if (ready.kind !== 'ready') console.log('no session');
 * ```
 */
export type SessionReady = HandshakeResult | { readonly kind: 'closed' };

/**
 * A Realtime session wired to one socket. See {@link createRealtimeSession}.
 *
 * @example
 * ```ts
 * import type { RealtimeSession } from 'rx-realtime';
 * declare const session: RealtimeSession;
 * await session.ready();
 * session.sendText('Hello');
 * session.createResponse();
 * ```
 */
export interface RealtimeSession {
  /** One value when the handshake settles (replayed), then completes. */
  readonly ready$: Observable<SessionReady>;
  /** Resolves with the handshake's outcome (never rejects: errors are values). */
  ready(): Promise<SessionReady>;
  /** The conversation, replaying the current state. */
  readonly conversation$: Observable<ConversationState>;
  /** Responses assembled from deltas (hot: subscribe before requesting one). */
  readonly responses$: Observable<ResponseSnapshot>;
  /** Each time the user talked over playing assistant audio. */
  readonly interrupted$: Observable<Interruption>;
  /** Adds a user text message to the conversation (does not request a response). */
  sendText(text: string): void;
  /** Requests a response, through the sequencer. */
  createResponse(overrides?: ResponseParams): void;
  /** Cancels the active response. */
  cancelResponse(): void;
  /** Appends PCM/G.711 bytes to the input audio buffer. */
  appendAudio(bytes: Uint8Array): void;
  /** Commits the input audio buffer. */
  commit(): void;
  /** Stops every unit and closes the socket. */
  close(): void;
}

/**
 * Wires the session units to one socket: {@link handshake}, {@link responseSequencer} (every
 * `response.create`, whoever asks, goes through it), {@link toolLoop}, {@link interruption} and
 * {@link conversationState}. Subscribes to the socket at once (which opens it); `close()`
 * unsubscribes everything and closes it.
 *
 * @example
 * ```ts
 * import { createRealtimeSession, realtimeSocket } from 'rx-realtime';
 * const socket = realtimeSocket({ model: 'gpt-realtime', apiKey: 'ek_...' });
 * const session = createRealtimeSession(socket, { session: { output_modalities: ['text'] } });
 * session.responses$.subscribe((r) => console.log(r.status));
 * session.sendText('Hello');
 * session.createResponse();
 * ```
 */
export function createRealtimeSession(
  socket: SessionSocket,
  options: RealtimeSessionOptions = {},
): RealtimeSession {
  const tools = options.tools ?? [];
  const declared = tools.map((tool) => ({
    type: 'function' as const,
    name: tool.name,
    description: tool.description,
    parameters: tool.parameters,
  }));
  const settings: SessionSettings =
    declared.length > 0
      ? { ...options.session, tools: [...(options.session?.tools ?? []), ...declared] }
      : (options.session ?? {});
  const handshakeDeps = { session: settings, eventId: options.handshakeEventId };

  const events$ = socket.pipe(share());
  const requests$ = new Subject<ClientEventOf<'response.create'>>();
  const commands$ = new Subject<ClientEvent>();
  const ready$ = new ReplaySubject<SessionReady>(1);
  const conversation$ = new BehaviorSubject<ConversationState>(initialConversation);
  const interrupted$ = new Subject<Interruption>();
  const subscription = new Subscription();

  const route = (event: ClientEvent): void => {
    if (event.type === 'response.create') requests$.next(event);
    else socket.next(event);
  };

  const settle = (result: SessionReady): void => {
    if (ready$.closed || ready$.isStopped) return;
    ready$.next(result);
    ready$.complete();
  };
  subscription.add(
    handshakeResult(events$, handshakeDeps).subscribe({
      next: settle,
      complete: () => settle({ kind: 'closed' }),
    }),
  );
  subscription.add(conversationState(events$).subscribe((state) => conversation$.next(state)));
  subscription.add(responseSequencer(events$, { requests$ }).subscribe((e) => socket.next(e)));
  const cuts$ = interruptions(events$, {
    scheduler: options.scheduler,
    ...options.interruption,
  }).pipe(share());
  subscription.add(cuts$.subscribe((cut) => interrupted$.next(cut)));
  subscription.add(
    merge(
      handshake(events$, handshakeDeps),
      toolLoop(events$, { tools, scheduler: options.scheduler }),
      cuts$.pipe(mergeMap((cut) => cut.commands)),
      commands$,
    ).subscribe(route),
  );

  const responses$ = events$.pipe(assembleResponses());
  return {
    ready$: ready$.asObservable(),
    ready: () => firstValueFrom(ready$.asObservable(), { defaultValue: { kind: 'closed' } }),
    conversation$: conversation$.asObservable(),
    responses$,
    interrupted$: interrupted$.asObservable(),
    sendText: (text) =>
      route({
        type: 'conversation.item.create',
        item: { type: 'message', role: 'user', content: [{ type: 'input_text', text }] },
      }),
    createResponse: (overrides) =>
      route(
        overrides ? { type: 'response.create', response: overrides } : { type: 'response.create' },
      ),
    cancelResponse: () => route({ type: 'response.cancel' }),
    appendAudio: (bytes) =>
      route({ type: 'input_audio_buffer.append', audio: bytesToBase64(bytes) }),
    commit: () => route({ type: 'input_audio_buffer.commit' }),
    close: () => {
      subscription.unsubscribe();
      settle({ kind: 'closed' });
      interrupted$.complete();
      conversation$.complete();
      requests$.complete();
      commands$.complete();
      socket.close?.();
    },
  };
}
