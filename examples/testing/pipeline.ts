/**
 * A small pipeline of the kind an app builds on rx-realtime, tested in `pipeline.test.ts`:
 * captions for the assistant's answers, and a socket helper that asks one question once the
 * session is configured.
 */
import {
  asyncScheduler,
  auditTime,
  filter,
  map,
  Observable,
  share,
  take,
  type OperatorFunction,
  type SchedulerLike,
} from 'rxjs';
import { transcripts, type RealtimeSocket, type ServerEvent } from 'rx-realtime';

/**
 * The assistant's finished answers, one string per answer part (text or audio transcript).
 *
 * @example
 * ```ts
 * events$.pipe(assistantCaptions()).subscribe((line) => console.log(`assistant: ${line}`));
 * ```
 */
export function assistantCaptions(): OperatorFunction<ServerEvent, string> {
  return (events$) =>
    events$.pipe(
      transcripts(),
      filter((t) => t.role === 'assistant' && t.final),
      map((t) => t.text.trim()),
      filter((text) => text !== ''),
    );
}

/**
 * The answer as it streams, at most once per `periodMs` (the latest text when the period
 * ends), so a UI is not re-rendered on every delta. The scheduler is a parameter so tests can
 * run it in virtual time.
 *
 * @example
 * ```ts
 * events$.pipe(liveCaption(100)).subscribe((text) => (captionElement.textContent = text));
 * ```
 */
export function liveCaption(
  periodMs: number,
  scheduler: SchedulerLike = asyncScheduler,
): OperatorFunction<ServerEvent, string> {
  return (events$) =>
    events$.pipe(
      transcripts(),
      filter((t) => t.role === 'assistant'),
      map((t) => t.text),
      auditTime(periodMs, scheduler),
    );
}

/**
 * Configures a text-only session, asks `question` once the server confirmed the settings
 * (`session.updated`), and emits the assistant's captions. Unsubscribing closes the socket.
 *
 * @example
 * ```ts
 * import { realtimeSocket } from 'rx-realtime/node';
 * askOnce(realtimeSocket({ url, apiKey }), 'Hello?').subscribe(console.log);
 * ```
 */
export function askOnce(socket: RealtimeSocket, question: string): Observable<string> {
  return new Observable<string>((subscriber) => {
    const events$ = socket.pipe(share());
    const subscription = events$.pipe(assistantCaptions()).subscribe(subscriber);
    subscription.add(
      events$
        .pipe(
          filter((e) => e.type === 'session.updated'),
          take(1),
        )
        .subscribe(() => {
          socket.next({
            type: 'conversation.item.create',
            item: {
              type: 'message',
              role: 'user',
              content: [{ type: 'input_text', text: question }],
            },
          });
          socket.next({ type: 'response.create' });
        }),
    );
    // Queued by the socket until it opens, then sent first.
    socket.next({
      type: 'session.update',
      session: { type: 'realtime', output_modalities: ['text'] },
    });
    return subscription;
  });
}
