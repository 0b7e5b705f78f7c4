// The record of one socket lifecycle: from the first connect, through any reconnections, to the
// final close. Its event stream completes or errors once when it ends; subscribing after that
// starts a new lifecycle, so an ended one is never reused. Every connection and retry timer
// belongs to exactly one lifecycle, which is how late callbacks of an old one are recognised.
import { Subject, type Subscription } from 'rxjs';
import type { ServerEvent } from '../protocol/index.js';
import type { Link } from './connection.js';

/** The mutable state of one socket lifecycle. */
export interface Lifecycle {
  /** The decoded server events of every connection of this lifecycle. */
  readonly events: Subject<ServerEvent>;
  /** Subscribers sharing it. */
  refCount: number;
  /** Whether `connect()` keeps it open without subscribers. */
  held: boolean;
  /** Whether the event stream has completed or errored. */
  ended: boolean;
  /** Whether `close()` (or the last unsubscribe) is closing it. */
  userClosing: boolean;
  /** Whether `recycle()` is replacing the current connection. */
  recycling: boolean;
  /** Whether any of its connections opened (a reconnection then replays `session.update`). */
  everOpened: boolean;
  /** Consecutive reconnection attempts not followed by a stable connection. */
  attempt: number;
  /** The pending reconnection timer. */
  retry: Subscription | undefined;
  /** The timer after which the current connection counts as stable (budget reset). */
  stable: Subscription | undefined;
  /** The current connection. */
  conn: Link | undefined;
}

/** A new lifecycle with nothing connected yet. */
export function createLifecycle(): Lifecycle {
  return {
    events: new Subject<ServerEvent>(),
    refCount: 0,
    held: false,
    ended: false,
    userClosing: false,
    recycling: false,
    everOpened: false,
    attempt: 0,
    retry: undefined,
    stable: undefined,
    conn: undefined,
  };
}
