// The server names the client event behind an `error` by its `event_id` only. Remembering the
// last sent events by id lets `errors$` carry the offending event itself in
// `ServerError.clientEvent`; the window is bounded (least recently sent forgotten first) so a
// long session does not keep every event it ever sent.
import type { ClientEvent } from '../protocol/index.js';

/** The most recently sent client events by `event_id`, at most `limit` of them. */
export class SentEvents {
  private readonly byId = new Map<string, ClientEvent>();

  constructor(
    /** The most events remembered. */
    private readonly limit: number,
  ) {}

  /** Remembers a sent event as the newest one; events without an `event_id` are ignored. */
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

  /** The sent event with this `event_id`, if it is still remembered. */
  find(id: string | null | undefined): ClientEvent | undefined {
    return id !== undefined && id !== null ? this.byId.get(id) : undefined;
  }
}
