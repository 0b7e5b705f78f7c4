// Which credential a connection authenticates with, and whether it is a Bearer token or an
// Azure `api-key`. A function key or an Entra token provider is called again for every
// connection so reconnections get fresh ephemeral keys; static keys are known up front so they
// can be redacted even before the first connection.
import type { RealtimeSocketOptions } from './options.js';

type CredentialOptions = Pick<RealtimeSocketOptions, 'apiKey' | 'azure'>;

/**
 * Resolves the credential of the next connection and calls `ready` with it (at once for a
 * static key, later for a provider), or `failed` with why and the provider's own error when it
 * throws or rejects.
 * A provider that settles late is ignored unless `current()` says the connection is still wanted.
 */
export function resolveCredential(
  options: CredentialOptions,
  current: () => boolean,
  ready: (credential: string | undefined, bearer: boolean) => void,
  failed: (message: string, cause: unknown) => void,
): void {
  let credential: string | undefined | Promise<string>;
  let bearer = true;
  try {
    const { azure } = options;
    if (azure) {
      if (azure.tokenProvider) credential = azure.tokenProvider();
      else {
        credential = azure.apiKey;
        bearer = false;
      }
    } else {
      credential = typeof options.apiKey === 'function' ? options.apiKey() : options.apiKey;
    }
  } catch (cause) {
    failed('the key or token provider threw', cause);
    return;
  }
  if (!(credential instanceof Promise)) {
    ready(credential, bearer);
    return;
  }
  credential.then(
    (value) => {
      if (current()) ready(value, bearer);
    },
    (cause: unknown) => {
      if (current()) failed('the key or token provider failed', cause);
    },
  );
}

/** The static keys of the options, to redact from the start. */
export function staticSecrets(options: CredentialOptions): string[] {
  const secrets: string[] = [];
  if (typeof options.apiKey === 'string') secrets.push(options.apiKey);
  if (options.azure?.apiKey) secrets.push(options.azure.apiKey);
  return secrets;
}
