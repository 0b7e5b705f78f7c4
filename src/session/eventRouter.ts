// The units of a session each read a few event types, while most events are audio deltas that
// only one or two of them care about. Filtering the whole stream once per unit costs every unit
// every event; the router looks each event's type up once and hands it to the routes that asked
// for that type, in the order the routes were made (the order units would have subscribed in).
import { Observable, Subject, type Observer, type SubjectLike } from 'rxjs';
import type { ServerEvent, ServerEventOf } from '../protocol/index.js';

type EventType = ServerEvent['type'];

interface Route {
  /** The types it takes; all of them when undefined. */
  readonly types: ReadonlySet<string> | undefined;
  readonly subject: Subject<ServerEvent>;
}

/**
 * A subject that dispatches server events by type: `on(types)` is an Observable of those types
 * only, `on()` of every event. Used as the connector of a session's shared events.
 */
export class EventRouter implements SubjectLike<ServerEvent> {
  private readonly routes: Route[] = [];
  /** The routes of each type seen, in order; rebuilt when a route is added. */
  private readonly byType = new Map<string, readonly Subject<ServerEvent>[]>();
  private ended: { readonly error: unknown } | 'complete' | undefined;

  /** The events of the given types (every event when none are given), as they pass. */
  on(): Observable<ServerEvent>;
  on<T extends EventType>(types: readonly T[]): Observable<ServerEventOf<T>>;
  on(types?: readonly EventType[]): Observable<ServerEvent> {
    const subject = new Subject<ServerEvent>();
    if (this.ended === 'complete') subject.complete();
    else if (this.ended) subject.error(this.ended.error);
    else {
      this.routes.push({ types: types && new Set(types), subject });
      this.byType.clear();
    }
    return subject.asObservable();
  }

  next(event: ServerEvent): void {
    for (const subject of this.routesOf(event.type)) subject.next(event);
  }

  error(err: unknown): void {
    this.ended = { error: err };
    for (const { subject } of this.routes) subject.error(err);
  }

  complete(): void {
    this.ended = 'complete';
    for (const { subject } of this.routes) subject.complete();
  }

  subscribe(observer: Partial<Observer<ServerEvent>>) {
    return this.on().subscribe(observer);
  }

  private routesOf(type: string): readonly Subject<ServerEvent>[] {
    let subjects = this.byType.get(type);
    if (!subjects) {
      subjects = this.routes.filter((r) => !r.types || r.types.has(type)).map((r) => r.subject);
      this.byType.set(type, subjects);
    }
    return subjects;
  }
}
