// The requests of one session that are not settled yet: held until the session is ready, then
// in flight until their confirming event, their correlated error, or a connection loss. One
// ledger sees every server event once, so a request costs nothing per event unless an event of
// the type that confirms it (or an `error`) arrives.
import type { Observer } from 'rxjs';
import type { ClientEvent, ServerEvent } from '../protocol/index.js';
import { ServerError } from '../transport/index.js';
import { ConfirmationLostError } from './confirmation.js';

/** What happens to a request in flight when the connection drops. */
export type AtDrop =
  /** Sent again on the new connection, after the replay (idempotent requests). */
  | 'resend'
  /** Failed with `ConfirmationLostError` (the new server session cannot act on it). */
  | 'lose';

/** What confirms a request, who waits for it, and what a drop does to it. */
export interface Expectation {
  /** The server event type that may confirm it. */
  readonly confirmType: ServerEvent['type'];
  /** Whether an event of that type confirms it. */
  readonly confirms: (event: ServerEvent) => boolean;
  /** What a connection loss does to it once sent. */
  readonly atDrop: AtDrop;
  /** Settled exactly once. */
  readonly result: Observer<ServerEvent>;
}

/**
 * One request: the event (with its `event_id`) and, unless the service acknowledges it with
 * nothing (an audio append), what it expects.
 */
export interface LedgerRequest {
  /** The client event, `event_id` set. */
  readonly event: ClientEvent & { readonly event_id: string };
  /** Absent for events that are sent and forgotten. */
  readonly expects?: Expectation;
}

type Entry = {
  readonly seq: number;
  readonly request: LedgerRequest;
  readonly expects: Expectation;
};

/** Held and in-flight requests, in call order. */
export class RequestLedger {
  private held: { readonly seq: number; readonly request: LedgerRequest }[] = [];
  private readonly inFlight = new Map<string, Entry>();
  private readonly waitingTypes = new Map<ServerEvent['type'], number>();
  private seq = 0;

  /** Holds a request until {@link RequestLedger.release}. */
  hold(request: LedgerRequest): void {
    this.held.push({ seq: (this.seq += 1), request });
  }

  /** Takes the held requests (in call order) and counts them as sent. */
  release(): readonly LedgerRequest[] {
    const released = this.held;
    this.held = [];
    for (const { seq, request } of released) {
      const expects = request.expects;
      if (!expects) continue;
      this.inFlight.set(request.event.event_id, { seq, request, expects });
      this.waitingTypes.set(
        expects.confirmType,
        (this.waitingTypes.get(expects.confirmType) ?? 0) + 1,
      );
    }
    return released.map((entry) => entry.request);
  }

  /**
   * Settles what this server event answers: the requests it confirms, or the one whose
   * `event_id` its `error` names. `serverError` builds the error value (the socket's, with
   * secrets redacted, when there is one).
   */
  observe(
    event: ServerEvent,
    serverError: (event: ServerEvent & { type: 'error' }, sent: ClientEvent) => Error,
  ): void {
    if (event.type === 'error') {
      const entry = event.error.event_id ? this.inFlight.get(event.error.event_id) : undefined;
      if (entry)
        this.settle(entry, () =>
          entry.expects.result.error(serverError(event, entry.request.event)),
        );
      return;
    }
    if (!this.waitingTypes.has(event.type)) return;
    for (const entry of [...this.inFlight.values()]) {
      const { expects } = entry;
      if (expects.confirmType === event.type && expects.confirms(event))
        this.settle(entry, () => {
          expects.result.next(event);
          expects.result.complete();
        });
    }
  }

  /**
   * The connection dropped: requests in flight that can be sent again go back to the held
   * ones (ahead of later calls); the others fail with `ConfirmationLostError`.
   */
  drop(why: string): void {
    const again: Entry[] = [];
    for (const entry of [...this.inFlight.values()]) {
      if (entry.expects.atDrop === 'resend') {
        this.forget(entry);
        again.push(entry);
      } else this.lose(entry, why);
    }
    this.held = [...again, ...this.held].sort((a, b) => a.seq - b.seq);
  }

  /** Fails every request, held or in flight, with `ConfirmationLostError`. */
  loseAll(why: string): void {
    const lost = new Map<LedgerRequest, Expectation>();
    for (const { request } of this.held) if (request.expects) lost.set(request, request.expects);
    for (const entry of this.inFlight.values()) lost.set(entry.request, entry.expects);
    this.held = [];
    this.inFlight.clear();
    this.waitingTypes.clear();
    for (const [request, expects] of lost)
      expects.result.error(new ConfirmationLostError(request.event.type, why));
  }

  private lose(entry: Entry, why: string): void {
    this.settle(entry, () =>
      entry.expects.result.error(new ConfirmationLostError(entry.request.event.type, why)),
    );
  }

  private settle(entry: Entry, outcome: () => void): void {
    this.forget(entry);
    outcome();
  }

  private forget(entry: Entry): void {
    if (!this.inFlight.delete(entry.request.event.event_id)) return;
    const type = entry.expects.confirmType;
    const left = (this.waitingTypes.get(type) ?? 1) - 1;
    if (left > 0) this.waitingTypes.set(type, left);
    else this.waitingTypes.delete(type);
  }
}

/** Builds the `ServerError` of a request from the server's `error` event. */
export const serverErrorOf = (
  event: ServerEvent & { type: 'error' },
  sent: ClientEvent,
): ServerError => new ServerError(event, sent);
