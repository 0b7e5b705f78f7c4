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

/** The last `limit` events by id, least recently sent forgotten first. */
class RecentById {
  private readonly byId = new Map<string, ClientEvent>();

  constructor(private readonly limit: number) {}

  remember(event: ClientEvent): void {
    const id = event.event_id;
    if (!id) return;
    this.byId.delete(id);
    this.byId.set(id, event);
    while (this.byId.size > this.limit) {
      const oldest = this.byId.keys().next();
      if (oldest.done) break;
      this.byId.delete(oldest.value);
    }
  }

  find(id: string): ClientEvent | undefined {
    return this.byId.get(id);
  }
}
