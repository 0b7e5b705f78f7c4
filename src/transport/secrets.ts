// Every credential a socket has seen (the configured keys and each resolved token) must be kept
// out of every value the app can observe: events, `errors$`, `state$`, `wire$`. This list
// collects them as they become known and redacts values against all of them.
import { mayHoldSecret, redactSecrets } from './redact.js';

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

  /** The value with every known secret replaced by `[REDACTED]` in every string inside it. */
  redact<T>(value: T): T {
    return redactSecrets(value, this.list);
  }

  /**
   * A frame text without secrets, for `wire$`: also when one is spelt with JSON escapes
   * (`\u0073k-...`), which a reader parsing the frame would turn back into the secret; such a
   * frame is re-serialised from its redacted parse.
   */
  redactFrame(text: string): string {
    if (!this.mayBeIn(text)) return text;
    const out = this.redact(text);
    if (!out.includes('\\')) return out;
    let parsed: unknown;
    try {
      parsed = JSON.parse(out);
    } catch {
      return out;
    }
    const clean = this.redact(parsed);
    return clean === parsed ? out : JSON.stringify(clean);
  }

  /** Whether the values parsed from this frame text may hold a secret (see {@link mayHoldSecret}). */
  mayBeIn(text: string): boolean {
    return mayHoldSecret(text, this.list);
  }
}
