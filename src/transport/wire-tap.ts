// `wire$` shows every raw frame in both directions for logging, recording and debugging. The
// tap stamps each frame with the scheduler's clock (so virtual-time tests and recordings agree)
// and redacts secrets before anything leaves the socket.
import { Subject, type Observable, type SchedulerLike } from 'rxjs';
import type { Secrets } from './secrets.js';

/** One raw frame, secrets redacted. `time` is `scheduler.now()`. *
 * @example
 * ```ts
 * import { realtimeSocket, type WireFrame } from 'rx-realtime';
 * realtimeSocket({ model: 'gpt-realtime', apiKey: 'ek_...' }).wire$.subscribe((f: WireFrame) =>
 *   console.log(f.time, f.direction, f.text.slice(0, 80)),
 * );
 * ```
 */
export interface WireFrame {
  /** `in` from the server, `out` to the server. */
  readonly direction: 'in' | 'out';
  /** The frame as sent or received, secrets redacted. */
  readonly text: string;
  /** `scheduler.now()` when the frame passed. */
  readonly time: number;
}

/** Publishes redacted, timestamped {@link WireFrame}s. */
export class WireTap {
  private readonly subject = new Subject<WireFrame>();
  /** Every frame recorded, as it passes. */
  readonly frames$: Observable<WireFrame> = this.subject.asObservable();

  constructor(
    /** The clock of `time`. */
    private readonly scheduler: SchedulerLike,
    /** What to redact. */
    private readonly secrets: Secrets,
  ) {}

  /** Publishes one frame that just passed in `direction`. */
  record(direction: WireFrame['direction'], text: string): void {
    if (!this.subject.observed) return; // nobody listens: spare the redaction
    const frame = { direction, text: this.secrets.redactFrame(text), time: this.scheduler.now() };
    this.subject.next(frame);
  }
}
