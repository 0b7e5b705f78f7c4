import {
  asyncScheduler,
  EMPTY,
  Observable,
  of,
  timer,
  type Observer,
  type SchedulerLike,
  type Subscription,
} from 'rxjs';
import type { ClientEvent, ClientEventOf, ServerEvent, ServerEventOf } from '../protocol/index.js';
import { ServerError } from '../transport/index.js';
import { ConfirmationLostError } from './confirmation.js';

/** The `response.metadata` key the sequencer tags its `response.create` with. */
export const REQUEST_METADATA_KEY = 'rx_request';

/**
 * One request for a response: the `response.create` to send (its `response` overrides), and
 * optionally who wants to hear how it ended.
 *
 * @example
 * ```ts
 * import { ReplaySubject } from 'rxjs';
 * import type { ResponseRequest, ServerEventOf } from 'rx-realtime';
 * const confirmation = new ReplaySubject<ServerEventOf<'response.created'>>(1);
 * const request: ResponseRequest = { event: { type: 'response.create' }, confirmation };
 * ```
 */
export interface ResponseRequest {
  /** The `response.create` to send. */
  readonly event: ClientEventOf<'response.create'>;
  /**
   * Receives the `response.created` that answers it, then completes; or an error: the
   * `ServerError` correlated to the send, or {@link ConfirmationLostError}.
   */
  readonly confirmation?: Observer<ServerEventOf<'response.created'>>;
}

/**
 * Dependencies of {@link responseSequencer}.
 *
 * @example
 * ```ts
 * import { Subject } from 'rxjs';
 * import type { ResponseRequest, ResponseSequencerDeps } from 'rx-realtime';
 * const deps: ResponseSequencerDeps = { requests$: new Subject<ResponseRequest>() };
 * ```
 */
export interface ResponseSequencerDeps {
  /** Requests from the app and the other units. */
  readonly requests$: Observable<ResponseRequest>;
  /** Generates the `event_id` of a request that has none. Default `resp_create_<n>`. */
  readonly idGenerator?: () => string;
  /**
   * Each value says the connection was replaced: the responses in flight are forgotten (they
   * will never see their `response.done`) and a create that never got its `response.created`
   * waits to be sent again. Default none.
   */
  readonly reset$?: Observable<unknown>;
  /** Each value fails every request not yet answered with `ConfirmationLostError` (the reason). */
  readonly lost$?: Observable<string>;
  /**
   * Whether the session may send now (it is configured). While `false`, requests wait. Default
   * always open.
   */
  readonly open$?: Observable<boolean>;
  /**
   * How long to wait for the response the server starts itself (server VAD with
   * `create_response`) after `speech_stopped` or `committed`, before sending anyway. Default
   * 1 500 ms.
   */
  readonly serverStartGraceMs?: number;
  /** Scheduler of that grace period. Default `asyncScheduler`. */
  readonly scheduler?: SchedulerLike;
}

/** A request that was sent: its `event_id` and everyone it answers. */
interface Sent {
  readonly event: ClientEventOf<'response.create'>;
  readonly eventId: string;
  readonly confirmations: readonly Observer<ServerEventOf<'response.created'>>[];
}

type Waiting = Omit<Sent, 'eventId'>;

const mergeEvents = (
  a: ClientEventOf<'response.create'>,
  b: ClientEventOf<'response.create'>,
): ClientEventOf<'response.create'> => {
  const response = a.response || b.response ? { ...a.response, ...b.response } : undefined;
  return response ? { type: 'response.create', response } : { type: 'response.create' };
};

const tagOf = (e: ServerEventOf<'response.created'>): string | undefined =>
  e.response.metadata?.[REQUEST_METADATA_KEY];

/** Whether the session's turn detection creates responses by itself. */
const serverCreates = (e: ServerEventOf<'session.created' | 'session.updated'>): boolean => {
  const session = e.session as {
    readonly audio?: {
      readonly input?: {
        readonly turn_detection?: { readonly create_response?: boolean } | null;
      };
    };
  };
  const detection = session.audio?.input?.turn_detection;
  return detection !== undefined && detection !== null && detection.create_response !== false;
};

/** The event types {@link responseSequencer} reads (the session routes only these to it). */
export const sequencerEvents = [
  'session.created',
  'session.updated',
  'input_audio_buffer.speech_stopped',
  'input_audio_buffer.committed',
  'response.created',
  'response.done',
  'error',
] as const;

/**
 * Session unit: never two `response.create` in flight, and every request answered by its own
 * response. A request is sent when the session is open and no response is active; otherwise it
 * waits. A response is active from the moment a create was sent (or `response.created`
 * arrived, e.g. one started by server VAD) until its `response.done`. With server VAD that
 * creates responses, a `speech_stopped` or `committed` means the server is about to start
 * one: requests wait for it (at most `serverStartGraceMs`).
 *
 * Each `response.create` carries `response.metadata.rx_request` set to its `event_id`, which the
 * service echoes in `response.created`: a request is confirmed only by the response that
 * answers it (a server that does not echo metadata is answered by the next untagged
 * `response.created` when no server-started response is expected). An `error` naming the
 * send's `event_id` fails it, except `conversation_already_has_active_response`, which puts it
 * back in the queue. Several requests that wait together are merged into one
 * `response.create` (their overrides shallow-merged, later ones winning) and share its
 * confirmation. At `reset$` a create still waiting for its `response.created` is sent again.
 *
 * @example
 * ```ts
 * import { Subject, type Observable } from 'rxjs';
 * import { responseSequencer, type ResponseRequest, type ServerEvent } from 'rx-realtime';
 * declare const events$: Observable<ServerEvent>;
 * const requests$ = new Subject<ResponseRequest>();
 * responseSequencer(events$, { requests$ }).subscribe((e) => console.log(e));
 * requests$.next({ event: { type: 'response.create' } });
 * ```
 */
export function responseSequencer(
  events$: Observable<ServerEvent>,
  deps: ResponseSequencerDeps,
): Observable<ClientEvent> {
  const scheduler = deps.scheduler ?? asyncScheduler;
  const graceMs = deps.serverStartGraceMs ?? 1_500;
  return new Observable<ClientEvent>((subscriber) => {
    let counter = 0;
    const nextId = deps.idGenerator ?? (() => `resp_create_${++counter}`);
    const active = new Set<string>();
    let open = deps.open$ === undefined;
    let sent: Sent | undefined;
    let waiting: Waiting | undefined;
    let vadCreates = false;
    let serverStarting: Subscription | undefined;
    /** Whether this server echoes metadata (then an untagged response is never ours). */
    let echoes = false;

    const busy = (): boolean => !open || sent !== undefined || active.size > 0 || !!serverStarting;
    const enqueue = (request: Waiting): void => {
      waiting = waiting
        ? {
            event: mergeEvents(waiting.event, request.event),
            confirmations: [...waiting.confirmations, ...request.confirmations],
          }
        : request;
    };
    const flush = (): void => {
      if (busy() || !waiting) return;
      const { event, confirmations } = waiting;
      waiting = undefined;
      const eventId = event.event_id ?? nextId();
      const metadata = { ...event.response?.metadata, [REQUEST_METADATA_KEY]: eventId };
      const tagged: ClientEventOf<'response.create'> = {
        ...event,
        event_id: eventId,
        response: { ...event.response, metadata },
      };
      sent = { event, eventId, confirmations };
      subscriber.next(tagged);
    };
    const settle = (
      request: Sent,
      outcome:
        { readonly created: ServerEventOf<'response.created'> } | { readonly error: unknown },
    ): void => {
      for (const c of request.confirmations) {
        if ('created' in outcome) {
          c.next(outcome.created);
          c.complete();
        } else c.error(outcome.error);
      }
    };
    const stopWaitingForServer = (): void => {
      serverStarting?.unsubscribe();
      serverStarting = undefined;
    };
    const expectServerResponse = (): void => {
      if (!vadCreates) return;
      stopWaitingForServer();
      serverStarting = timer(graceMs, scheduler).subscribe(() => {
        serverStarting = undefined;
        flush();
      });
    };
    const onCreated = (e: ServerEventOf<'response.created'>): void => {
      if (e.response.id !== undefined) active.add(e.response.id);
      const tag = tagOf(e);
      if (tag !== undefined) echoes = true;
      const ours =
        sent !== undefined &&
        (tag === sent.eventId || (tag === undefined && !echoes && !serverStarting));
      if (tag === undefined) stopWaitingForServer();
      if (ours && sent) {
        const answered = sent;
        sent = undefined;
        settle(answered, { created: e });
      }
    };
    const onError = (e: ServerEventOf<'error'>): void => {
      if (!sent || e.error.event_id !== sent.eventId) return;
      const refused = sent;
      sent = undefined;
      if (e.error.code === 'conversation_already_has_active_response') {
        // Someone else's response is running: ask again after its response.done.
        enqueue(refused);
        if (active.size === 0) active.add(''); // its id is unknown; its done frees the slot
      } else settle(refused, { error: new ServerError(e, refused.event) });
      flush();
    };

    // Reads the types in `sequencerEvents`.
    const onEvent = (e: ServerEvent): void => {
      switch (e.type) {
        case 'session.created':
        case 'session.updated':
          vadCreates = serverCreates(e);
          return;
        case 'input_audio_buffer.speech_stopped':
        case 'input_audio_buffer.committed':
          expectServerResponse();
          return;
        case 'response.created':
          return onCreated(e);
        case 'response.done':
          active.delete(e.response.id ?? '');
          if (active.size === 1 && active.has('')) active.clear();
          return flush();
        case 'error':
          return onError(e);
        default:
          return;
      }
    };
    const reset = (): void => {
      if (sent) enqueue(sent);
      sent = undefined;
      active.clear();
      stopWaitingForServer();
      flush();
    };
    const lose = (why: string): void => {
      const lost = new ConfirmationLostError('response.create', why);
      for (const request of [sent, waiting]) request?.confirmations.forEach((c) => c.error(lost));
      sent = undefined;
      waiting = undefined;
    };

    const events = events$.subscribe({
      next: guard(onEvent),
      error: (err: unknown) => {
        lose('the connection failed');
        subscriber.error(err);
      },
      complete: () => {
        lose('the session ended');
        subscriber.complete();
      },
    });
    const requests = deps.requests$.subscribe({
      next: guard((request: ResponseRequest) => {
        enqueue({
          event: request.event,
          confirmations: request.confirmation ? [request.confirmation] : [],
        });
        flush();
      }),
      error: (err: unknown) => subscriber.error(err),
    });
    const resets = (deps.reset$ ?? EMPTY).subscribe(guard(reset));
    const losses = (deps.lost$ ?? EMPTY).subscribe(guard(lose));
    const gates = (deps.open$ ?? of(true)).subscribe(
      guard((value: boolean) => {
        open = value;
        flush();
      }),
    );
    return () => {
      events.unsubscribe();
      requests.unsubscribe();
      resets.unsubscribe();
      losses.unsubscribe();
      gates.unsubscribe();
      stopWaitingForServer();
      lose('the session was closed');
    };

    /** Forwards an exception raised while handling a value as the output's error. */
    function guard<T>(handle: (value: T) => void): (value: T) => void {
      return (value) => {
        try {
          handle(value);
        } catch (err) {
          subscriber.error(err);
        }
      };
    }
  });
}
