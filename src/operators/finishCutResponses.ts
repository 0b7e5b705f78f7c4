import { connect, defer, filter, merge, mergeMap, tap, type MonoTypeOperatorFunction } from 'rxjs';
import { isEvent, type ServerEvent, type ServerEventOf } from '../protocol/index.js';

/**
 * The `status_details` of a response cut by a lost connection: `incomplete`, with an error
 * whose type is `connection_lost` and whose code names the WebSocket close code.
 */
const cutDetails = (code: number) => ({
  type: 'incomplete' as const,
  error: { type: 'connection_lost', code: `close_${code}` },
});

/**
 * Ends the responses a lost connection cut short: at a `local.connection_lost` (emitted by the
 * socket when a connection ends), a library-local `response.done` with status `incomplete` and
 * `status_details.error.type` `connection_lost` is emitted for each response that had its
 * `response.created` and no `response.done`, followed by the `local.connection_lost` itself.
 * Every other event passes through unchanged.
 *
 * Downstream, every response therefore ends: `assembleResponses` emits a final snapshot and
 * releases the response's audio, `responseStreams` completes its streams, tool loops see a
 * response that did not complete. The operators of this library apply it themselves; use it
 * for your own pipelines over raw events.
 *
 * @example
 * ```ts
 * import { filter, type Observable } from 'rxjs';
 * import { finishCutResponses, isEvent, type ServerEvent } from 'rx-realtime';
 * declare const events$: Observable<ServerEvent>;
 * events$
 *   .pipe(finishCutResponses(), filter(isEvent('response.done')))
 *   .subscribe((e) => console.log(e.response.id, e.response.status));
 * ```
 */
export function finishCutResponses(): MonoTypeOperatorFunction<ServerEvent> {
  return (source) =>
    defer(() => {
      const inProgress = new Set<string>();
      const track = (e: ServerEvent): void => {
        if (e.type === 'response.created' && e.response.id !== undefined)
          inProgress.add(e.response.id);
        else if (e.type === 'response.done' && e.response.id !== undefined)
          inProgress.delete(e.response.id);
      };
      const cut = (e: ServerEventOf<'local.connection_lost'>): readonly ServerEvent[] => {
        const dones = [...inProgress].map((id): ServerEvent => ({
          type: 'response.done',
          event_id: `local_done_${id}`,
          response: {
            id,
            object: 'realtime.response',
            status: 'incomplete',
            status_details: cutDetails(e.code),
            usage: null,
          },
        }));
        inProgress.clear();
        return dones;
      };
      // Every event passes as it is, at no cost per event; the dones are subscribed first, so
      // they come just before the lost event that caused them.
      return source.pipe(
        tap(track),
        connect((events$) =>
          merge(events$.pipe(filter(isEvent('local.connection_lost')), mergeMap(cut)), events$),
        ),
      );
    });
}
