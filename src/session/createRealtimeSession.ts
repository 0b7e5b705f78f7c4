import {
  BehaviorSubject,
  catchError,
  EMPTY,
  firstValueFrom,
  merge,
  mergeMap,
  NEVER,
  type Observable,
  ReplaySubject,
  share,
  Subject,
  Subscription,
  type SchedulerLike,
} from 'rxjs';
import { bytesToBase64, float32ToPcm16Bytes, int16ToPcm16Bytes } from '../audio/index.js';
import { assembleResponses, type ResponseSnapshot } from '../operators/index.js';
import {
  isEvent,
  type ClientEvent,
  type ClientEventOf,
  type ServerEvent,
  type ServerEventOf,
} from '../protocol/index.js';
import { ServerError } from '../transport/index.js';
import { awaitConfirmation, ConfirmationLostError } from './confirmation.js';
import {
  initialConversation,
  conversationState,
  type ConversationState,
} from './conversationState.js';
import { handshake, handshakeResult, type HandshakeResult } from './handshake.js';
import { interruptions, type Interruption, type InterruptionDeps } from './interruption.js';
import { responseMetrics, type ResponseMetrics } from './metrics.js';
import { recoveries, type Recovery, type RecoveryDeps } from './recovery.js';
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
  /** Sends a canonical client event. */
  next(event: ClientEvent): void;
  /** Closes the connection; called by the session's `close()` when present. */
  close?(): void;
  /** Connection state; when present, the session replays the conversation after a reconnect. */
  readonly state$?: RecoveryDeps['state$'];
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
  /**
   * Replay the conversation after a reconnect (needs `socket.state$`). Default `true`.
   */
  readonly recover?: boolean;
  /** Scheduler of tool timeouts, interruption timing and metrics. Default `asyncScheduler`. */
  readonly scheduler?: SchedulerLike;
  /** `event_id` of the handshake's `session.update`. */
  readonly handshakeEventId?: string;
  /** Makes the `event_id`s and item ids of the requests the session sends. Default: a counter. */
  readonly idGenerator?: () => string;
}

/**
 * What a request returns: the server's confirming event, then completion; or a `ServerError`
 * correlated to the request through its `event_id`; or `ConfirmationLostError` when the session
 * closed or the connection was replaced first. It replays, and the request is sent whether or
 * not anyone subscribes.
 */
export type Confirmation<K extends ServerEvent['type']> = Observable<ServerEventOf<K>>;

/** PCM16 as bytes, `Int16Array` samples, or `Float32Array` samples in [-1, 1]; or G.711 bytes. */
export type AudioInput = Uint8Array | Int16Array | Float32Array;

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
export type SessionReady =
  | HandshakeResult
  | {
      /** The socket closed before the handshake finished. */
      readonly kind: 'closed';
    };

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
  /**
   * One value per replay after a reconnect: the items re-created and what could not be
   * (audio without transcript...). Hot.
   */
  readonly recovery$: Observable<Recovery>;
  /** Timing and usage of each response, on the scheduler's clock. Hot. */
  readonly metrics$: Observable<ResponseMetrics>;
  /**
   * Push-to-talk (with `turn_detection: null`): the user starts a turn; clears the input audio
   * buffer so nothing said before counts.
   */
  startTalking(): Confirmation<'input_audio_buffer.cleared'>;
  /**
   * Push-to-talk: the user ends the turn; commits the input audio buffer and requests a
   * response (through the sequencer). Confirmed by the response's `response.created`.
   */
  stopTalking(overrides?: ResponseParams): Confirmation<'response.created'>;
  /**
   * Adds a user text message to the conversation (does not request a response). Confirmed
   * by the `conversation.item.added` of the item (its id is chosen here).
   */
  sendText(text: string): Confirmation<'conversation.item.added'>;
  /**
   * Requests a response, through the sequencer: it is sent once no other response is active.
   * Confirmed by the next `response.created` after it is sent; requests merged while waiting
   * share it.
   */
  createResponse(overrides?: ResponseParams): Confirmation<'response.created'>;
  /**
   * Changes session settings later (a partial update, like the handshake's). Confirmed by the
   * next `session.updated`, which carries the full effective session.
   */
  update(settings: SessionSettings): Confirmation<'session.updated'>;
  /** Cancels the active response. Confirmed by its `response.done` (`cancelled`). */
  cancelResponse(): Confirmation<'response.done'>;
  /** Deletes an item. Confirmed by `conversation.item.deleted`. */
  deleteItem(itemId: string): Confirmation<'conversation.item.deleted'>;
  /**
   * Appends audio to the input buffer (samples are converted to PCM16 little-endian bytes;
   * bytes are sent as they are, in the session's input format). The service acknowledges
   * appends with nothing, so this returns nothing; an error caused by it still reaches the
   * socket's `errors$`.
   */
  appendAudio(audio: AudioInput): void;
  /** Commits the input audio buffer. Confirmed by `input_audio_buffer.committed`. */
  commit(): Confirmation<'input_audio_buffer.committed'>;
  /** Throws away the buffered input audio. Confirmed by `input_audio_buffer.cleared`. */
  clearAudio(): Confirmation<'input_audio_buffer.cleared'>;
  /** Stops every unit and closes the socket. */
  close(): void;
}

/**
 * Wires the session units to one socket: {@link handshake}, {@link responseSequencer} (every
 * `response.create`, whoever asks, goes through it), {@link toolLoop}, {@link interruption},
 * {@link conversationState}, {@link recovery} (when the socket has `state$`) and
 * {@link responseMetrics}. Subscribes to the socket at once (which opens it); `close()`
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

  // A fatal socket failure is the socket's to report (its subscribers and errors$); inside the
  // session it ends the units' streams, so no unit's subscription sees an unhandled error.
  const events$ = socket.pipe(
    catchError(() => EMPTY),
    share(),
  );
  const requests$ = new Subject<ClientEventOf<'response.create'>>();
  const commands$ = new Subject<ClientEvent>();
  const ready$ = new ReplaySubject<SessionReady>(1);
  const conversation$ = new BehaviorSubject<ConversationState>(initialConversation);
  const interrupted$ = new Subject<Interruption>();
  const recovery$ = new Subject<Recovery>();
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
  const recovered$ =
    socket.state$ && options.recover !== false
      ? recoveries(events$, { state$: socket.state$ }).pipe(share())
      : NEVER;
  // Subscribed before the sequencer: the items are re-created before a waiting create is sent.
  subscription.add(
    recovered$.subscribe((recovered) => {
      recovered.events.forEach((e) => socket.next(e));
      recovery$.next(recovered);
    }),
  );
  const sent$ = new Subject<ClientEvent>();
  subscription.add(
    responseSequencer(events$, { requests$, reset$: recovered$ }).subscribe((e) => {
      sent$.next(e);
      socket.next(e);
    }),
  );
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
  const metrics$ = responseMetrics(events$, { scheduler: options.scheduler }).pipe(share());

  // Requests waiting for the server, so that close() and a reconnect can settle them.
  const losers = new Set<(why: string) => void>();
  let counter = 0;
  const prefix = Math.random().toString(36).slice(2, 8);
  const nextId = options.idGenerator ?? (() => `rxr_${prefix}_${(counter += 1)}`);
  const request = <K extends ServerEvent['type']>(
    event: ClientEvent,
    confirms: (e: ServerEvent) => e is ServerEventOf<K>,
  ): Confirmation<K> => {
    const eventId = nextId();
    const pending = awaitConfirmation(events$, event.type, eventId, confirms);
    losers.add(pending.lose);
    pending.confirmed$.subscribe({
      error: () => losers.delete(pending.lose),
      complete: () => losers.delete(pending.lose),
    });
    route({ ...event, event_id: eventId });
    return pending.confirmed$;
  };
  // response.create goes through the sequencer, which may merge requests and names the event
  // it sends; each request is confirmed by the response.created that follows that send.
  let unsent: ReplaySubject<ServerEventOf<'response.created'>>[] = [];
  let inFlight: { readonly eventId: string; readonly waiting: typeof unsent } | undefined;
  const settleCreates = (settle: (s: ReplaySubject<ServerEventOf<'response.created'>>) => void) => {
    inFlight?.waiting.forEach(settle);
    inFlight = undefined;
  };
  subscription.add(
    sent$.subscribe((e) => {
      if (e.type !== 'response.create') return;
      inFlight = { eventId: e.event_id ?? '', waiting: unsent };
      unsent = [];
    }),
  );
  subscription.add(
    events$.subscribe((e) => {
      if (e.type === 'response.created') settleCreates((s) => (s.next(e), s.complete()));
      if (e.type === 'error' && inFlight && e.error.event_id === inFlight.eventId) {
        const error = new ServerError(e, undefined);
        settleCreates((s) => s.error(error));
      }
    }),
  );
  const loseCreates = (why: string): void => {
    const lost = new ConfirmationLostError('response.create', why);
    settleCreates((s) => s.error(lost));
    unsent.splice(0).forEach((s) => s.error(lost));
  };
  losers.add(loseCreates);
  subscription.add(
    recovered$.subscribe(() =>
      settleCreates((s) =>
        s.error(new ConfirmationLostError('response.create', 'the connection was lost')),
      ),
    ),
  );

  const createResponse = (overrides?: ResponseParams): Confirmation<'response.created'> => {
    const confirmed = new ReplaySubject<ServerEventOf<'response.created'>>(1);
    unsent.push(confirmed);
    route(
      overrides ? { type: 'response.create', response: overrides } : { type: 'response.create' },
    );
    return confirmed.asObservable();
  };
  const commit = () =>
    request({ type: 'input_audio_buffer.commit' }, isEvent('input_audio_buffer.committed'));
  const clearAudio = () =>
    request({ type: 'input_audio_buffer.clear' }, isEvent('input_audio_buffer.cleared'));
  return {
    ready$: ready$.asObservable(),
    ready: () => firstValueFrom(ready$.asObservable(), { defaultValue: { kind: 'closed' } }),
    conversation$: conversation$.asObservable(),
    responses$,
    interrupted$: interrupted$.asObservable(),
    recovery$: recovery$.asObservable(),
    metrics$,
    startTalking: clearAudio,
    stopTalking: (overrides) => {
      commit();
      return createResponse(overrides);
    },
    sendText: (text) => {
      const id = `item_${nextId()}`;
      return request(
        {
          type: 'conversation.item.create',
          item: { id, type: 'message', role: 'user', content: [{ type: 'input_text', text }] },
        },
        isEvent('conversation.item.added', (e) => e.item.id === id),
      );
    },
    createResponse,
    update: (changes) =>
      request(
        { type: 'session.update', session: { ...changes, type: 'realtime' } },
        isEvent('session.updated'),
      ),
    cancelResponse: () =>
      request(
        { type: 'response.cancel' },
        isEvent('response.done', (e) => e.response.status === 'cancelled'),
      ),
    deleteItem: (itemId) =>
      request(
        { type: 'conversation.item.delete', item_id: itemId },
        isEvent('conversation.item.deleted', (e) => e.item_id === itemId),
      ),
    appendAudio: (audio) =>
      route({ type: 'input_audio_buffer.append', audio: bytesToBase64(toBytes(audio)) }),
    commit,
    clearAudio,
    close: () => {
      subscription.unsubscribe();
      [...losers].forEach((lose) => lose('the session was closed'));
      settle({ kind: 'closed' });
      interrupted$.complete();
      recovery$.complete();
      conversation$.complete();
      requests$.complete();
      commands$.complete();
      socket.close?.();
    },
  };
}

/** PCM16 little-endian bytes of audio samples; bytes pass through. */
function toBytes(audio: AudioInput): Uint8Array {
  if (audio instanceof Int16Array) return int16ToPcm16Bytes(audio);
  if (audio instanceof Float32Array) return float32ToPcm16Bytes(audio);
  return audio;
}
