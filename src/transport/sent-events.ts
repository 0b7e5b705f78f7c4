// The server names the client event behind an `error` by its `event_id` only. Remembering the
// last sent events by id lets `errors$` carry the offending event itself in
// `ServerError.clientEvent`; the window is bounded (least recently sent forgotten first) so a
// long session does not keep every event it ever sent. Audio appends, fifty a second, get a
// window of their own: the server answers a bad append at once, and 256 of them would hold
// seconds of base64 per session.
import type { ClientEvent } from '../protocol/index.js';

/** The most recently sent client events by `event_id`: at most `limit` of them, and 16 appends. */
export class SentEvents {
  private readonly events: RecentById;
  private readonly appends = new RecentById(16);

  constructor(
    /** The most events other than audio appends remembered. */
    limit: number,
  ) {
    this.events = new RecentById(limit);
  }

  /** Remembers a sent event as the newest one; events without an `event_id` are ignored. */
  remember(event: ClientEvent): void {
    (event.type === 'input_audio_buffer.append' ? this.appends : this.events).remember(event);
  }

  /** The sent event with this `event_id`, if it is still remembered. */
  find(id: string | null | undefined): ClientEvent | undefined {
    if (id === undefined || id === null) return undefined;
    return this.events.find(id) ?? this.appends.find(id);
  }
}

/**
 * The last `limit` events, in a ring: remembering is one write, for every event sent; finding
 * one scans from the newest, only when the server reports an error.
 */
class RecentById {
  private readonly ring: (ClientEvent | undefined)[];
  private next = 0;

  constructor(private readonly limit: number) {
    this.ring = new Array<ClientEvent | undefined>(Math.max(0, limit));
  }

  remember(event: ClientEvent): void {
    if (!event.event_id || this.limit <= 0) return;
    this.ring[this.next] = event;
    this.next = (this.next + 1) % this.limit;
  }

  find(id: string): ClientEvent | undefined {
    for (let back = 1; back <= this.limit; back += 1) {
      const event = this.ring[(this.next - back + this.limit) % this.limit];
      if (event?.event_id === id) return event;
    }
    return undefined;
  }
}
