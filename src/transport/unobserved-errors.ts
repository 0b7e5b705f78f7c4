// An error on `errors$` that nobody subscribes to would vanish without a trace. The socket
// hands such errors to `onUnobservedError` instead, once per kind, so a misconfigured app
// sees each problem once without a flood of repeats.
import { ServerError, TransportError, type RealtimeSocketError } from './errors.js';

/** The default `onUnobservedError`: one console warning with the (redacted) message. */
export function warnUnobserved(error: RealtimeSocketError): void {
  console.warn(
    `rx-realtime: ${error.name}: ${error.message} (nothing subscribes to errors$; ` +
      'errors of this kind are reported once)',
  );
}

/** What counts as one kind: the class, and the transport reason, server code or event type. */
function kindOf(error: RealtimeSocketError): string {
  if (error instanceof TransportError) return `${error.name}/${error.reason}`;
  if (error instanceof ServerError) return `${error.name}/${error.code ?? error.errorType}`;
  return `${error.name}/${error.eventType ?? ''}`;
}

/** Passes the first error of each kind to `report`, and drops the repeats. */
export class UnobservedErrors {
  private readonly seen = new Set<string>();

  constructor(private readonly report: (error: RealtimeSocketError) => void) {}

  /** An error was emitted on `errors$` while nothing subscribed to it. */
  unobserved(error: RealtimeSocketError): void {
    const kind = kindOf(error);
    if (this.seen.has(kind)) return;
    this.seen.add(kind);
    this.report(error);
  }
}
