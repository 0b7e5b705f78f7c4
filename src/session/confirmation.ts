import { ReplaySubject, type Observable, type Subscription } from 'rxjs';
import type { ServerEvent } from '../protocol/index.js';
import { ServerError } from '../transport/index.js';

/**
 * The session ended, or the connection was lost and replaced, before the server confirmed a
 * request; whether the server acted on it is unknown.
 *
 * @example
 * ```ts
 * import { ConfirmationLostError } from 'rx-realtime';
 * const error = new ConfirmationLostError('conversation.item.create', 'the session was closed');
 * error.message; // 'conversation.item.create: not confirmed, the session was closed'
 * ```
 */
export class ConfirmationLostError extends Error {
  /** Always `ConfirmationLostError`, so the error is recognisable after serialisation or across realms. */
  override readonly name = 'ConfirmationLostError';
  constructor(
    /** The client event type that was waiting. */
    readonly eventType: string,
    why: string,
  ) {
    super(`${eventType}: not confirmed, ${why}`);
  }
}

/** A request waiting for the server: settled by its confirmation or its correlated error. */
export interface PendingConfirmation<E extends ServerEvent> {
  /** Emits the confirming event and completes, or fails with a `ServerError`. Replays. */
  readonly confirmed$: Observable<E>;
  /** Fails it with {@link ConfirmationLostError}. */
  lose(why: string): void;
}

/**
 * Starts waiting, before the request is sent, for the first event that `confirms` it, or for an
 * `error` whose `event_id` is the request's. The result replays, so callers may subscribe late
 * or not at all.
 */
export function awaitConfirmation<E extends ServerEvent>(
  events$: Observable<ServerEvent>,
  eventType: string,
  eventId: string,
  confirms: (event: ServerEvent) => event is E,
): PendingConfirmation<E> {
  const result$ = new ReplaySubject<E>(1);
  let subscription: Subscription | undefined = undefined;
  const settle = (event: ServerEvent): void => {
    if (event.type === 'error' && event.error.event_id === eventId) {
      result$.error(new ServerError(event, undefined));
    } else if (confirms(event)) {
      result$.next(event);
      result$.complete();
    } else return;
    subscription?.unsubscribe();
  };
  const lose = (why: string): void => {
    subscription?.unsubscribe();
    if (!result$.closed && !result$.isStopped)
      result$.error(new ConfirmationLostError(eventType, why));
  };
  subscription = events$.subscribe({
    next: settle,
    error: () => lose('the connection failed'),
    complete: () => lose('the session ended'),
  });
  if (result$.isStopped) subscription.unsubscribe();
  return { confirmed$: result$.asObservable(), lose };
}
