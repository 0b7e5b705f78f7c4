import { Observable, type MonoTypeOperatorFunction } from 'rxjs';
import type { ServerEvent } from '../protocol/index.js';

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
  // Written as one subscriber: every event of every pipeline passes here (audio deltas, fifty
  // a second), and composed from `tap`, `connect` and `merge` it cost several subscribers per
  // event, as much as decoding the frame.
  return (source) =>
    new Observable<ServerEvent>((subscriber) => {
      const inProgress = new Set<string>();
      /** The local dones to emit before `e`. */
      const before = (e: ServerEvent): readonly ServerEvent[] => {
        if (e.type === 'response.created' && e.response.id !== undefined)
          inProgress.add(e.response.id);
        else if (e.type === 'response.done' && e.response.id !== undefined)
          inProgress.delete(e.response.id);
        else if (e.type === 'local.connection_lost' && inProgress.size > 0) {
          const dones = [...inProgress].map((id) => cutDone(id, e.code));
          inProgress.clear();
          return dones;
        }
        return NONE;
      };
      return source.subscribe({
        next: (e) => {
          // After an error (or the consumer leaving) a synchronous source still pushes what it
          // has left before its subscription can be torn down: none of it is looked at.
          if (subscriber.closed) return;
          let dones: readonly ServerEvent[];
          try {
            dones = before(e);
          } catch (err) {
            subscriber.error(err); // a malformed event: the operator's error, as with `map`
            return;
          }
          for (const done of dones) subscriber.next(done);
          subscriber.next(e);
        },
        error: (err: unknown) => subscriber.error(err),
        complete: () => subscriber.complete(),
      });
    });
}

const NONE: readonly ServerEvent[] = [];

/** The local `response.done` of a response the lost connection (close `code`) cut. */
const cutDone = (id: string, code: number): ServerEvent => ({
  type: 'response.done',
  event_id: `local_done_${id}`,
  response: {
    id,
    object: 'realtime.response',
    status: 'incomplete',
    status_details: cutDetails(code),
    usage: null,
  },
});
