import {
  asapScheduler,
  asyncScheduler,
  BehaviorSubject,
  catchError,
  connectable,
  distinctUntilChanged,
  EMPTY,
  firstValueFrom,
  ignoreElements,
  map,
  merge,
  observeOn,
  ReplaySubject,
  share,
  Subject,
  Subscription,
  takeWhile,
  throwError,
} from 'rxjs';
import {
  bytesToBase64,
  checkAudioChunk,
  float32ToPcm16Bytes,
  int16ToPcm16Bytes,
} from '../audio/index.js';
import { assembleFinishedResponses, finishCutResponses, mcpCalls } from '../operators/index.js';
import {
  encodeClientEvent,
  type ClientEvent,
  type ClientEventOf,
  type EncodeError,
  type ServerEvent,
  type ServerEventOf,
} from '../protocol/index.js';
import { ConfirmationLostError } from './confirmation.js';
import {
  conversationEvents,
  entryText,
  initialConversation,
  conversationState,
  type ConversationState,
} from './conversationState.js';
import { EventRouter } from './eventRouter.js';
import { expiryEvents, expiryRecycling } from './expiryRecycling.js';
import { HANDSHAKE_EVENT_ID } from './handshake.js';
import { InputAudioMeter } from './inputAudioMeter.js';
import { interruptionEvents, interruptions, type Interruption } from './interruption.js';
import { responseMetrics } from './metrics.js';
import { replayPlan, type Recovery } from './recovery.js';
import { RequestLedger, serverErrorOf, type AtDrop } from './requestLedger.js';
import { responseSequencer, sequencerEvents, type ResponseRequest } from './responseSequencer.js';
import {
  describeEnd,
  type EffectiveSession,
  type SessionEnd,
  type SessionState,
} from './sessionState.js';
import { mergeSettings, withTools } from './settings.js';
import { toolLoopEvents, toolRuns, validateTools } from './toolLoop.js';
import type { ToolCallUpdate } from './toolRun.js';
import type { ResponseParams } from './types.js';

import type {
  AudioInput,
  Confirmation,
  RealtimeSession,
  RealtimeSessionOptions,
  SessionReady,
  SessionSocket,
} from './sessionApi.js';

/**
 * Wires the session units to one socket and owns the lifecycle (see {@link SessionState}):
 * the handshake on every new connection, {@link responseSequencer} (every `response.create`,
 * whoever asks, goes through it), {@link toolLoop}, {@link interruptions},
 * {@link conversationState}, the replay of {@link replayPlan} after a reconnect, and
 * {@link responseMetrics}.
 *
 * Every request ends in exactly one outcome: confirmed by its own server event, failed with
 * its `EncodeError` or correlated `ServerError`, or `ConfirmationLostError` with the reason.
 * Requests made before the session is ready wait and are sent in call order once it is (so the
 * first response uses the configured session). At a dropped connection, requests that are
 * safe to repeat are sent again after the replay (items with their client-chosen id, session
 * updates, buffer clears, item deletions, a `response.create` never answered), the others fail
 * with `ConfirmationLostError`. After the end, every method fails at once and no connection is
 * opened again.
 *
 * @example
 * ```ts
 * import { createRealtimeSession, realtimeSocket } from 'rx-realtime';
 * const socket = realtimeSocket({ model: 'gpt-realtime', apiKey: 'ek_...' });
 * const session = createRealtimeSession(socket, { session: { output_modalities: ['text'] } });
 * session.responses$.subscribe((r) => console.log(r.status));
 * // Sent once the session is configured, in this order.
 * session.sendText('Hello');
 * session.createResponse();
 * ```
 */
export function createRealtimeSession(
  socket: SessionSocket,
  options: RealtimeSessionOptions = {},
): RealtimeSession {
  const tools = options.tools ?? [];
  validateTools(tools);
  const scheduler = options.scheduler ?? asyncScheduler;
  const handshakeId = options.handshakeEventId ?? HANDSHAKE_EVENT_ID;
  const nextId = options.idGenerator ?? counterIds();
  let settings = withTools(options.session ?? {}, tools);

  const state$ = new BehaviorSubject<SessionState>(
    options.lazy ? { kind: 'idle' } : { kind: 'connecting' },
  );
  const ready$ = new ReplaySubject<SessionReady>(1);
  const ownErrors$ = new Subject<Error>();
  const conversation$ = new BehaviorSubject<ConversationState>(initialConversation);
  const interrupted$ = new Subject<Interruption>();
  const recovery$ = new Subject<Recovery>();
  const toolCalls$ = new Subject<ToolCallUpdate>();
  const responseRequests$ = new Subject<ResponseRequest>();
  const reset$ = new Subject<void>();
  const lost$ = new Subject<string>();
  const ledger = new RequestLedger();
  const inputAudio = new InputAudioMeter();
  const subscription = new Subscription();

  // A fatal socket failure is the socket's to report (its subscribers and errors$); inside the
  // session it ends the units' streams and the lifecycle says why. Connected explicitly, so a
  // lazy session opens nothing until it starts, and nothing reconnects after the end. Each unit
  // takes only the event types it reads from the router.
  let fatal: Error | undefined;
  const router = new EventRouter();
  const events$ = connectable(
    socket.pipe(
      catchError((err: unknown) => {
        fatal = err instanceof Error ? err : new Error(String(err));
        return EMPTY;
      }),
      finishCutResponses(),
    ),
    { connector: () => router, resetOnDisconnect: false },
  );

  // Errors built here quote server events and sent requests: no secret may remain in them.
  const redact = <T>(value: T): T => (socket.redact ? socket.redact(value) : value);
  const serverError = (e: ServerEventOf<'error'>, sent: ClientEvent) =>
    redact(serverErrorOf(e, sent));
  const isClosed = (): boolean => state$.value.kind === 'closed';
  const isReady = (): boolean => state$.value.kind === 'ready';
  const validate = (event: ClientEvent): EncodeError | undefined => {
    if (socket.validate) return socket.validate(event);
    const encoded = encodeClientEvent(event, socket.dialect ?? 'ga');
    return encoded._tag === 'Left' ? encoded.left : undefined;
  };
  const sendHeld = (): void => {
    for (const request of ledger.release()) socket.next(request.event);
  };
  const settleReady = (result: SessionReady): void => {
    if (ready$.isStopped) return;
    ready$.next(result);
    ready$.complete();
  };

  // Lifecycle.
  let everReady = false;
  let reconnected = false;
  let skipUpdated = 0;
  let lostInputAudioMs = 0;
  const end = (reason: SessionEnd): void => {
    if (isClosed()) return;
    state$.next({ kind: 'closed', end: reason });
    const why = describeEnd(reason);
    const failed =
      reason.kind === 'handshake_failed' || (reason.kind === 'transport_failed' && !everReady);
    settleReady(failed ? { kind: 'failed', error: reason.error } : { kind: 'closed', end: reason });
    ledger.loseAll(why);
    lost$.next(why);
    subscription.unsubscribe();
    // errors$ stays open: what the app does after the end is still reported there.
    for (const subject of [conversation$, interrupted$, recovery$, toolCalls$, responseRequests$])
      subject.complete();
    socket.close?.();
  };
  const configure = (): void => {
    if (isClosed()) return;
    const event = handshakeEvent();
    const refused = validate(event);
    if (refused) return end({ kind: 'handshake_failed', error: refused });
    state$.next({ kind: 'configuring', reconnected });
    socket.next(event);
  };
  const configured = (session: EffectiveSession): void => {
    const state = state$.value;
    if (state.kind === 'ready') return state$.next({ kind: 'ready', session });
    if (state.kind !== 'configuring') return;
    if (skipUpdated > 0) {
      skipUpdated -= 1; // the socket's own replay of the previous configuration
      return;
    }
    if (state.reconnected && options.recover !== false) replay();
    sendHeld();
    everReady = true;
    state$.next({ kind: 'ready', session });
    settleReady({ kind: 'ready', session });
  };
  const replay = (): void => {
    state$.next({ kind: 'replaying' });
    const plan = replayPlan(conversation$.value);
    plan.events.forEach((event) => socket.next(event));
    recovery$.next({ ...plan, lostInputAudioMs });
  };
  const dropped = (): void => {
    const kind = state$.value.kind;
    if (kind === 'closed' || kind === 'reconnecting' || kind === 'idle') return;
    reconnected = true;
    skipUpdated = socket.replaysSessionUpdate ? 1 : 0;
    lostInputAudioMs = inputAudio.takeLostMs();
    state$.next({ kind: 'reconnecting' });
    ledger.drop('the connection was lost');
    reset$.next();
  };
  const onError = (e: ServerEventOf<'error'>): void => {
    if (e.error.event_id === handshakeId && state$.value.kind === 'configuring')
      end({ kind: 'handshake_failed', error: serverError(e, handshakeEvent()) });
    else if (e.error.code === 'session_expired')
      end({ kind: 'session_expired', error: serverError(e, handshakeEvent()) });
  };
  /** The handshake's `session.update`: the settings given at creation with every update merged in. */
  function handshakeEvent(): ClientEvent {
    return {
      type: 'session.update',
      event_id: handshakeId,
      session: { ...settings, type: 'realtime' },
    };
  }
  const control = (e: ServerEvent): void => {
    ledger.observe(e, serverError);
    inputAudio.observe(e);
    switch (e.type) {
      case 'session.created':
        return configure();
      case 'session.updated':
        return configured(e.session);
      case 'error':
        return onError(e);
      case 'local.connection_lost':
        if (e.willReconnect) dropped();
        return;
      default:
        return;
    }
  };

  // Requests.
  const whyEnded = (): string => {
    const state = state$.value;
    return state.kind === 'closed' ? describeEnd(state.end) : 'the session was closed';
  };
  const lostNow = <K extends ServerEvent['type']>(type: string): Confirmation<K> =>
    throwError(() => new ConfirmationLostError(type, whyEnded()));
  const send = <K extends ConfirmedBy>(
    event: ClientEvent,
    confirmType: K,
    confirms: (e: ServerEventOf<K>) => boolean,
    atDrop: AtDrop,
  ): Confirmation<K> => {
    if (isClosed()) return lostNow(event.type);
    start();
    const withId = { ...event, event_id: nextId() };
    const refused = validate(withId);
    if (refused) return throwError(() => refused);
    const result = new ReplaySubject<ServerEventOf<K>>(1);
    ledger.hold({
      event: withId,
      expects: {
        confirmType,
        confirms: (e) => confirms(e as ServerEventOf<K>),
        atDrop,
        result: {
          next: (e) => result.next(e as ServerEventOf<K>),
          error: (err: unknown) => result.error(err),
          complete: () => result.complete(),
        },
      },
    });
    if (isReady()) sendHeld();
    return result.asObservable();
  };
  const addItem = (
    item: ClientEventOf<'conversation.item.create'>['item'],
  ): Confirmation<'conversation.item.added'> => {
    const id = item.id ?? `item_${nextId()}`;
    return send(
      { type: 'conversation.item.create', item: { ...item, id } },
      'conversation.item.added',
      (e) => e.item.id === id,
      'resend',
    );
  };
  const createResponse = (overrides?: ResponseParams): Confirmation<'response.created'> => {
    if (isClosed()) return lostNow('response.create');
    start();
    const event: ClientEventOf<'response.create'> = overrides
      ? { type: 'response.create', response: overrides }
      : { type: 'response.create' };
    const refused = validate(event);
    if (refused) return throwError(() => refused);
    const confirmation = new ReplaySubject<ServerEventOf<'response.created'>>(1);
    responseRequests$.next({ event, confirmation });
    return confirmation.asObservable();
  };
  const commit = () =>
    send({ type: 'input_audio_buffer.commit' }, 'input_audio_buffer.committed', () => true, 'lose');
  const clearAudio = () =>
    send({ type: 'input_audio_buffer.clear' }, 'input_audio_buffer.cleared', () => true, 'resend');

  // Units.
  // A unit that raises an exception ends the session with the reason, instead of leaving it
  // running with that part dead (and the error unhandled).
  const failed =
    (unit: string) =>
    (err: unknown): void =>
      end({
        kind: 'unit_failed',
        unit,
        error: err instanceof Error ? err : new Error(String(err)),
      });
  const lifecycleFailed = failed('lifecycle');
  subscription.add(
    router.on(controlEvents).subscribe({
      next: (e) => {
        try {
          control(e);
        } catch (err) {
          lifecycleFailed(err);
        }
      },
      error: lifecycleFailed,
      complete: () =>
        end(fatal ? { kind: 'transport_failed', error: fatal } : { kind: 'socket_ended' }),
    }),
  );
  subscription.add(
    conversationState(router.on(conversationEvents)).subscribe({
      next: (state) => conversation$.next(state),
      error: failed('conversation'),
    }),
  );
  if (socket.state$)
    subscription.add(
      socket.state$.subscribe((s) => {
        if (s.kind === 'reconnecting') dropped();
      }),
    );
  subscription.add(
    responseSequencer(router.on(sequencerEvents), {
      // An app handler of a server event may ask before the session has seen that event (it
      // subscribed to the socket first): decide once the event has reached every subscriber.
      requests$: responseRequests$.pipe(observeOn(asapScheduler)),
      reset$,
      lost$,
      open$: state$.pipe(
        map((s) => s.kind === 'ready'),
        distinctUntilChanged(),
      ),
      idGenerator: nextId,
      scheduler,
      serverStartGraceMs: options.serverResponseGraceMs,
    }).subscribe({ next: (e) => socket.next(e), error: failed('sequencer') }),
  );
  const inConversation = (itemId: string): boolean =>
    conversation$.value.items.some((entry) => entry.id === itemId);
  subscription.add(
    interruptions(router.on(interruptionEvents), {
      scheduler,
      transport: socket.transport,
      ...options.interruption,
    }).subscribe({
      error: failed('interruption'),
      next: (cut) => {
        // The item may be gone (deleted, or the connection that had it was replaced).
        const gone = cut.itemId !== undefined && !inConversation(cut.itemId);
        const commands = gone
          ? cut.commands.filter(
              (c) =>
                c.type !== 'conversation.item.truncate' && c.type !== 'conversation.item.delete',
            )
          : cut.commands;
        if (isReady()) commands.forEach((c) => socket.next(c));
        const entry = conversation$.value.items.find((e) => e.id === cut.itemId);
        const heard = entry ? { transcript: entryText(entry) } : {};
        interrupted$.next(
          gone ? { ...cut, commands, skipped: 'item_not_in_conversation' } : { ...cut, ...heard },
        );
      },
    }),
  );
  subscription.add(
    toolRuns(router.on(toolLoopEvents), { tools, scheduler }).subscribe({
      next: (signal) => {
        if (signal.kind === 'update') return toolCalls$.next(signal.update);
        if (signal.kind !== 'command') return;
        const e = signal.event;
        if (e.type === 'response.create') responseRequests$.next({ event: e });
        else if (e.type === 'conversation.item.create') addItem(e.item);
        else socket.next(e);
      },
      error: failed('tools'),
    }),
  );

  const recycleBeforeMs = options.recycleBeforeExpiryMs;
  const recycle = socket.recycle?.bind(socket);
  if (recycleBeforeMs !== undefined && recycle)
    subscription.add(
      expiryRecycling(router.on(expiryEvents), { recycleBeforeMs, scheduler }).subscribe({
        next: recycle,
        error: failed('recycling'),
      }),
    );

  // What the app asked for sees every event.
  const everything$ = router.on();
  // The router's events went through `finishCutResponses` already.
  const responses$ = everything$.pipe(
    assembleFinishedResponses({ retainAudio: options.retainAudio }),
  );
  const metrics$ = responseMetrics(everything$, { scheduler }).pipe(share());
  const errors$ = merge(socket.errors$ ?? EMPTY, ownErrors$);

  let started = false;
  function start(): void {
    if (started || isClosed()) return;
    started = true;
    if (state$.value.kind === 'idle') state$.next({ kind: 'connecting' });
    subscription.add(events$.connect());
  }
  if (!options.lazy) start();

  return {
    // Ends with `closed`, which late subscribers still get.
    state$: state$.pipe(takeWhile((s) => s.kind !== 'closed', true)),
    ready$: ready$.asObservable(),
    ready: () =>
      firstValueFrom(ready$, { defaultValue: { kind: 'closed', end: { kind: 'closed' } } }),
    errors$,
    conversation$: conversation$.asObservable(),
    responses$,
    interrupted$: interrupted$.asObservable(),
    recovery$: recovery$.asObservable(),
    toolCalls$: toolCalls$.asObservable(),
    mcpCalls$: everything$.pipe(mcpCalls()),
    metrics$,
    start,
    startTalking: clearAudio,
    stopTalking: (overrides) => {
      commit();
      return createResponse(overrides);
    },
    sendText: (text) => addItem(userText(text)),
    sendMessage: (text, overrides) => {
      const added = addItem(userText(text));
      const responded = createResponse(overrides);
      // Settled by the response; the item's own failure fails it first.
      return merge(added.pipe(ignoreElements()), responded);
    },
    createResponse,
    update: (changes) => {
      if (!isClosed()) settings = mergeSettings(settings, changes);
      return send(
        { type: 'session.update', session: { ...changes, type: 'realtime' } },
        'session.updated',
        () => true,
        'resend',
      );
    },
    cancelResponse: () =>
      send(
        { type: 'response.cancel' },
        'response.done',
        (e) => e.response.status === 'cancelled',
        'lose',
      ),
    deleteItem: (itemId) =>
      send(
        { type: 'conversation.item.delete', item_id: itemId },
        'conversation.item.deleted',
        (e) => e.item_id === itemId,
        'resend',
      ),
    appendAudio: (audio) => {
      if (isClosed()) {
        ownErrors$.next(new ConfirmationLostError('input_audio_buffer.append', whyEnded()));
        return;
      }
      const checked = checkAudioChunk(toBytes(audio), inputAudio.format);
      if (checked._tag === 'Left') {
        ownErrors$.next(checked.left);
        return;
      }
      start();
      const bytes = checked.right;
      inputAudio.appended(bytes.byteLength);
      const eventId = nextId();
      // Nothing is held while ready: the hot path goes straight to the socket.
      if (isReady() && socket.appendAudio) return socket.appendAudio(bytes, eventId);
      const event = {
        type: 'input_audio_buffer.append' as const,
        audio: bytesToBase64(bytes),
        event_id: eventId,
      };
      if (isReady()) socket.next(event);
      else ledger.hold({ event });
    },
    commit,
    clearAudio,
    close: () => end({ kind: 'closed' }),
  };
}

/** The server events that confirm a request of the session. */
const confirmations = [
  'conversation.item.added',
  'conversation.item.deleted',
  'input_audio_buffer.committed',
  'input_audio_buffer.cleared',
  'session.updated',
  'response.done',
] as const;
type ConfirmedBy = (typeof confirmations)[number];

/** The types the lifecycle reads: its own, and the confirmations of the requests it holds. */
const controlEvents = [
  'session.created',
  'error',
  'local.connection_lost',
  ...confirmations,
] as const;

/** A user text message item. */
const userText = (text: string): ClientEventOf<'conversation.item.create'>['item'] => ({
  type: 'message',
  role: 'user',
  content: [{ type: 'input_text', text }],
});

/** Request ids: `rxr_<random>_<n>`. */
function counterIds(): () => string {
  let counter = 0;
  const prefix = Math.random().toString(36).slice(2, 8);
  return () => `rxr_${prefix}_${(counter += 1)}`;
}

/** PCM16 little-endian bytes of audio samples; bytes pass through. */
function toBytes(audio: AudioInput): Uint8Array {
  if (audio instanceof Int16Array) return int16ToPcm16Bytes(audio);
  if (audio instanceof Float32Array) return float32ToPcm16Bytes(audio);
  return audio;
}
