// Client events sent while the socket is not open wait here, in order, until the next open.
// The queue is bounded so a long outage cannot grow memory without limit: beyond the bound the
// oldest event is dropped and reported as a recoverable `queue_overflow` error.
import type { ClientEvent } from '../protocol/index.js';
import { TransportError } from './errors.js';

/** A client event ready for the wire: its encoded text and the canonical event it came from. */
export interface Outgoing {
  /** The encoded frame. */
  readonly text: string;
  /** The canonical event (with its `event_id`), for correlation and `session.update` replay. */
  readonly event: ClientEvent;
  /**
   * For an append made from PCM: those bytes, remembered in place of the base64 when it is sent
   * at once. Not kept in the queue, since the caller may reuse them.
   */
  readonly pcm?: Uint8Array;
}

/** A bounded first-in first-out queue of {@link Outgoing} events that drops the oldest. */
export class SendQueue {
  private readonly items: Outgoing[] = [];

  constructor(
    /** The most events kept. */
    private readonly limit: number,
    /** Receives a `queue_overflow` error for every dropped event. */
    private readonly onOverflow: (error: TransportError) => void,
  ) {}

  /** Appends an event, dropping (and reporting) the oldest beyond the limit. */
  push(out: Outgoing): void {
    this.items.push(out.pcm ? { text: out.text, event: out.event } : out);
    while (this.items.length > this.limit) {
      const dropped = this.items.shift();
      this.onOverflow(
        new TransportError(
          'queue_overflow',
          `send queue full (${this.limit}): dropped ${dropped?.event.type} ${dropped?.event.event_id ?? ''}`.trim(),
          false,
        ),
      );
    }
  }

  /** Removes and returns the oldest event, if any. */
  shift(): Outgoing | undefined {
    return this.items.shift();
  }

  /** Forgets every queued event. */
  clear(): void {
    this.items.length = 0;
  }
}
