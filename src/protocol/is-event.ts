import type { ServerEvent, ServerEventOf } from './canonical.js';

/**
 * A type guard for one server event type, optionally with a further condition: with
 * `filter`, it narrows `ServerEvent` to that event's type, so the fields of the event are typed
 * in what follows.
 *
 * @example
 * ```ts
 * import { filter, type Observable } from 'rxjs';
 * import { isEvent, type ServerEvent } from 'rx-realtime';
 * declare const events$: Observable<ServerEvent>;
 * events$.pipe(filter(isEvent('response.output_text.delta'))).subscribe((e) => console.log(e.delta));
 * events$.pipe(filter(isEvent('response.done', (e) => e.response.status === 'cancelled')));
 * ```
 */
export function isEvent<K extends ServerEvent['type']>(
  type: K,
  where?: (event: ServerEventOf<K>) => boolean,
): (event: ServerEvent) => event is ServerEventOf<K> {
  return (event): event is ServerEventOf<K> =>
    event.type === type && (where === undefined || where(event as ServerEventOf<K>));
}
