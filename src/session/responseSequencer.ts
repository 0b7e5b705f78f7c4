import { Observable } from 'rxjs';
import type { ClientEvent, ClientEventOf, ServerEvent } from '../protocol/index.js';

/**
 * Dependencies of {@link responseSequencer}.
 *
 * @example
 * ```ts
 * import { Subject } from 'rxjs';
 * import type { ClientEventOf, ResponseSequencerDeps } from 'rx-realtime';
 * const deps: ResponseSequencerDeps = { requests$: new Subject<ClientEventOf<'response.create'>>() };
 * ```
 */
export interface ResponseSequencerDeps {
  /** `response.create` requests from the app and the other units. */
  readonly requests$: Observable<ClientEventOf<'response.create'>>;
  /** Generates the `event_id` of a request that has none. Default `resp_create_<n>`. */
  readonly idGenerator?: () => string;
  /**
   * Each value forgets every response in flight and sends what waits: after a reconnect the
   * responses of the dropped connection will never see their `response.done`. Default none.
   */
  readonly reset$?: Observable<unknown>;
}

const mergeRequests = (
  a: ClientEventOf<'response.create'>,
  b: ClientEventOf<'response.create'>,
): ClientEventOf<'response.create'> => {
  const response = a.response || b.response ? { ...a.response, ...b.response } : undefined;
  return response ? { type: 'response.create', response } : { type: 'response.create' };
};

/**
 * Session unit: never two `response.create` in flight. A request is sent at once when no
 * response is active; otherwise it waits until `response.done`. A response is active from the
 * moment a create was sent (or `response.created` arrived, e.g. one started by server VAD) until
 * its `response.done`, or until the server answered the create with an `error` naming its
 * `event_id`, or until `reset$` emits.
 *
 * Several requests that wait together are merged into one `response.create`: their `response`
 * overrides are shallow-merged, later ones winning. The model answers the whole conversation
 * anyway, so one response covers them all.
 *
 * @example
 * ```ts
 * import { Subject, type Observable } from 'rxjs';
 * import { responseSequencer, type ClientEventOf, type ServerEvent } from 'rx-realtime';
 * declare const events$: Observable<ServerEvent>;
 * const requests$ = new Subject<ClientEventOf<'response.create'>>();
 * responseSequencer(events$, { requests$ }).subscribe((e) => console.log(e));
 * requests$.next({ type: 'response.create' });
 * ```
 */
export function responseSequencer(
  events$: Observable<ServerEvent>,
  deps: ResponseSequencerDeps,
): Observable<ClientEvent> {
  return new Observable<ClientEvent>((subscriber) => {
    let counter = 0;
    const nextId = deps.idGenerator ?? (() => `resp_create_${++counter}`);
    const active = new Set<string>();
    /** `event_id` of the create sent and not yet answered by `response.created`. */
    let awaiting: string | undefined;
    let waiting: ClientEventOf<'response.create'> | undefined;

    const busy = (): boolean => awaiting !== undefined || active.size > 0;
    const send = (request: ClientEventOf<'response.create'>): void => {
      const event = request.event_id ? request : { ...request, event_id: nextId() };
      awaiting = event.event_id;
      subscriber.next(event);
    };
    const flush = (): void => {
      if (busy() || !waiting) return;
      const request = waiting;
      waiting = undefined;
      send(request);
    };

    const events = events$.subscribe({
      next: (e) => {
        switch (e.type) {
          case 'response.created':
            awaiting = undefined;
            active.add(e.response.id ?? '');
            return;
          case 'response.done':
            active.delete(e.response.id ?? '');
            return flush();
          case 'error':
            if (awaiting !== undefined && e.error.event_id === awaiting) {
              awaiting = undefined;
              flush();
            }
            return;
          default:
            return;
        }
      },
      error: (err: unknown) => subscriber.error(err),
      complete: () => subscriber.complete(),
    });
    const requests = deps.requests$.subscribe({
      next: (request) => {
        if (busy()) waiting = waiting ? mergeRequests(waiting, request) : request;
        else send(request);
      },
      error: (err: unknown) => subscriber.error(err),
    });
    const resets = deps.reset$?.subscribe(() => {
      awaiting = undefined;
      active.clear();
      flush();
    });
    return () => {
      events.unsubscribe();
      requests.unsubscribe();
      resets?.unsubscribe();
    };
  });
}
