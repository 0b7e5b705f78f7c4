// Every credential a socket has seen (the configured keys and each resolved token) must be kept
// out of `wire$`, `errors$` and close reasons. This list collects them as they become known and
// redacts texts and decode errors against all of them.
import { DecodeError } from '../protocol/index.js';
import { redactSecrets } from './redact.js';

/** The credentials one socket knows, and redaction against them. */
export class Secrets {
  private readonly list: string[];

  constructor(
    /** The secrets known before connecting. */
    initial: readonly string[],
  ) {
    this.list = [...initial];
  }

  /** Adds a resolved credential (a provider may return a new one on every connection). */
  remember(secret: string | undefined): void {
    if (secret !== undefined && !this.list.includes(secret)) this.list.push(secret);
  }

  /** The text with every known secret replaced by `[REDACTED]`. */
  redact(text: string): string {
    return redactSecrets(text, this.list);
  }

  /** A frame that echoes a secret must not carry it into `errors$`. */
  redactDecodeError(error: DecodeError, text: string): DecodeError {
    if (this.redact(text) === text) return error;
    const clean = (value: unknown): unknown =>
      typeof value === 'string' ? this.redact(value) : value;
    return new DecodeError(
      error.eventType,
      error.path,
      error.expected,
      clean(error.actual),
      this.redact(text),
      this.redact(error.message),
    );
  }
}
