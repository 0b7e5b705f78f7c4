// The outgoing side of the socket: an encoded client event is sent at once while a connection
// is open and queued otherwise; each sent frame is tapped to `wire$` and remembered for error
// correlation; and after a reconnection the last `session.update` is sent again first, because
// the new server session starts from defaults.
import type { ClientEvent } from '../protocol/index.js';
import type { Link } from './connection.js';
import type { TransportError } from './errors.js';
import type { RealtimeSocketOptions } from './options.js';
import { SendQueue, type Outgoing } from './send-queue.js';
import { SentEvents } from './sent-events.js';
import type { WireTap } from './wire-tap.js';

/** Sends, queues and remembers the client events of one socket. */
export class Outbox {
  private readonly queue: SendQueue;
  private readonly sent: SentEvents;
  private lastSessionUpdate: Outgoing | undefined;

  constructor(
    options: Pick<RealtimeSocketOptions, 'queueLimit' | 'sentEventLimit' | 'sentAudioLimit'>,
    /** Where sent frames are published. */
    private readonly wire: WireTap,
    /** Receives a `queue_overflow` error for every event dropped from the queue. */
    onOverflow: (error: TransportError) => void,
  ) {
    this.queue = new SendQueue(options.queueLimit ?? 1000, onOverflow);
    this.sent = new SentEvents(options.sentEventLimit ?? 256, options.sentAudioLimit ?? 16);
  }

  /** Sends the event now when `conn` is open, else queues it for the next open. */
  submit(out: Outgoing, conn: Link | undefined): void {
    if (conn?.open) this.send(conn, out);
    else this.queue.push(out);
  }

  /**
   * Called when `conn` opens: after a reconnection replays the last `session.update`, then sends
   * the queue in order for as long as `current()` says `conn` is still the socket's connection.
   */
  flush(conn: Link, reconnected: boolean, current: () => boolean): void {
    if (reconnected && this.lastSessionUpdate) this.send(conn, this.lastSessionUpdate);
    while (current()) {
      const out = this.queue.shift();
      if (!out) break;
      this.send(conn, out);
    }
  }

  /** Forgets the queued events (the lifecycle ended). */
  clear(): void {
    this.queue.clear();
  }

  /** Whether a `session.update` was ever sent (it is then replayed after a reconnection). */
  sendsSessionUpdates(): boolean {
    return this.lastSessionUpdate !== undefined;
  }

  /** The sent event with this `event_id`, if it is still remembered. */
  sentEvent(id: string | null | undefined): ClientEvent | undefined {
    return this.sent.find(id);
  }

  private send(conn: Link, out: Outgoing): void {
    conn.send(out.text);
    this.wire.record('out', out.text);
    this.sent.remember(out.event, out.pcm);
    if (out.event.type === 'session.update') this.lastSessionUpdate = out;
  }
}
