// A browser gets its `ek_` key from the app's server. The provider asks for one only when it
// has none or the one it has is about to expire, and lets concurrent connections share one
// request, so a reconnecting socket and a second socket do not mint a key each.
import { asyncScheduler, type SchedulerLike } from 'rxjs';

/**
 * What the fetch function of {@link clientSecretProvider} resolves to: the key and when it
 * expires, in unix **seconds** (the `expires_at` of `POST /v1/realtime/client_secrets`, and
 * `expiresAt` of `createClientSecret`).
 *
 * @example
 * ```ts
 * import type { FetchedClientSecret } from 'rx-realtime';
 * const secret: FetchedClientSecret = { value: 'ek_123', expiresAt: 1767225600 };
 * ```
 */
export interface FetchedClientSecret {
  /** The `ek_...` key. */
  readonly value: string;
  /** Expiry in unix seconds. */
  readonly expiresAt: number;
}

/**
 * Options of {@link clientSecretProvider}.
 *
 * @example
 * ```ts
 * import type { ClientSecretProviderOptions } from 'rx-realtime';
 * const options: ClientSecretProviderOptions = { refreshBeforeMs: 30_000 };
 * ```
 */
export interface ClientSecretProviderOptions {
  /**
   * Fetch a new key when the cached one expires within this many ms. Default 60 000. Capped at
   * half the key's lifetime as seen when it arrived, so a short-lived key is still reused.
   */
  readonly refreshBeforeMs?: number;
  /** The clock (`now()` in epoch ms, compared with `expiresAt`). Default `asyncScheduler`. */
  readonly scheduler?: SchedulerLike;
}

interface Cached {
  readonly value: string;
  /** `scheduler.now()` from which the key counts as stale. */
  readonly refreshAt: number;
}

function checked(secret: unknown): FetchedClientSecret {
  const { value, expiresAt } = (secret ?? {}) as Partial<
    Record<keyof FetchedClientSecret, unknown>
  >;
  if (
    typeof value !== 'string' ||
    value === '' ||
    typeof expiresAt !== 'number' ||
    !Number.isFinite(expiresAt)
  )
    throw new TypeError(
      'clientSecretProvider: the fetch function must resolve to { value: string, expiresAt: number (unix seconds) }',
    );
  return { value, expiresAt };
}

/**
 * Turns "ask my server for a key" into a key provider for `realtimeSocket({ apiKey })` or
 * `webrtcSocket({ clientSecret })`: it caches the key, lets concurrent callers share one
 * fetch, and fetches a new one when the cached key expires within `refreshBeforeMs`. A
 * failed fetch rejects the calls waiting for it; the next call tries again.
 *
 * @example
 * ```ts
 * import { clientSecretProvider, realtimeSocket } from 'rx-realtime';
 * const apiKey = clientSecretProvider(async () => {
 *   const response = await fetch('/api/realtime-key', { method: 'POST' });
 *   return (await response.json()) as { value: string; expiresAt: number };
 * });
 * realtimeSocket({ model: 'gpt-realtime', apiKey, reconnect: true }).subscribe();
 * ```
 */
export function clientSecretProvider(
  fetchSecret: () => Promise<FetchedClientSecret>,
  options: ClientSecretProviderOptions = {},
): () => Promise<string> {
  const scheduler = options.scheduler ?? asyncScheduler;
  const margin = options.refreshBeforeMs ?? 60_000;
  let cached: Cached | undefined;
  let pending: Promise<string> | undefined;

  const remember = (answer: unknown): string => {
    const secret = checked(answer);
    const now = scheduler.now();
    const expiresAtMs = secret.expiresAt * 1000;
    const lifetime = Math.max(0, expiresAtMs - now);
    cached = { value: secret.value, refreshAt: expiresAtMs - Math.min(margin, lifetime / 2) };
    return secret.value;
  };

  /** Starts the request at once; a synchronous throw of `fetchSecret` becomes a rejection. */
  const fetchNew = (): Promise<string> => {
    let answer: Promise<FetchedClientSecret>;
    try {
      answer = Promise.resolve(fetchSecret());
    } catch (cause) {
      answer = Promise.reject(cause);
    }
    return answer.then(remember).finally(() => {
      pending = undefined;
    });
  };

  return () => {
    if (cached && scheduler.now() < cached.refreshAt) return Promise.resolve(cached.value);
    pending ??= fetchNew();
    return pending;
  };
}
