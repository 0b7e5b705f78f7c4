const SECRET_PARAMS = /([?&](?:api-key|api_key|key|token|access_token|authorization)=)[^&#]*/gi;

/** What replaces a secret in logs, errors and `wire$`. *
 * @example
 * ```ts
 * import { REDACTED, redactSecrets } from 'rx-realtime';
 * redactSecrets('sk-123456', ['sk-123456']) === REDACTED; // true
 * ```
 */
export const REDACTED = '[REDACTED]';

/**
 * Replaces the values of query parameters that carry credentials (`api-key`, `key`, `token`,
 * `access_token`, `authorization`) with `[REDACTED]`.
 *
 * @example
 * ```ts
 * import { redactUrl } from 'rx-realtime';
 * redactUrl('wss://r.openai.azure.com/openai/realtime?api-version=2024-10-01-preview&api-key=abc');
 * // 'wss://r.openai.azure.com/openai/realtime?api-version=2024-10-01-preview&api-key=[REDACTED]'
 * ```
 */
export function redactUrl(url: string): string {
  return url.replace(SECRET_PARAMS, `$1${REDACTED}`);
}

/**
 * Replaces every occurrence of the given secrets in a text with `[REDACTED]`, and the
 * `openai-insecure-api-key.<key>` subprotocol form of any key.
 *
 * @example
 * ```ts
 * import { redactSecrets } from 'rx-realtime';
 * redactSecrets('Bearer sk-123', ['sk-123']); // 'Bearer [REDACTED]'
 * ```
 */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  let out = text.replace(/(openai-insecure-api-key\.)[^\s,"']+/g, `$1${REDACTED}`);
  for (const secret of secrets) {
    if (secret.length >= 4) out = out.split(secret).join(REDACTED);
  }
  return out;
}
